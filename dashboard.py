"""Belarus timeline dashboard: `streamlit run dashboard.py` (EVENTS_FILE=... for another file)."""

from __future__ import annotations

import streamlit as st

from components.page_data import data_file, load_page_data


def main() -> None:
    st.set_page_config(page_title="Belarus timeline", layout="wide")
    loaded = load_page_data(data_file())
    if loaded.problems:
        st.error("The data file has problems:\n\n" + "\n".join(f"- `{p}`" for p in loaded.problems))
    if loaded.page is None:
        st.stop()
    data = loaded.page.data
    st.title(data.title)
    st.caption(
        f"{len(data.events)} events, {len(data.people)} people, {len(data.sources)} sources, as of {data.as_of.label}"
    )


main()
