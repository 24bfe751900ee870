"""The fulfilment handlers (desktop/models/seller/fulfilment.py) against the real server: the same
payload sent again is the same write — under the same token the server replays it; after a new
sign-in (the outbox's replay once the app restarted) the handler recognises it done, not a conflict."""

from __future__ import annotations

import pytest

from desktop.api_client import ConflictError
from desktop.models.seller import fulfilment as f

from .live import SELLER, create_offer, place_order, register_buyer, signed_in


@pytest.fixture
def sellers(live_server):
    first, second = signed_in(live_server.url, SELLER), signed_in(live_server.url, SELLER)  # two tokens
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def buyer(live_server):
    client, _ = register_buyer(live_server.url)
    yield client
    client.close()


def test_a_shipping_update_replayed_after_a_new_sign_in_is_not_a_conflict(sellers, buyer, admin_client):
    seller, after_restart = sellers
    group = place_order(buyer, create_offer(seller), 1).order_group
    admin_client.admin.payment_received(group.ref)  # only a paid order ships (issue 29)
    ref = group.orders[0].ref
    payload = f.shipping_payload(ref, "shipped", carrier="GLS", tracking_number="GLS-778")
    first = f.ship(seller, payload)
    assert (first.shipping_status, first.tracking.number) == ("shipped", "GLS-778")
    assert f.ship(seller, payload).updated_at == first.updated_at  # same token: the server's replay
    again = f.ship(after_restart, payload)  # another token: recognised as done
    assert again.ref == ref and again.shipping_status == "shipped" and again.updated_at == first.updated_at
    other = f.shipping_payload(ref, "shipped", carrier="GLS", tracking_number="ANOTHER")
    with pytest.raises(ConflictError) as refused:  # someone shipped it with another parcel: a conflict
        f.ship(after_restart, other)
    assert refused.value.code == "invalid_transition"
    outcomes = f.send_each(after_restart, f.KIND_SHIPPING, [payload, other])
    assert [o.ok for o in outcomes] == [True, False] and outcomes[1].status == 409


def test_a_cancel_and_an_answer_replayed_after_a_new_sign_in(sellers, buyer):
    seller, after_restart = sellers
    offer = create_offer(seller)
    ref = place_order(buyer, offer, 1).order_group.orders[0].ref
    payload = f.cancel_payload(ref, "Out of stock")
    assert f.cancel(seller, payload).shipping_status == "cancelled"
    assert f.cancel(after_restart, payload).shipping_status == "cancelled"

    asked = buyer.questions.ask(offer.id, "Pallets or cartons?")
    reply = f.answer_payload(asked.id, "Cartons on pallets.")
    assert f.answer(seller, reply).answer == "Cartons on pallets."
    assert f.answer(after_restart, reply).answer == "Cartons on pallets."
    with pytest.raises(ConflictError):  # another answer than the one given: the server's refusal stands
        f.answer(after_restart, f.answer_payload(asked.id, "Something else"))
