"""The seller workspace's plain parts (no Qt): listings, the durable outbox and its senders, CSV, and
fulfilment (``fulfilment``: shipping progress, cancels, answers as ``(client, payload)`` handlers)."""
