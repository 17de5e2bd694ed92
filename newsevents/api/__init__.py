"""The REST API and the dashboard server (`newsevents serve`)."""
