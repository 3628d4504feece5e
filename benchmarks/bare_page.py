"""The yardstick for the dashboard's reruns: a bare Streamlit page with the same search box and one line of text.

Served like the dashboard (`streamlit run benchmarks/bare_page.py` from the repository, so the same
.streamlit/config.toml applies) by benchmarks/rerun_ratio.py, which compares the two in one run. With an argument
(`streamlit run benchmarks/bare_page.py -- 34`) it draws that many elements in all, lines of text after the first:
what Streamlit itself costs to send as many elements as the dashboard does, with no work behind them.
"""

import sys

import streamlit as st

query = st.sidebar.text_input("Search", key="f_query")
st.write(f"Searching for {query!r}")
for line in range(int(sys.argv[1]) - 2 if len(sys.argv) > 1 else 0):
    st.text(f"{line}: {query}")
