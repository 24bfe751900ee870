"""The Settings dialog, and what a saved setting changes in the running app."""
