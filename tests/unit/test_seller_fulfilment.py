"""The seller's fulfilment writes as plain handlers: the server's transition rules, payloads that carry
their own idempotency key, refunds, and a selection sent order by order (a fake client only to inject
what a real server cannot be made to do on cue: a network that drops half-way)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.api_client import ConflictError, OfflineError
from desktop.models.seller import fulfilment as f


def test_transitions_follow_the_servers_rule():
    assert f.can_mark("awaiting_preparation", "preparing") and f.can_mark("awaiting_preparation", "shipped")
    assert f.can_mark("preparing", "shipped") and f.can_mark("shipped", "delivered")
    assert not f.can_mark("awaiting_preparation", "delivered") and not f.can_mark("preparing", "delivered")
    assert not f.can_mark("shipped", "preparing") and not f.can_mark("cancelled", "preparing")
    assert not f.can_mark("preparing", "preparing")
    assert f.can_cancel("preparing") and f.can_cancel("shipped") and not f.can_cancel("delivered")


def test_payloads_are_checked_before_sending_and_keep_their_key():
    a = f.shipping_payload("O-1", "shipped", carrier=" DHL ", tracking_number=" 123 ")
    assert (a["carrier"], a["tracking_number"]) == ("DHL", "123") and len(a["idempotency_key"]) >= 32
    assert f.shipping_payload("O-1", "preparing", tracking_number="x")["tracking_number"] is None
    assert a["idempotency_key"] != f.shipping_payload("O-1", "shipped", tracking_number="1")["idempotency_key"]
    with pytest.raises(ValueError):
        f.shipping_payload("O-1", "shipped", tracking_number="  ")
    with pytest.raises(ValueError):
        f.shipping_payload("O-1", "returned")
    with pytest.raises(ValueError):
        f.answer_payload(3, "   ")
    assert f.answer_payload(3, " Yes ")["message"] == "Yes"
    assert set(f.HANDLERS) == {"shipping", "cancel_order", "answer"}


class _Seller:
    def __init__(self, fail_on: dict[str, BaseException]) -> None:
        self.fail_on, self.calls = fail_on, []

    def update_shipping(self, ref, status, *, carrier=None, tracking_number=None, idempotency_key=None):
        self.calls.append((ref, status, idempotency_key))
        if ref in self.fail_on:
            raise self.fail_on[ref]
        return {"ref": ref, "shipping_status": status}


class _Client:
    def __init__(self, **fail_on: BaseException) -> None:
        self.seller = _Seller(fail_on)


def test_a_selection_reports_each_refusal_and_stops_when_offline():
    refused = ConflictError("409", status=409, code="invalid_transition",
                            detail="An order that is shipped cannot become preparing.")
    client = _Client(B=refused, C=OfflineError("the marketplace cannot be reached"))
    payloads = [f.shipping_payload(r, "preparing") for r in "ABCD"]
    outcomes = f.send_each(client, "shipping", payloads)
    assert [(o.key, o.ok, o.code) for o in outcomes] == [
        ("A", True, None), ("B", False, "invalid_transition"), ("C", False, "offline"), ("D", False, "offline")]
    assert outcomes[1].message == "An order that is shipped cannot become preparing." and outcomes[1].status == 409
    assert [c[0] for c in client.seller.calls] == ["A", "B", "C"]  # D never sent
    assert [c[2] for c in client.seller.calls] == [p["idempotency_key"] for p in payloads[:3]]


def test_the_refund_is_the_paid_orders_total_by_its_method():
    from types import SimpleNamespace

    money = SimpleNamespace(amount=Decimal("355.24"), currency="PLN")
    paid = SimpleNamespace(payment_status="paid", total=money, payment_method="bank_transfer")
    assert f.refund_of(paid) == f.Refund(money, "bank_transfer")
    assert f.refund_of(SimpleNamespace(payment_status="pending", total=money, payment_method="card")) is None
