"""Mutations other than checkout against the real server, with the answer lost after the server did
the work: the client's retry carries the key it made for the call, and the server performs it once."""

from __future__ import annotations

import pytest

from desktop.api_client.types import ReviewRequest

from .helpers import DroppingProxy
from .live import PASSWORD_OF_NEW_BUYERS, create_offer, new_client, place_order

pytestmark = pytest.mark.usefixtures("live_server")


def _through_dropping_proxy(live_server, buyer, marker: bytes):
    proxy = DroppingProxy(live_server.port, drop_marker=marker)
    proxy.__enter__()
    client = new_client(proxy.url)
    client.auth.login(buyer.account, PASSWORD_OF_NEW_BUYERS)
    return proxy, client


def test_a_cancel_whose_answer_was_lost_is_done_once(live_server, fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    ref = place_order(fresh_buyer, offer, 2).order_group.orders[0].ref
    proxy, client = _through_dropping_proxy(live_server, fresh_buyer, f"POST /api/v1/orders/{ref}/cancel".encode())
    try:
        cancelled = client.orders.cancel(ref, "Ordered twice")  # no key from the caller
    finally:
        client.close()
        proxy.__exit__(None, None, None)
    assert proxy.dropped == 1  # the first answer was lost after the server cancelled
    assert cancelled.shipping_status == "cancelled"  # the retry got the answer, not "too late to cancel"
    history = [h.event for h in fresh_buyer.orders.get(ref).history]
    assert history.count("cancelled") == 1, history


def test_a_review_whose_answer_was_lost_is_done_once(live_server, fresh_buyer, seller_client, admin_client):
    offer = create_offer(seller_client)
    group = place_order(fresh_buyer, offer, 2).order_group
    ref = group.orders[0].ref
    admin_client.admin.payment_received(group.ref)  # only a paid order ships (issue 29)
    seller_client.seller.update_shipping(ref, "preparing")
    seller_client.seller.update_shipping(ref, "shipped", carrier="DHL", tracking_number="JD0002")
    seller_client.seller.update_shipping(ref, "delivered")
    review = ReviewRequest(seller_rating=4, delivery_rating=5, comment="On time")
    proxy, client = _through_dropping_proxy(live_server, fresh_buyer, f"POST /api/v1/orders/{ref}/review".encode())
    try:
        made = client.orders.review(ref, review)  # not "already_reviewed": the first one's answer
    finally:
        client.close()
        proxy.__exit__(None, None, None)
    assert proxy.dropped == 1
    assert made.order_ref == ref and made.comment == "On time"
    assert not fresh_buyer.orders.get(ref).can_review


def test_a_question_whose_answer_was_lost_is_asked_once(live_server, fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    proxy, client = _through_dropping_proxy(
        live_server, fresh_buyer, f"POST /api/v1/offers/{offer.id}/questions".encode()
    )
    try:
        asked = client.questions.ask(offer.id, "Are the pallets shrink-wrapped?")
    finally:
        client.close()
        proxy.__exit__(None, None, None)
    assert proxy.dropped == 1
    mine = [q for q in fresh_buyer.questions.list() if q.offer_id == offer.id]
    assert [q.id for q in mine] == [asked.id]  # one message to the seller, not two


def test_the_same_key_for_another_request_is_refused(live_server, fresh_buyer, seller_client):
    offer = create_offer(seller_client)
    from desktop.api_client import UnprocessableError, new_idempotency_key

    key = new_idempotency_key()
    first = fresh_buyer.questions.ask(offer.id, "First question", idempotency_key=key)
    again = fresh_buyer.questions.ask(offer.id, "First question", idempotency_key=key)
    assert again.id == first.id
    with pytest.raises(UnprocessableError) as info:
        fresh_buyer.questions.ask(offer.id, "Another question", idempotency_key=key)
    assert info.value.code == "idempotency_key_reused"
    assert len([q for q in fresh_buyer.questions.list() if q.offer_id == offer.id]) == 1


def test_a_repeated_delete_is_answered_like_the_first(seller_client):
    from desktop.api_client import NotFoundError, new_idempotency_key

    offer = create_offer(seller_client)
    key = new_idempotency_key()
    seller_client.seller.delete_offer(offer.id, version=offer.version, idempotency_key=key)
    seller_client.seller.delete_offer(offer.id, version=offer.version, idempotency_key=key)  # 204 again
    with pytest.raises(NotFoundError):  # another action on the deleted offer is a new request
        seller_client.seller.delete_offer(offer.id, version=offer.version)
