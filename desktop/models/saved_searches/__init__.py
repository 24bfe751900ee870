"""Saved searches that alert and offer watches, kept per account on this computer, evaluated on the
offline catalog after every sync (no server load, offline-first).

- `store`: `SavedSearchStore` (the durable file), `AccountSearches` (one account's searches and watches);
- `evaluate`: `evaluate_after_sync` → `Alert`s (one per search and sync, one per watched offer crossing);
- `query_codec`: a catalog query as JSON.
"""

from .evaluate import Alert, evaluate_after_sync, price_eur
from .store import AccountSearches, SavedSearch, SavedSearchStore, Watch, WatchKind

__all__ = ["AccountSearches", "Alert", "SavedSearch", "SavedSearchStore", "Watch", "WatchKind",
           "evaluate_after_sync", "price_eur"]
