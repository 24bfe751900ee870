"""The seller's writes on orders and questions, as plain functions ``(client, payload) -> result``.

    payload = shipping_payload("O-ABC-1", "shipped", carrier="DHL", tracking_number="JD01")
    order = HANDLERS["shipping"](client, payload)          # POST /seller/orders/{ref}/shipping
    outcomes = send_each(client, "shipping", payloads)    # one Outcome per order: done, or refused and why

A payload is JSON-ready (a dict of str/None) and carries its own ``idempotency_key``, made once when the
seller acts: the durable outbox can store it, and every retry of it is the same write. The handlers are
keyed by the outbox's kinds (``shipping``, ``cancel_order``, ``answer``); each returns the server's
typed answer (:class:`~desktop.api_client.types.Order` or ``Question``) and raises the client's errors
(``ConflictError`` ``invalid_transition``, ``UnprocessableError``, ``OfflineError``…).

The rules the server applies (``POST /seller/orders/{ref}/shipping``: forward only, ``preparing`` may
be skipped, ``delivered`` only from ``shipped``, ``shipped`` needs a tracking number, only the steps the
payment status allows — each order's ``allowed_shipping``) are here too, to enable the right buttons
(for an order with queued writes too, which the server has not seen yet); the server still decides,
and its refusal is shown per order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.api_client import ApiStatusError, ConflictError, OfflineError, new_idempotency_key
from desktop.api_client.types import Money, Order, Question

from .outbox import Entry, Status

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient

    from .sender import Sender

__all__ = [
    "CARRIERS",
    "HANDLERS",
    "KIND_ANSWER",
    "KIND_CANCEL",
    "KIND_SHIPPING",
    "Outcome",
    "Refund",
    "answer",
    "answer_payload",
    "can_cancel",
    "can_mark",
    "cancel",
    "cancel_payload",
    "install",
    "next_steps",
    "outbox_handler",
    "outcome_of",
    "queued_status",
    "refund_of",
    "send_each",
    "ship",
    "shipping_payload",
]

KIND_SHIPPING, KIND_CANCEL, KIND_ANSWER = "shipping", "cancel_order", "answer"
#: the carriers whose tracking page the marketplace links in an order's ``tracking.url`` (any other
#: name is accepted: the buyer then sees the number without a link)
CARRIERS = ("DHL", "DPD", "GLS", "UPS", "FedEx", "TNT", "Colissimo", "PostNL")
STEPS = ("awaiting_preparation", "preparing", "shipped", "delivered")


#: the server's rule of which shipping steps each payment status allows (its ``SHIPPING_BY_PAYMENT``,
#: told to the app in each order's ``allowed_shipping``): paid all, pending (a transfer on its way) only
#: ``preparing``, failed and refunded none
SHIPPING_BY_PAYMENT = {"paid": STEPS[1:], "pending": ("preparing",), "failed": (), "refunded": ()}
#: the payment statuses under which a seller may still cancel (a refunded order is settled)
CANCEL_PAYMENTS = ("pending", "paid", "failed")


def can_mark(current: str, target: str, payment_status: str = "paid") -> bool:
    """The server's rule: forward only (``preparing`` may be skipped), ``delivered`` only from ``shipped``,
    and only the steps the payment status allows (an unpaid order is never shipped)."""
    if current not in STEPS or target not in SHIPPING_BY_PAYMENT.get(payment_status, ()):
        return False
    if target == "delivered":
        return current == "shipped"
    return STEPS.index(target) > STEPS.index(current)


def can_cancel(current: str, payment_status: str = "paid") -> bool:
    """A seller may cancel what it cannot fulfil until it is delivered (or already cancelled), unless
    its payment was refunded."""
    return current not in ("delivered", "cancelled") and payment_status in CANCEL_PAYMENTS


def next_steps(current: str, payment_status: str) -> list[str]:
    """What the seller may do next, as the order JSON's ``allowed_shipping`` says it (the same rule)."""
    steps = [t for t in STEPS[1:] if can_mark(current, t, payment_status)]
    return steps + (["cancelled"] if can_cancel(current, payment_status) else [])


@dataclass(frozen=True)
class Refund:
    """What the buyer gets back when the seller cancels: the order's total, by its payment method."""

    amount: Money
    method: str | None


def refund_of(order: Order) -> Refund | None:
    """The refund a cancel triggers (None: nothing was paid, nothing to refund)."""
    if order.payment_status != "paid":
        return None
    return Refund(order.total, order.payment_method)


# -- payloads -----------------------------------------------------------------------------------------


def shipping_payload(ref: str, status: str, *, carrier: str | None = None,
                     tracking_number: str | None = None) -> dict[str, Any]:
    """A shipping update; raises ValueError (before anything is sent) for what the server would refuse
    whatever the order's state: an unknown status, ``shipped`` without a tracking number."""
    if status not in STEPS[1:]:
        raise ValueError(f"unknown shipping status {status!r}")
    number = (tracking_number or "").strip() or None
    if status == "shipped" and number is None:
        raise ValueError("a shipped order needs a tracking number")
    return {"ref": ref, "status": status, "carrier": (carrier or "").strip() or None,
            "tracking_number": number if status == "shipped" else None,
            "idempotency_key": new_idempotency_key()}


def cancel_payload(ref: str, reason: str | None = None) -> dict[str, Any]:
    return {"ref": ref, "reason": (reason or "").strip() or None, "idempotency_key": new_idempotency_key()}


def answer_payload(question_id: int, message: str) -> dict[str, Any]:
    text = message.strip()
    if not text:
        raise ValueError("an answer needs some text")
    return {"question_id": int(question_id), "message": text, "idempotency_key": new_idempotency_key()}


# -- handlers -----------------------------------------------------------------------------------------


# The server replays a write sent again with its Idempotency-Key only under the same bearer token: a
# write whose answer was lost, sent again after a new sign-in, meets a 409. Each handler recognises its
# own write already done (the order in the asked state with the asked tracking, the question with this
# answer) and answers as the first time; any other 409 is the seller's to see.


def ship(client: MarketplaceClient, payload: Mapping[str, Any]) -> Order:
    """``POST /seller/orders/{ref}/shipping``."""
    try:
        return client.seller.update_shipping(payload["ref"], payload["status"], carrier=payload.get("carrier"),
                                             tracking_number=payload.get("tracking_number"),
                                             idempotency_key=payload.get("idempotency_key"))
    except ConflictError as exc:
        if exc.code == "invalid_transition" and exc.problem.get("shipping_status") == payload["status"]:
            order = _order(client, payload["ref"])
            number = order.tracking.number if (order is not None and order.tracking is not None) else None
            if order is not None and number == payload.get("tracking_number"):
                return order
        raise


def cancel(client: MarketplaceClient, payload: Mapping[str, Any]) -> Order:
    """``POST /seller/orders/{ref}/cancel``: cancelled, stock back on sale, refunded if paid."""
    try:
        return client.seller.cancel_order(payload["ref"], payload.get("reason"),
                                          idempotency_key=payload.get("idempotency_key"))
    except ConflictError as exc:
        if exc.code == "cancellation_not_allowed" and exc.problem.get("shipping_status") == "cancelled":
            order = _order(client, payload["ref"])
            if order is not None and any(e.event == "cancelled" and "seller" in (e.detail or "")
                                         for e in order.history):
                return order
        raise


def answer(client: MarketplaceClient, payload: Mapping[str, Any]) -> Question:
    """``POST /seller/questions/{id}/answer``."""
    try:
        return client.seller.answer(payload["question_id"], payload["message"],
                                    idempotency_key=payload.get("idempotency_key"))
    except ConflictError as exc:
        if exc.code == "already_answered":
            found = next((q for q in client.seller.questions(unanswered=False, limit=500)
                          if q.id == payload["question_id"]), None)
            if found is not None and found.answer == payload["message"]:
                return found
        raise


def _order(client: MarketplaceClient, ref: str) -> Order | None:
    return next((o for o in client.seller.orders(q=ref, limit=50) if o.ref == ref), None)


#: a write sent at once: ``(client, payload) -> the server's typed answer``
Write = Callable[["MarketplaceClient", Mapping[str, Any]], Any]

HANDLERS: dict[str, Write] = {
    KIND_SHIPPING: ship, KIND_CANCEL: cancel, KIND_ANSWER: answer,
}


# -- a selection --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One payload's fate: ``result`` (the server's answer) when done, else the refusal."""

    key: str  # the order ref or question id
    result: Any = None
    status: int | None = None  # the refusal's HTTP status; None when done or not sent
    code: str | None = None  # the problem code (invalid_transition…), "offline" when not sent
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code is None


def _key(payload: Mapping[str, Any]) -> str:
    return str(payload.get("ref") or payload.get("question_id"))


def send_each(client: MarketplaceClient, kind: str, payloads: Iterable[Mapping[str, Any]]) -> list[Outcome]:
    """Send each payload in turn with the ``kind`` handler: a refusal (4xx) is that payload's outcome and
    the others go on; once the marketplace is unreachable the rest are not sent (code ``offline``).
    Other errors (a 401, a 5xx after the client's retries) reach the caller."""
    handler = HANDLERS[kind]
    outcomes: list[Outcome] = []
    offline: OfflineError | None = None
    for payload in payloads:
        if offline is not None:
            outcomes.append(Outcome(_key(payload), code="offline", message=offline.message))
            continue
        try:
            outcomes.append(Outcome(_key(payload), result=handler(client, payload)))
        except OfflineError as exc:
            offline = exc
            outcomes.append(Outcome(_key(payload), code="offline", message=exc.message))
        except ApiStatusError as exc:
            if exc.status in (401, 429) or exc.status >= 500:
                raise
            outcomes.append(Outcome(_key(payload), status=exc.status, code=exc.code or str(exc.status),
                                    message=exc.detail or exc.title or exc.message))
    return outcomes


# -- through the outbox -------------------------------------------------------------------------------


def outbox_handler(fn: Write) -> Callable[[MarketplaceClient, Entry], Any]:
    """``fn`` as the outbox's sender calls a handler: the entry's payload with the outbox's own stored
    Idempotency-Key (every attempt of the entry the same write), the server's answer as JSON."""
    def send(client: MarketplaceClient, entry: Entry) -> Any:
        return fn(client, {**entry.payload, "idempotency_key": entry.idempotency_key}).model_dump(mode="json")

    send.__name__ = f"outbox_{fn.__name__}"
    return send


def install(sender: Sender) -> None:
    """Register ``shipping``, ``cancel_order`` and ``answer`` on the outbox's :class:`~.sender.Sender`."""
    for kind, fn in HANDLERS.items():
        sender.register(kind, outbox_handler(fn))


def outcome_of(entry: Entry) -> Outcome:
    """A sent or refused entry as an Outcome: the server's typed answer, or its message."""
    if entry.status == Status.SENT:
        typed = Question if entry.kind == KIND_ANSWER else Order
        return Outcome(entry.target, result=typed.model_validate(entry.result))
    said = entry.detail or {}  # a refusal's HTTP status and problem code, when the server gave them
    code = said.get("code") or next((str(e["code"]) for e in entry.errors if e.get("code")), None) or entry.status
    return Outcome(entry.target, status=said.get("status"), code=code, message=entry.message or "")


def queued_status(entries: Iterable[Entry]) -> str | None:
    """The shipping status an order has once its writes still waiting in the outbox are sent (None:
    nothing waiting). ``entries``: the order's open entries, in the outbox's order."""
    status = None
    for entry in entries:
        if entry.status in (Status.WAITING, Status.SENDING):
            status = "cancelled" if entry.kind == KIND_CANCEL else str(entry.payload.get("status"))
    return status
