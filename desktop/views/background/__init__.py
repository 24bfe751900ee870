"""Work off the GUI thread: the query and mutation ops, and the one dispatcher that brings their results back."""
