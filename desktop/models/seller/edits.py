"""Turning a seller's edits into outbox entries, and the outbox's open entries into each row's marks.

    queue_edits(outbox, listings, [Edit(42, {"unit_price": "11.00"}), Edit(43, {}, stock_delta=40)])
    queue_create(outbox, offer_create_json); queue_delete(outbox, row)
    marks = pending_marks(outbox)       # {offer_id: Mark(status, fields, message, errors)}

The base of an edit is the offer as the local copy has it, overlaid with the edits still open before it
(an edit of an edit starts from the value the seller sees).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .listings import ListingRow, ListingsStore
from .outbox import Entry, NewEntry, Outbox, Status
from .rules import EDITABLE_FIELDS

__all__ = ["Edit", "Mark", "effective_fields", "pending_marks", "queue_create", "queue_delete", "queue_edits"]


@dataclass(frozen=True)
class Edit:
    offer_id: int
    fields: dict[str, Any]  # JSON form (fields.to_wire)
    stock_delta: int | None = None
    label: str = ""


@dataclass
class Mark:
    """What a row shows of its open entries: the worst status, the values still to be sent, the
    server's message and per-field errors of a refusal."""

    status: str
    fields: dict[str, Any] = field(default_factory=dict)
    stock_delta: int = 0
    message: str | None = None
    errors: dict[str, str] = field(default_factory=dict)  # field → server message
    entry_ids: list[int] = field(default_factory=list)
    deleting: bool = False


_RANK = {Status.SENT: 0, Status.WAITING: 1, Status.SENDING: 2, Status.REFUSED: 3, Status.CONFLICT: 4}


def _field_of(name: str | None) -> str | None:
    if not name:
        return None
    for part in name.replace("[", ".").split("."):
        if part in EDITABLE_FIELDS:
            return part
    return None


def marks_of(entries: Iterable[Entry]) -> Mark | None:
    mark: Mark | None = None
    for entry in entries:
        if entry.status == Status.SENT:
            continue
        if mark is None:
            mark = Mark(entry.status)
        elif _RANK[entry.status] > _RANK[mark.status]:
            mark.status = entry.status
        mark.entry_ids.append(entry.id)
        if entry.kind == "offer_delete":
            mark.deleting = True
        mark.fields.update(entry.payload.get("fields", {}))
        mark.stock_delta += int(entry.payload.get("stock_delta") or 0)
        if entry.status in (Status.REFUSED, Status.CONFLICT):
            mark.message = entry.message
            sent = entry.payload.get("fields", {})
            for error in entry.errors:
                name = _field_of(error.get("field"))
                if name:
                    mark.errors[name] = error.get("message") or entry.message or ""
                if name == "price_tiers" and name not in sent:  # the MOQ or price edit the tiers no longer fit
                    for edited in ("moq_units", "unit_price"):
                        if edited in sent:
                            mark.errors[edited] = mark.errors[name]
            if entry.status == Status.CONFLICT:
                for name in (entry.detail or {}).get("fields", []):
                    mark.errors.setdefault(name, entry.message or "")
    return mark


def pending_marks(outbox: Outbox) -> dict[int, Mark]:
    marks: dict[int, Mark] = {}
    for target, entries in outbox.open_by_target(("offer_edit", "offer_delete")).items():
        mark = marks_of(entries)
        if mark is not None:
            marks[int(target)] = mark
    return marks


def effective_fields(row: ListingRow, mark: Mark | None) -> dict[str, Any]:
    """The row's fields as the seller sees them: the local copy with the open edits over it."""
    values = dict(row.fields)
    if mark is not None:
        values.update(mark.fields)
        if mark.stock_delta and "stock_units" not in mark.fields:
            values["stock_units"] = values["stock_units"] + mark.stock_delta
    return values


def queue_edits(outbox: Outbox, listings: ListingsStore, edits: Iterable[Edit], *,
                group_id: str | None = None, label: str = "") -> list[Entry]:
    """One entry per edit, all committed together; their base is what each row shows now."""
    edits = [e for e in edits if e.fields or e.stock_delta]
    if not edits:
        return []
    rows = listings.rows([e.offer_id for e in edits])
    marks = pending_marks(outbox)
    news = []
    for edit in edits:
        row = rows.get(edit.offer_id)
        if row is None:
            continue
        shown = effective_fields(row, marks.get(edit.offer_id))
        names = set(edit.fields) | ({"stock_units"} if edit.stock_delta else set())
        base = {"version": row.version, "updated_at": row.updated_at.isoformat(),
                "sku": row.sku, "fields": {n: shown.get(n) for n in names}}
        if edit.stock_delta:
            base["fields"]["stock_units"] = row.stock_units  # a delta re-bases on the server's stock
        payload = {"fields": dict(edit.fields), "stock_delta": edit.stock_delta}
        news.append(NewEntry("offer_edit", str(edit.offer_id), payload, base, edit.label or label))
    return outbox.enqueue_many(news, group_id=group_id)


def new_group() -> str:
    return uuid.uuid4().hex


def queue_create(outbox: Outbox, offer: Mapping[str, Any], *, label: str = "") -> Entry:
    """A new offer (OfferCreate JSON); its row appears once the server has it."""
    return outbox.enqueue("offer_create", str(offer["sku"]), {"offer": dict(offer)}, {}, label=label)


def queue_delete(outbox: Outbox, row: ListingRow, *, label: str = "") -> Entry:
    return outbox.enqueue("offer_delete", str(row.id), {}, {"version": row.version, "sku": row.sku}, label=label)
