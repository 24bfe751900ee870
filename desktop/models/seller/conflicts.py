"""A conflicting edit, field by field, and the seller's word on it.

    for item in conflict_fields(entry):        # base (started from), mine, theirs, changed_at
        ...
    runner.apply(Resolution(entry, {"unit_price": MINE, "stock_units": THEIRS, "moq_units": ("edit", 24)}))
    resolve(outbox, entry, choices)            # the same, written without a runner

Keep mine: my value is sent again, now based on the server's current version (a new attempt with the
entry's own key; the server released it with the 412). Take theirs: the field leaves the edit. An edit
with no field left leaves the outbox (the server's offer stays as it is). A delta keeps being a delta.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .fields import offer_fields, same
from .outbox import Entry, Outbox
from .plans import Discard, Plan, Revise, write

__all__ = ["MINE", "THEIRS", "ConflictField", "Resolution", "conflict_fields", "resolve"]

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class ConflictField:
    name: str
    base: Any
    mine: Any
    theirs: Any
    changed_at: datetime | None
    clashes: bool  # someone else changed it to another value (else it merges by itself)


def _current(entry: Entry) -> dict[str, Any] | None:
    return (entry.detail or {}).get("current")


def conflict_fields(entry: Entry) -> list[ConflictField]:
    current = _current(entry)
    theirs = offer_fields(current) if current else {}
    when = datetime.fromisoformat(str(current["updated_at"]).replace("Z", "+00:00")) if current else None
    base = entry.base.get("fields", {})
    clashing = set((entry.detail or {}).get("fields", []))
    out = []
    mine_fields = dict(entry.payload.get("fields", {}))
    delta = entry.payload.get("stock_delta")
    if delta:
        mine_fields.setdefault("stock_units", f"{int(delta):+d}")
    for name, mine in mine_fields.items():
        value = theirs.get(name)
        out.append(ConflictField(name, base.get(name), mine, value, when,
                                 name in clashing or (not same(name, value, base.get(name))
                                                       and not same(name, value, mine))))
    return out


@dataclass(frozen=True)
class Resolution:
    """The seller's choice per field (MINE, THEIRS, or ("edit", JSON value)) on a conflicting entry;
    fields not named keep mine. Nothing left to send: the entry leaves the outbox."""

    entry: Entry
    choices: Mapping[str, Any]

    def plan(self, outbox: Outbox) -> Plan:
        entry, current = self.entry, _current(self.entry)
        fields = dict(entry.payload.get("fields", {}))
        delta = entry.payload.get("stock_delta")
        for name, choice in self.choices.items():
            if choice == THEIRS:
                fields.pop(name, None)
                if name == "stock_units":
                    delta = None
            elif isinstance(choice, tuple) and choice[0] == "edit":
                fields[name] = choice[1]
                if name == "stock_units":
                    delta = None
        if not fields and not delta:
            return Plan.of(Discard(entry.id))
        theirs = offer_fields(current) if current else {}
        started = entry.base.get("fields", {})
        base: dict[str, Any] = {"version": int(current["version"]) if current else entry.base.get("version"),
                                "updated_at": current.get("updated_at") if current else entry.base.get("updated_at"),
                                "sku": entry.base.get("sku"),
                                "fields": {n: theirs.get(n, started.get(n)) for n in fields}}
        if delta:
            base["fields"]["stock_units"] = theirs.get("stock_units", started.get("stock_units"))
        return Plan.of(Revise(entry.id, {"fields": fields, "stock_delta": delta}, base))


def resolve(outbox: Outbox, entry: Entry, choices: Mapping[str, Any]) -> bool:
    """:class:`Resolution` written to ``outbox``. Returns False when nothing is left to send (the entry
    is gone)."""
    plan = Resolution(entry, choices).plan(outbox)
    write(outbox, plan)
    return not isinstance(plan.steps[0], Discard)
