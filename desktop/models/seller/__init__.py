"""The seller's workspace: listings, the outbox, CSV import and export, fulfilment and questions."""
