"""The buyer's order rules (desktop/models/orders_cache/rules.py): cancel, pay again, review, reorder, guest key."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from desktop.api_client.types import Order
from desktop.models.orders_cache import rules as rules
from tests.support.order_factory import order, order_json

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_read_order_gives_the_typed_order_and_names_a_bad_one():
    o = rules.read_order(order_json())
    assert isinstance(o, Order) and o.ref == "O-1" and o.lines[0].offer_id == 7
    assert rules.read_order(o) is o
    bad = order_json(total={"amount": 65.0, "currency": "EUR"})  # money as a float: not the contract
    with pytest.raises(ValueError, match="order O-1"):
        rules.read_order(bad)


def test_cancel_while_awaiting_preparation():
    assert rules.can_cancel(order(), NOW)
    for status in ("preparing", "delivered", "cancelled"):
        assert not rules.can_cancel(order(shipping_status=status), NOW)


def test_cancel_a_shipment_not_delivered_after_30_days():
    shipped = lambda days, **kw: order(shipping_status="shipped",  # noqa: E731
                                       shipped_at=(NOW - timedelta(days=days)).isoformat(), **kw)
    assert rules.can_cancel(shipped(31), NOW)
    assert not rules.can_cancel(shipped(29), NOW)
    assert not rules.can_cancel(shipped(30), NOW)  # "over 30 days": not at exactly 30
    assert not rules.can_cancel(shipped(40, delivered_at=NOW.isoformat()), NOW)
    assert not rules.can_cancel(order(shipping_status="shipped", shipped_at=None), NOW)


def test_cancel_needs_the_server_to_agree():
    assert not rules.can_cancel(order(can_cancel=False), NOW)


def test_a_cancel_refunds_a_paid_order_only():
    assert rules.refund_expected(order(payment_status="paid"))
    for status in ("pending", "failed", "refunded"):
        assert not rules.refund_expected(order(payment_status=status))


def test_pay_again_an_unpaid_card_order():
    assert rules.can_pay_again(order(payment_status="pending"))
    assert rules.can_pay_again(order(payment_status="failed"))
    assert not rules.can_pay_again(order(payment_status="paid"))
    assert not rules.can_pay_again(order(payment_status="refunded"))
    assert not rules.can_pay_again(order(payment_status="pending", payment_method="bank_transfer"))
    assert not rules.can_pay_again(order(payment_status="failed", shipping_status="cancelled"))


def test_review_a_delivered_order_once():
    delivered = dict(shipping_status="delivered", delivered_at=NOW.isoformat(), can_review=True)
    assert rules.can_review(order(**delivered))
    assert not rules.can_review(order(**{**delivered, "shipping_status": "shipped"}))
    assert not rules.can_review(order(**{**delivered, "can_review": False}))  # e.g. a guest's order
    reviewed = order(**delivered, history=[
        {"at": "2026-05-01T10:00:00Z", "event": "created", "detail": None},
        {"at": "2026-05-20T10:00:00Z", "event": "reviewed", "detail": "4/5"}])
    assert rules.is_reviewed(reviewed) and not rules.can_review(reviewed)


def test_reorder_keeps_out_the_lines_of_a_blocked_offer_and_shows_every_issue():
    o = order()
    assert rules.can_reorder(o) and not rules.can_reorder(order(lines=[]))
    plan = rules.reorder_plan(o, None)  # offline: everything goes in
    assert [(ln.offer_id, ln.packaging_id, ln.quantity) for ln in plan.add] == [(7, 70, 2), (7, 71, 1), (8, 80, 3)]
    assert plan.issues == []
    assert plan.titles == {7: "Gloves", 8: "SKU-8"}  # an untitled line shows its SKU
    issues = [SimpleNamespace(code="out_of_stock", message="Out of stock", offer_id=7, packaging_id=71),
              SimpleNamespace(code="below_moq", message="Below MOQ", offer_id=8, packaging_id=80)]
    plan = rules.reorder_plan(o, issues)
    assert [(ln.offer_id, ln.packaging_id) for ln in plan.add] == [(8, 80)]  # both lines of offer 7 stay out
    assert [(i.code, i.offer_id) for i in plan.issues] == [("out_of_stock", 7), ("below_moq", 8)]
    assert plan.add[0].as_json() == {"offer_id": 8, "packaging_id": 80, "quantity": 3}


def test_offer_lines_one_per_offer():
    assert [ln.packaging_id for ln in rules.offer_lines(order())] == [70, 80]


def test_the_guest_account_key():
    assert rules.guest_account("G-42") == "guest:G-42"
