"""The one error channel: what the user is told of an error (report), its dialog, and the notice after a crash."""
