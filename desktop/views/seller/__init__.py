"""The seller's screens (Qt)."""
