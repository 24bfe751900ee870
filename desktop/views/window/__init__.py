"""The main window and its chrome: navigation and pages, the status bar, the offline banner, desktop notices, icons and
theme.
"""
