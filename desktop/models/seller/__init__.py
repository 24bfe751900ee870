"""The seller's workspace, without Qt: the local copy of the listings, the server's rules per field,
bulk edits, the durable outbox with its sender (see outbox.py and sender.py for the API), CSV import and
export (csv_files, import_check, tracking_csv, watch_folder) and fulfilment (fulfilment: shipping
progress, cancels, answers as (client, payload) handlers)."""

from .bulk import BulkOp, Change, Target, UndoLast, edits_of, inverse_of, paste_changes, preview
from .conflicts import Resolution
from .edits import (
    DeleteOffers,
    Edit,
    ListingEdits,
    Mark,
    NewOffer,
    Threshold,
    cell_edit,
    effective_fields,
    new_group,
    pending_marks,
    queue_create,
    queue_delete,
    queue_edits,
)
from .identity import Identified, KeptElsewhere, MarketplaceIdentity, SellerFiles
from .listings import ListingQuery, ListingRow, ListingsStore
from .offer_handlers import OFFER_KINDS, OfferHandlers
from .outbox import Entry, NewEntry, Outbox, Status
from .plans import Operation, Plan
from .sender import Conflict, DrainReport, Rebase, Refused, Sender
from .writes import AnswerWrite, DiscardEntries, OrderWrites, RetryEntries

__all__ = [
    "OFFER_KINDS", "AnswerWrite", "BulkOp", "Change", "Conflict", "DeleteOffers", "DiscardEntries", "DrainReport",
    "Edit", "Entry", "Identified", "KeptElsewhere", "ListingEdits", "ListingQuery", "ListingRow", "ListingsStore",
    "Mark", "MarketplaceIdentity", "NewEntry", "NewOffer",
    "OfferHandlers", "Operation", "OrderWrites", "Outbox", "Plan", "Rebase", "Refused", "Resolution",
    "RetryEntries", "SellerFiles", "Sender", "Status", "Target", "Threshold", "UndoLast", "cell_edit", "edits_of",
    "effective_fields", "inverse_of", "new_group", "paste_changes", "pending_marks", "preview", "queue_create",
    "queue_delete", "queue_edits",
]
