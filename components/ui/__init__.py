"""The Streamlit page: the only layer that imports streamlit."""
