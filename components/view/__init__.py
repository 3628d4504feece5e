"""From validated data to what readers see: frames, filters, search, figures, tables and downloads (no Streamlit)."""
