"""A seller's listings edits as operations on the outbox, and the outbox's open entries as each row's marks.

    runner.apply(ListingEdits(listings, [Edit(42, {"unit_price": "11.00"}), Edit(43, {}, stock_delta=40)]))
    runner.apply(cell_edit(listings, 42, "threshold", 5))     # local only (Threshold), the same path
    runner.apply(NewOffer(offer_create_json)); runner.apply(DeleteOffers([row]))
    queue_edits(outbox, listings, edits)   # the same, written without a runner (tests, the benchmark)
    marks = pending_marks(outbox)       # {offer_id: Mark(status, fields, message, errors)}

The base of an edit is the offer as the local copy has it, overlaid with the edits still open before it
(an edit of an edit starts from the value the seller sees).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .listings import ListingRow, ListingsStore
from .outbox import Entry, NewEntry, Outbox, Status
from .plans import Local, Plan, supersede, supersede_in, write
from .rules import EDITABLE_FIELDS

__all__ = ["DeleteOffers", "Edit", "ListingEdits", "Mark", "NewOffer", "OpenEntries", "Threshold", "cell_edit",
           "edit_entries", "effective_fields", "marks_by_target", "pending_marks", "queue_create", "queue_delete",
           "queue_edits"]

#: the kinds whose open entries mark a listings row
MARKED_KINDS = ("offer_edit", "offer_delete")


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


class OpenEntries(Protocol):
    """What the marks read (an :class:`~.outbox.Outbox`, or the runner over one)."""

    def open_by_target(self, kinds: Iterable[str]) -> dict[str, list[Entry]]: ...


def marks_by_target(open_entries: Mapping[str, Iterable[Entry]]) -> dict[int, Mark]:
    marks: dict[int, Mark] = {}
    for target, entries in open_entries.items():
        mark = marks_of(e for e in entries if e.kind in MARKED_KINDS)
        if mark is not None:
            marks[int(target)] = mark
    return marks


def pending_marks(outbox: OpenEntries) -> dict[int, Mark]:
    return marks_by_target(outbox.open_by_target(MARKED_KINDS))


def effective_fields(row: ListingRow, mark: Mark | None) -> dict[str, Any]:
    """The row's fields as the seller sees them: the local copy with the open edits over it."""
    values = dict(row.fields)
    if mark is not None:
        values.update(mark.fields)
        if mark.stock_delta and "stock_units" not in mark.fields:
            values["stock_units"] = values["stock_units"] + mark.stock_delta
    return values


def edit_entries(listings: ListingsStore, edits: Iterable[Edit], open_entries: Mapping[str, Iterable[Entry]], *,
                 label: str = "") -> list[NewEntry]:
    """One entry per edit; its base is what the row shows now (the local copy and the open edits over it)."""
    edits = [e for e in edits if e.fields or e.stock_delta]
    if not edits:
        return []
    rows = listings.rows([e.offer_id for e in edits])
    marks = marks_by_target(open_entries)
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
    return news


@dataclass(frozen=True)
class ListingEdits:
    """Edits of offers (a cell, a delta, a bulk edit or its undo: ``group_id``), as the outbox's rule
    makes them (:func:`.plans.supersede`: a refused edit of the same field is revised, else queued)."""

    listings: ListingsStore
    edits: Sequence[Edit]
    group_id: str | None = None
    label: str = ""

    def plan(self, outbox: Outbox) -> Plan:
        open_entries = outbox.open_by_target(MARKED_KINDS)
        news = edit_entries(self.listings, self.edits, open_entries, label=self.label)
        return supersede(open_entries, news, group_id=self.group_id)


@dataclass(frozen=True)
class Threshold:
    """An offer's own low-stock threshold (None: the default again): local only, never sent."""

    listings: ListingsStore
    offer_id: int
    units: int | None

    def plan(self, outbox: Outbox) -> Plan:
        return Plan.of(Local(lambda: self.listings.set_threshold(self.offer_id, self.units)))


def cell_edit(listings: ListingsStore, offer_id: int, name: str, value: object) -> ListingEdits | Threshold:
    """What a valid cell edit becomes: the threshold stays on this machine, any other field is an edit."""
    if name == "threshold":
        return Threshold(listings, offer_id, value if isinstance(value, int) else None)
    return ListingEdits(listings, [Edit(offer_id, {name: value})], label=name)


@dataclass(frozen=True)
class NewOffer:
    """A new offer (OfferCreate JSON); its row appears once the server has it."""

    offer: Mapping[str, Any]
    label: str = ""

    def plan(self, outbox: Outbox) -> Plan:
        return supersede_in(outbox, [NewEntry("offer_create", str(self.offer["sku"]), {"offer": dict(self.offer)},
                                              {}, self.label)])


@dataclass(frozen=True)
class DeleteOffers:
    rows: Sequence[ListingRow]
    label: str = ""

    def plan(self, outbox: Outbox) -> Plan:
        return supersede_in(outbox, [NewEntry("offer_delete", str(r.id), {}, {"version": r.version, "sku": r.sku},
                                              self.label) for r in self.rows])


def queue_edits(outbox: Outbox, listings: ListingsStore, edits: Iterable[Edit], *,
                group_id: str | None = None, label: str = "") -> list[Entry]:
    """:class:`ListingEdits` written to ``outbox`` (no drain: the runner's ``apply`` starts one)."""
    return write(outbox, ListingEdits(listings, list(edits), group_id, label).plan(outbox))


def new_group() -> str:
    return uuid.uuid4().hex


def queue_create(outbox: Outbox, offer: Mapping[str, Any], *, label: str = "") -> Entry:
    return write(outbox, NewOffer(offer, label).plan(outbox))[0]


def queue_delete(outbox: Outbox, row: ListingRow, *, label: str = "") -> Entry:
    return write(outbox, DeleteOffers([row], label).plan(outbox))[0]
