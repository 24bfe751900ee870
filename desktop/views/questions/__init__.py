"""Questions to a seller ("Contact the seller"), asked from an offer or an order."""
