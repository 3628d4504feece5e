"""Adding entries to the data file: drafts from the form, the byte-preserving writer, safe saves, permissions."""
