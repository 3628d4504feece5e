"""The yardstick for the dashboard's reruns: a bare Streamlit page with the same search box and one line of text.

Served like the dashboard (`streamlit run benchmarks/bare_page.py` from the repository, so the same
.streamlit/config.toml applies) by benchmarks/rerun_ratio.py, which compares the two in one run.
"""

import streamlit as st

query = st.sidebar.text_input("Search", key="f_query")
st.write(f"Searching for {query!r}")
