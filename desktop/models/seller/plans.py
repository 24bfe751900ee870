"""What a seller's write becomes in the outbox, decided here for every writer (Anki's operations).

    op = ListingEdits(listings, [Edit(42, {"unit_price": "11.00"})])   # edits.py; writes.py: orders, answers
    plan = op.plan(outbox)            # the model decides: steps to queue, revise, discard…
    entries = write(outbox, plan)     # OutboxRunner.apply(op) does both, then starts the drain

A writer is an :class:`Operation` (``plan(outbox) -> Plan``); a new one (a company approval, a quote
answer) builds its :class:`~.outbox.NewEntry` values and returns ``supersede_in(outbox, news)``, and its
kind gets a handler on the :class:`~.sender.Sender`. Views only hand the operation to the runner.

**A new write of a target that already has open entries** (:func:`supersede`, the one rule):

* a **refused** entry of the same kind and target that the new write *overlaps* is superseded: it is
  revised with the new value and sent again in its place, under its own key (the server keeps only
  2xx answers under a key, so the revised request is a fresh attempt). Overlapping: an offer edit
  shares a field with it (a stock delta counts as ``stock_units``); any other kind (shipping, a
  cancel, an answer, a create or delete) always, its payload being the whole write. The new value
  goes over the refused one (an offer edit's fields merge, the new ones winning; any other kind's
  payload is replaced). Later refused entries it overlaps are folded into the first and discarded:
  one fix, one entry. *Why:* a refusal is the server's "not this"; the seller's next word on the
  same thing is the fix, not a second write waiting behind the refused one, and keeping the place
  keeps the target's writes in the order the seller made them.
* a **conflict** entry is left as it is and the new write is queued behind it (it waits there, see
  :meth:`~.outbox.Outbox.next_to_send`). *Why:* a conflict is a question the seller has not answered
  yet (mine or theirs, field by field, in the conflict view); a later edit must not answer it
  silently, and the server's current values it holds are still what that view needs.
* **waiting** or **sending** entries are left as they are; the new write is queued after them (a
  sending entry may already be on the server: only a new entry can follow it safely).

A grouped write (a bulk edit, its undo) moves the entries it revises into its group, so undoing it
undoes them too (back to their base: the value before the refused one, which never reached the server).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from .outbox import Entry, NewEntry, Outbox, Status

__all__ = ["Discard", "ForgetGroup", "Local", "Operation", "Plan", "Queue", "Retry", "Revise", "overlaps", "supersede",
           "supersede_in", "write"]


@dataclass(frozen=True)
class Queue:
    """New entries, committed together (one group when ``group_id``)."""

    entries: tuple[NewEntry, ...]
    group_id: str | None = None


@dataclass(frozen=True)
class Revise:
    """An open entry sent again with this payload (and base), in its place, under its key."""

    entry_id: int
    payload: dict[str, Any]
    base: dict[str, Any] | None = None
    group_id: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Discard:
    entry_id: int


@dataclass(frozen=True)
class Retry:
    """Sent again as it is (a refused or conflicting entry)."""

    entry_id: int


@dataclass(frozen=True)
class ForgetGroup:
    """The group was undone: it is no longer what Undo undoes."""

    group_id: str


@dataclass(frozen=True)
class Local:
    """A write that never leaves the machine (an offer's own low-stock threshold): done in its turn."""

    apply: Callable[[], None]


Step = Queue | Revise | Discard | Retry | ForgetGroup | Local


@dataclass(frozen=True)
class Plan:
    """An operation's steps, written in this order. ``results`` names, per new write, the step that
    holds it (the entry queued or revised), so the caller gets its entries back in its own order."""

    steps: tuple[Step, ...] = ()
    results: tuple[tuple[int, int], ...] = ()  # (step index, index in a Queue or 0)

    @classmethod
    def of(cls, *steps: Step) -> Plan:
        return cls(tuple(steps))

    def __add__(self, other: Plan) -> Plan:
        shift = len(self.steps)
        return Plan(self.steps + other.steps, self.results + tuple((s + shift, i) for s, i in other.results))


class Operation(Protocol):
    def plan(self, outbox: Outbox) -> Plan: ...


# -- the rule ------------------------------------------------------------------------------------------


def _names(payload: Mapping[str, Any]) -> set[str]:
    names = set(payload.get("fields") or {})
    return names | {"stock_units"} if payload.get("stock_delta") else names


def overlaps(entry: Entry, new: NewEntry) -> bool:
    """Whether ``new`` writes what ``entry`` writes (same kind and target; offer edits: a field in common)."""
    if entry.kind != new.kind or entry.target != new.target:
        return False
    return bool(_names(entry.payload) & _names(new.payload)) if new.kind == "offer_edit" else True


def _over(entry: Entry, new: NewEntry) -> Entry:
    """``entry`` with ``new`` written over it (payload, base, label)."""
    if new.kind != "offer_edit":
        return replace(entry, payload=dict(new.payload), base=dict(new.base), label=new.label or entry.label)
    fields = dict(entry.payload.get("fields", {}))
    delta = entry.payload.get("stock_delta")
    if "stock_units" in _names(new.payload):  # a new stock (typed or a delta) replaces the refused one
        fields.pop("stock_units", None)
        delta = new.payload.get("stock_delta")
    fields.update(new.payload.get("fields", {}))
    payload = {**entry.payload, "fields": fields, "stock_delta": delta}
    started = {**new.base.get("fields", {}), **entry.base.get("fields", {})}  # each field's value before
    if delta:
        started["stock_units"] = new.base.get("fields", {}).get("stock_units", started.get("stock_units"))
    base = {**new.base, **entry.base, "fields": {n: started.get(n) for n in _names(payload)}}
    return replace(entry, payload=payload, base=base, label=entry.label or new.label)


def supersede(open_entries: Mapping[str, Sequence[Entry]], news: Iterable[NewEntry], *,
              group_id: str | None = None) -> Plan:
    """The plan for ``news`` given the outbox's open entries per target (``Outbox.open_by_target``):
    each new write revises the refused entries it overlaps, else is queued (see the module's rule)."""
    revised: dict[int, Entry] = {}  # refused entries as revised so far
    gone: list[int] = []
    queued: list[NewEntry] = []
    picks: list[tuple[str, int]] = []  # per new write: ("revise", entry id) or ("queue", index in queued)
    for new in news:
        refused = [revised.get(e.id, e) for e in open_entries.get(new.target, ())
                   if e.status == Status.REFUSED and e.id not in gone and overlaps(e, new)]
        if not refused:
            picks.append(("queue", len(queued)))
            queued.append(new)
            continue
        first = refused[0]
        for other in refused[1:]:  # folded into the first, then discarded
            first = _over(first, NewEntry(other.kind, other.target, other.payload, other.base, other.label))
            gone.append(other.id)
            revised.pop(other.id, None)
            picks = [("revise", first.id) if p == ("revise", other.id) else p for p in picks]
        revised[first.id] = _over(first, new)
        picks.append(("revise", first.id))
    steps: list[Step] = [Discard(i) for i in gone]
    at: dict[int, int] = {}
    for entry in revised.values():
        at[entry.id] = len(steps)
        steps.append(Revise(entry.id, entry.payload, entry.base, group_id, entry.label))
    queue_at = len(steps)
    if queued:
        steps.append(Queue(tuple(queued), group_id))
    return Plan(tuple(steps), tuple((at[i], 0) if how == "revise" else (queue_at, i) for how, i in picks))


def supersede_in(outbox: Outbox, news: Sequence[NewEntry], *, group_id: str | None = None) -> Plan:
    """:func:`supersede` over the outbox's open entries of the news' kinds."""
    kinds = sorted({n.kind for n in news})
    return supersede(outbox.open_by_target(kinds), news, group_id=group_id) if kinds else Plan()


# -- writing -------------------------------------------------------------------------------------------


def write(outbox: Outbox, plan: Plan) -> list[Entry]:
    """Write the plan's steps in order (each committed when it returns); the entries of its new writes."""
    made: dict[int, list[Entry]] = {}
    for index, step in enumerate(plan.steps):
        if isinstance(step, Queue):
            made[index] = outbox.enqueue_many(step.entries, group_id=step.group_id)
        elif isinstance(step, Revise):
            outbox.revise(step.entry_id, step.payload, step.base, group_id=step.group_id, label=step.label)
            made[index] = outbox.get_many([step.entry_id])
        elif isinstance(step, Discard):
            outbox.discard(step.entry_id)
        elif isinstance(step, Retry):
            outbox.retry(step.entry_id)
        elif isinstance(step, ForgetGroup):
            outbox.forget_group(step.group_id)
        else:
            step.apply()
    return [made[s][i] for s, i in plan.results if s in made and i < len(made[s])]
