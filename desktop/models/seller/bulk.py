"""Bulk edits of a selection, their preview, the inverse (undo), and a pasted spreadsheet block.

    changes = preview(BulkOp("price_percent", Decimal("-10")), targets)   # [Change(...)], nothing sent
    edits = edits_of(changes)                   # → edits.queue_edits(outbox, listings, edits, group_id=g)
    undo = inverse_of(outbox.group(g))          # the last operation's inverse: queued the same way
    changes = paste_changes(clipboard_text, targets_by_sku, columns=["sku", "stock_units"])

A **target** is ``(offer_id, sku, fields)``: the offer's fields as the seller sees them (JSON form,
edits.effective_fields). A :class:`Change` is one field of one offer: before, after, or the refusal
(the server's rule it breaks, from :mod:`.rules`), so the preview shows everything at once.

A price change (set, or by a percentage) scales the offer's volume prices by the same ratio, rounded to
the cent, so they stay below it: a second change of the same offer (field ``price_tiers``), sent in the
same PATCH. Every offer is checked as the edit would leave it (``rules.check_after``): when its tiers
no longer fit, each of its changes is refused, and none is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.models.seller.fields import FieldValue

from . import rules
from .edits import Edit, ListingEdits
from .fields import from_wire, same, to_wire
from .listings import ListingsStore
from .outbox import Entry, Outbox
from .paste import read_block
from .plans import ForgetGroup, Plan

__all__ = ["OPERATIONS", "BulkOp", "Change", "Target", "UndoLast", "edits_of", "inverse_of", "paste_changes",
           "preview", "scale_tiers"]

OPERATIONS = ("set_stock", "adjust_stock", "set_price", "price_percent", "start_promotion", "end_promotion",
              "add_collection", "remove_collection")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Target:
    offer_id: int
    sku: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class BulkOp:
    kind: str  # one of OPERATIONS
    value: Any = None  # int units, Decimal price or percent, a collection name, a discount percent
    ends_at: datetime | None = None  # start_promotion


@dataclass(frozen=True)
class Change:
    offer_id: int
    sku: str
    field: str
    before: Any  # JSON form
    after: Any
    refusal: rules.Problem | None = None
    stock_delta: int | None = None  # adjust_stock: sent as a delta, re-based on the server's stock

    @property
    def changes_something(self) -> bool:
        return self.refusal is None and (self.stock_delta is not None or not same(self.field, self.before, self.after))


def _after(op: BulkOp, fields: Mapping[str, Any]) -> tuple[str, Any, int | None]:
    kind = op.kind
    if kind == "set_stock":
        return "stock_units", int(op.value), None
    if kind == "adjust_stock":
        return "stock_units", fields["stock_units"] + int(op.value), int(op.value)
    if kind == "set_price":
        return "unit_price", Decimal(op.value), None
    if kind == "price_percent":
        price = Decimal(fields["unit_price"]) * (100 + Decimal(op.value)) / 100
        return "unit_price", price.quantize(_CENT, rounding=ROUND_HALF_UP), None
    if kind == "start_promotion":
        return "promotion", {"discount_percent": int(op.value), "ends_at": op.ends_at}, None
    if kind == "end_promotion":
        return "promotion", None, None
    if kind in ("add_collection", "remove_collection"):
        names = set(fields.get("collections") or ())
        names = names | {op.value} if kind == "add_collection" else names - {op.value}
        return "collections", sorted(names), None
    raise ValueError(f"unknown bulk operation {kind!r}")


def scale_tiers(tiers: Iterable[Sequence[Any]], ratio: Decimal) -> list[list[Any]]:
    """Volume prices (JSON form) times ``ratio``, each rounded to the cent (JSON form)."""
    return [[int(units), str((Decimal(str(price)) * ratio).quantize(_CENT, rounding=ROUND_HALF_UP))]
            for units, price in tiers]


def _ratio(op: BulkOp, before: FieldValue, after: Decimal) -> Decimal | None:
    """How a price operation changes prices: the percentage's own ratio, or new / old for a set price."""
    if op.kind == "price_percent":
        return (100 + Decimal(op.value)) / 100
    old = Decimal(str(before))
    return after / old if old > 0 else None


def preview(op: BulkOp, targets: Iterable[Target], *, now: datetime | None = None) -> list[Change]:
    """Every offer's change (or refusal) under ``op``; those it leaves as they are are left out."""
    changes = []
    for target in targets:
        name, value, delta = _after(op, target.fields)
        problem = rules.check(name, value, now=now)
        if delta is not None:
            problem = rules.check_delta(target.fields["stock_units"], delta) or problem
        after = to_wire(name, value) if problem is None else _loose_wire(name, value)
        offer = [Change(target.offer_id, target.sku, name, target.fields.get(name), after, problem, delta)]
        tiers = target.fields.get("price_tiers")
        ratio = _ratio(op, target.fields.get(name), value) if name == "unit_price" and problem is None else None
        if tiers and ratio is not None:
            offer.append(Change(target.offer_id, target.sku, "price_tiers", tiers, scale_tiers(tiers, ratio)))
        changes.extend(c for c in _checked(offer, target) if c.refusal is not None or c.changes_something)
    return changes


def _checked(changes: list[Change], target: Target) -> list[Change]:
    """``changes`` of one offer, each refused when the offer as they leave it breaks a tier rule."""
    edit = {c.field: c.after for c in changes if c.refusal is None and c.stock_delta is None}
    problems = rules.check_after(target.fields, edit)
    if not problems:
        return changes
    problem = next(iter(problems.values()))
    return [replace(c, refusal=problem) if c.refusal is None and c.field in edit else c for c in changes]


def _loose_wire(name: str, value: FieldValue) -> Any:
    try:
        return to_wire(name, value)
    except Exception:
        return str(value)


def edits_of(changes: Iterable[Change], label: str = "") -> list[Edit]:
    """The edits to queue (one per offer; refusals and no-ops left out)."""
    by_offer: dict[int, Edit] = {}
    for change in changes:
        if not change.changes_something:
            continue
        edit = by_offer.get(change.offer_id) or Edit(change.offer_id, {}, None, label)
        fields = dict(edit.fields)
        delta = edit.stock_delta
        if change.stock_delta is not None:
            delta = (delta or 0) + change.stock_delta
        else:
            fields[change.field] = change.after
        by_offer[change.offer_id] = Edit(change.offer_id, fields, delta, label)
    return list(by_offer.values())


def inverse_of(entries: Sequence[Entry]) -> list[Edit]:
    """The edits that undo a queued operation: each field back to the value it started from, a delta
    by its opposite. Queued like any edit (the same outbox path, the same merge on the way)."""
    undo = []
    for entry in reversed(entries):
        if entry.kind != "offer_edit":
            continue
        delta = entry.payload.get("stock_delta")
        fields = {n: v for n, v in entry.base.get("fields", {}).items()
                  if n in entry.payload.get("fields", {})}
        undo.append(Edit(int(entry.target), fields, -int(delta) if delta else None))
    return undo


@dataclass(frozen=True)
class UndoLast:
    """Undo the last bulk operation: its inverse queued as a group of its own (``undo:<group>``), and the
    group leaves the undo chain (nothing when no operation is left to undo)."""

    listings: ListingsStore

    def plan(self, outbox: Outbox) -> Plan:
        group = outbox.last_group()
        if group is None:
            return Plan()
        undo = ListingEdits(self.listings, inverse_of(outbox.group(group)), group_id="undo:" + group)
        return undo.plan(outbox) + Plan.of(ForgetGroup(group))


def paste_changes(text: str, targets: Mapping[str, Target], columns: Sequence[str | None] | None = None,
                  *, now: datetime | None = None, headers: Mapping[str, str | None] | None = None,
                  names: Mapping[str, str] | None = None) -> list[Change]:
    """A block copied from a spreadsheet (:func:`.paste.read_block`: a first row of column names such
    as ``sku stock price``, or the table's headers, maps it; else ``columns`` when given, the seller's
    answer; else its content, when certain): rows matched by SKU, as changes. Each cell means what the
    same text typed into that cell means ("+10" in a stock adds 10; ``names``: the collections' shown
    names, as ``rules.parse_cell`` takes them)."""
    block = read_block(text, targets.keys(), headers)
    if not block.rows:
        return []
    fields = block.columns if block.by_header or columns is None else list(columns)
    if "sku" not in fields or (columns is None and not block.by_header and not block.certain):
        return [Change(0, "", "sku", None, None, rules.Problem(
            "no_sku_column", "The first column must be the SKU (or give a header row: sku, stock, price…)."))]
    at = fields.index("sku")
    changes: list[Change] = []
    for row in block.rows:
        sku = row[at].strip() if at < len(row) else ""
        target = targets.get(sku)
        start = len(changes)
        for name, cell in zip(fields, row, strict=False):
            if name is None or name == "sku":
                continue
            if target is None:
                changes.append(Change(0, sku, name, None, cell, rules.Problem(
                    "unknown_sku", "No offer of yours has this SKU.")))
                break
            changes.extend(_pasted(target, name, cell, now, names))
        if target is not None:
            changes[start:] = _checked(changes[start:], target)
    return changes


def _pasted(target: Target, name: str, cell: str, now: datetime | None,
            names: Mapping[str, str] | None) -> list[Change]:
    """One pasted cell as the change typing it would make (none when it leaves the field as it is)."""
    before = target.fields.get(name)
    delta = rules.parse_delta(cell) if name == "stock_units" else None
    if delta is not None:
        units = delta[0]
        return [Change(target.offer_id, target.sku, name, before, (before or 0) + units,
                       rules.check_delta(before or 0, units), units)]
    try:
        value = to_wire(name, rules.parse_cell(name, cell, now=now, names=names))
    except rules.RuleError as exc:
        return [Change(target.offer_id, target.sku, name, before, cell, exc.problem)]
    change = Change(target.offer_id, target.sku, name, before, value)
    return [change] if change.changes_something else []


def value_for_check(name: str, wire: FieldValue) -> Any:
    """A JSON value back as rules.check takes it (for re-checking a stored edit)."""
    return from_wire(name, wire)
