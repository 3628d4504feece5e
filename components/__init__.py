"""Belarus timeline: load, validate and shape events.yaml for the dashboard."""
