"""Round trips against the real server: quote, checkout (idempotent), orders, shipping, payments."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from desktop.api_client import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    UnprocessableError,
    new_idempotency_key,
)
from desktop.api_client.types import OfferPatch, ReviewRequest

from .helpers import DroppingProxy
from .live import PASSWORD_OF_NEW_BUYERS, checkout_request, create_offer, new_client, place_order

pytestmark = pytest.mark.usefixtures("live_server")


def test_quote_reports_every_issue_at_once(live_server, seller_client):
    client = new_client(live_server.url)
    offer = create_offer(seller_client, stock=1000, moq=10, price="1.00")
    scarce = create_offer(seller_client, stock=30, price="1.00")
    lines = [
        {"offer_id": offer.id, "packaging_id": offer.packagings[0].id, "quantity": 5},  # below_moq
        {"offer_id": scarce.id, "packaging_id": scarce.packagings[1].id, "quantity": 1},  # 50 > 30 in stock
        {"offer_id": 2**31 - 3, "packaging_id": 1, "quantity": 1},  # offer_not_found
    ]
    quote = client.cart.quote(lines, "EUR")
    codes = {issue.code for issue in quote.all_issues}
    assert {"below_moq", "insufficient_stock", "offer_not_found"} <= codes
    moq = next(i for i in quote.all_issues if i.code == "below_moq")
    assert moq.moq_units == 10
    stock = next(i for i in quote.all_issues if i.code == "insufficient_stock")
    assert stock.available_units == 30
    group = quote.groups[0]
    assert group.warehouse.id == offer.warehouse.id and group.shipping_methods
    assert group.lines[0].unit_price.amount == offer.unit_price.amount
    usd = client.cart.quote(lines[:1], "USD")
    assert usd.currency == "USD" and usd.total.currency == "USD"


def test_checkout_idempotency_key_replay(fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    request = checkout_request(fresh_buyer, offer, 3)
    key = new_idempotency_key()
    first = fresh_buyer.checkout.place(request, idempotency_key=key)
    assert not first.replayed
    assert first.payment.method == "bank_transfer" and first.payment.amount == first.order_group.total
    again = fresh_buyer.checkout.place(request, idempotency_key=key)
    assert again.replayed
    assert again.order_group.ref == first.order_group.ref
    other = request.model_copy(update={"payment_method": "multibanco"})
    with pytest.raises(UnprocessableError) as reused:
        fresh_buyer.checkout.place(other, idempotency_key=key)
    assert reused.value.code == "idempotency_key_reused"
    groups = {o.group_ref for o in fresh_buyer.orders.list()}
    assert groups == {first.order_group.ref}


def test_checkout_rejections_create_nothing(fresh_buyer, seller_client):
    offer = create_offer(seller_client, stock=10)
    request = checkout_request(fresh_buyer, offer, 5)
    seller_client.seller.update_offer(offer.id, OfferPatch(stock_units=2), version=offer.version)
    with pytest.raises((ConflictError, UnprocessableError)) as refused:
        fresh_buyer.checkout.place(request, idempotency_key=new_idempotency_key())
    assert refused.value.code in {"stock_changed", "insufficient_stock"}
    assert list(fresh_buyer.orders.list()) == []


def test_orders_list_filter_get_group_and_cancel(fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    one = place_order(fresh_buyer, offer, 2)
    two = place_order(fresh_buyer, offer, 4, method="card")
    assert two.payment.method == "card" and two.payment.checkout_url.startswith("http")

    orders = list(fresh_buyer.orders.list())
    assert {o.group_ref for o in orders} == {one.order_group.ref, two.order_group.ref}
    assert [o.created_at for o in orders] == sorted((o.created_at for o in orders), reverse=True)
    order = fresh_buyer.orders.get(one.order_group.orders[0].ref)
    assert order.shipping_status == "awaiting_preparation" and order.can_cancel
    assert fresh_buyer.orders.group(two.order_group.ref).ref == two.order_group.ref
    assert [o.group_ref for o in fresh_buyer.orders.list(q=one.order_group.ref)] == [one.order_group.ref]
    today = datetime.now(UTC).date()
    assert len(list(fresh_buyer.orders.list(created_from=today, created_to=today))) == 2
    assert list(fresh_buyer.orders.list(payment_status=["paid", "refunded"])) == []

    cancelled = fresh_buyer.orders.cancel(order.ref, "Ordered twice")
    assert cancelled.shipping_status == "cancelled" and not cancelled.can_cancel
    assert [o.ref for o in fresh_buyer.orders.list(shipping_status="cancelled")] == [order.ref]
    with pytest.raises(ConflictError) as late:
        fresh_buyer.orders.cancel(order.ref, "again")
    assert late.value.code == "cancellation_not_allowed"

    stranger = new_client(seller_client.config.server_url)
    stranger.auth.register(
        f"s-{uuid.uuid4().hex[:8]}@example.com", "long enough pw", {"name": "S", "country": "DE"}
    )
    with pytest.raises(NotFoundError):
        stranger.orders.get(order.ref)


def test_shipping_transitions_and_review_rules(fresh_buyer, seller_client, admin_client):
    offer = create_offer(seller_client)
    result = place_order(fresh_buyer, offer, 2)
    ref = result.order_group.orders[0].ref
    admin_client.admin.payment_received(result.order_group.ref)  # only a paid order ships (issue 29)
    review = ReviewRequest(
        seller_rating=5, delivery_rating=4, item_ratings=[{"offer_id": offer.id, "rating": 5}], comment="Fine"
    )
    with pytest.raises(ConflictError) as early:
        fresh_buyer.orders.review(ref, review)
    assert early.value.code == "review_not_allowed"

    assert ref in {o.ref for o in seller_client.seller.orders(q=ref)}
    assert seller_client.seller.update_shipping(ref, "preparing").shipping_status == "preparing"
    with pytest.raises(UnprocessableError):
        seller_client.seller.update_shipping(ref, "shipped")  # shipped needs a tracking number
    shipped = seller_client.seller.update_shipping(ref, "shipped", carrier="DHL", tracking_number="JD0001")
    assert shipped.tracking is not None and shipped.tracking.number == "JD0001" and shipped.shipped_at
    with pytest.raises(ConflictError) as backwards:
        seller_client.seller.update_shipping(ref, "preparing")
    assert backwards.value.code == "invalid_transition"
    delivered = seller_client.seller.update_shipping(ref, "delivered")
    assert delivered.shipping_status == "delivered" and delivered.delivered_at

    assert fresh_buyer.orders.get(ref).can_review
    fresh_buyer.orders.review(ref, review)
    with pytest.raises(ConflictError) as twice:
        fresh_buyer.orders.review(ref, review)
    assert twice.value.code == "already_reviewed"
    events = [h.event for h in fresh_buyer.orders.get(ref).history]
    assert len(events) >= 3


def test_seller_cancels_an_unfulfillable_order(fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    ref = place_order(fresh_buyer, offer, 1).order_group.orders[0].ref
    assert seller_client.seller.cancel_order(ref, "Damaged in the warehouse").shipping_status == "cancelled"
    assert fresh_buyer.orders.get(ref).shipping_status == "cancelled"


def test_admin_marks_a_bank_transfer_received(fresh_buyer, seller_client, admin_client):
    offer = create_offer(seller_client)
    result = place_order(fresh_buyer, offer, 1)
    assert result.payment.method == "bank_transfer"
    assert result.payment.reference
    admin_client.admin.payment_received(result.order_group.ref)
    order = fresh_buyer.orders.get(result.order_group.orders[0].ref)
    assert order.payment_status == "paid"
    assert list(fresh_buyer.orders.list(payment_status="paid"))


def test_payment_retry_gives_a_fresh_checkout_url(fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    result = place_order(fresh_buyer, offer, 1, method="card")
    retry = fresh_buyer.payments.retry(result.order_group.ref)
    assert retry.checkout_url.startswith("http")
    bank = place_order(fresh_buyer, offer, 1)
    with pytest.raises((ConflictError, UnprocessableError, NotFoundError)):
        fresh_buyer.payments.retry(bank.order_group.ref)


def test_guest_checkout_token_reads_its_own_group(live_server, seller_client):
    guest = new_client(live_server.url)
    offer = create_offer(seller_client)
    request = checkout_request(guest, offer, 1, guest_email=f"g-{uuid.uuid4().hex[:6]}@example.com")
    result = guest.checkout.place(request, idempotency_key=new_idempotency_key())
    assert isinstance(result.guest_token, SecretStr)
    assert result.guest_token.get_secret_value() not in repr(result)
    guest.set_token(result.guest_token, persist=False)
    assert guest.orders.group(result.order_group.ref).ref == result.order_group.ref
    assert {o.group_ref for o in guest.orders.list()} == {result.order_group.ref}
    with pytest.raises(ForbiddenError) as account_only:
        guest.auth.me()
    assert account_only.value.code == "account_required"
    assert guest.is_authenticated  # a 403 keeps the token


def test_connection_dropped_after_the_server_committed_a_checkout(live_server, fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    request = checkout_request(fresh_buyer, offer, 2)
    with DroppingProxy(live_server.port, drop_marker=b"POST /api/v1/checkout") as proxy:
        via_proxy = new_client(proxy.url)
        via_proxy.auth.login(fresh_buyer.account, PASSWORD_OF_NEW_BUYERS)
        key = new_idempotency_key()
        result = via_proxy.checkout.place(request, idempotency_key=key)
        via_proxy.close()
    assert proxy.dropped == 1
    assert result.replayed  # the retry's answer is the stored one
    refs = [o.group_ref for o in fresh_buyer.orders.list()]
    assert refs.count(result.order_group.ref) == len(result.order_group.orders)
    assert set(refs) == {result.order_group.ref}
