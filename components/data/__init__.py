"""Reading and validating events.yaml: the YAML reader, the model, cross-checks and located problems."""
