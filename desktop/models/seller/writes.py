"""The orders' and questions' writes as outbox operations, and the seller's word on open entries.

    runner.apply(OrderWrites(fulfilment.KIND_SHIPPING, [fulfilment.shipping_payload(ref, "preparing")]))
    runner.apply(AnswerWrite(fulfilment.answer_payload(question_id, text)))
    runner.apply(RetryEntries(chosen)); runner.apply(DiscardEntries(chosen))

What a new write becomes next to the target's open entries is :func:`.plans.supersede`'s rule (a
refused write of the order or question is revised with the new one; a conflict waits for the seller).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .fulfilment import KIND_ANSWER
from .outbox import Entry, NewEntry, Outbox, Status
from .plans import Discard, Plan, Retry, supersede_in

__all__ = ["AnswerWrite", "DiscardEntries", "OrderWrites", "RetryEntries", "short"]


def short(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters (an entry's label in the pending list)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _body(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != "idempotency_key"}  # the outbox keeps its own key


@dataclass(frozen=True)
class OrderWrites:
    """Shipping updates or cancels (``kind``), one entry per order (``payload["ref"]``)."""

    kind: str
    payloads: Sequence[Mapping[str, Any]]

    def plan(self, outbox: Outbox) -> Plan:
        news = [NewEntry(self.kind, str(p["ref"]), _body(p), {}, f"{p['ref']}: {p.get('status') or 'cancel'}")
                for p in self.payloads]
        return supersede_in(outbox, news)


@dataclass(frozen=True)
class AnswerWrite:
    """The seller's answer to a question (``fulfilment.answer_payload``)."""

    payload: Mapping[str, Any]

    def plan(self, outbox: Outbox) -> Plan:
        body = _body(self.payload)
        return supersede_in(outbox, [NewEntry(KIND_ANSWER, str(body["question_id"]), body, {},
                                              short(str(body["message"])))])


@dataclass(frozen=True)
class RetryEntries:
    """Send them again as they are: the refused and conflicting ones (the others are on their way)."""

    entries: Iterable[Entry]

    def plan(self, outbox: Outbox) -> Plan:
        return Plan.of(*(Retry(e.id) for e in self.entries if e.status in (Status.CONFLICT, Status.REFUSED)))


@dataclass(frozen=True)
class DiscardEntries:
    """Give them up: all but those being sent or already sent."""

    entries: Iterable[Entry]

    def plan(self, outbox: Outbox) -> Plan:
        return Plan.of(*(Discard(e.id) for e in self.entries if e.status not in (Status.SENDING, Status.SENT)))
