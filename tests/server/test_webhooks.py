"""Card payments on the server: Stripe's webhook (signature, idempotency, staleness), the retry link
and the checkout page without a browser. Events are signed here as Stripe signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from marketplace.db import Database
from tests.server.orders_kit import Account, add_offer, buy, new_shop, register
from tests.support.server import ServerProcess, cleanup, make_server

SECRET = "whsec_" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    """A server whose local Stripe signs webhooks with SECRET, so these tests can sign events too."""
    srv = make_server(offers=60, orders=5, extra_env={"STRIPE_WEBHOOK_SECRET": SECRET})
    srv.start()
    yield srv
    cleanup(srv)


@pytest.fixture(scope="module")
def db(server) -> Iterator[Database]:
    database = Database(server.database_url)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def api(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.api, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def shop_offer(server, db):
    shop = new_shop(server.api, db)
    return add_offer(db, shop.seller_id, shop.warehouse_id, price="12.50", pack_units=4)


class CardOrder:
    def __init__(self, body: dict, buyer: Account):
        self.body = body
        self.buyer = buyer
        self.ref: str = body["order_group"]["ref"]
        total = body["order_group"]["total"]
        self.cents = int(Decimal(total["amount"]) * 100)
        self.currency: str = total["currency"].lower()
        self.checkout_url: str = body["payment"]["checkout_url"]


@pytest.fixture
def order(api, server, shop_offer) -> CardOrder:
    buyer = register(server.api)
    return CardOrder(buy(api, buyer, [shop_offer], payment_method="card"), buyer)


def signature(payload: bytes, secret: str = SECRET, at: int | None = None) -> str:
    stamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def event(
    kind: str,
    order: CardOrder,
    *,
    pi: str | None = None,
    amount: int | None = None,
    event_id: str | None = None,
) -> bytes:
    intent = {
        "id": pi or f"pi_{uuid.uuid4().hex[:14]}",
        "object": "payment_intent",
        "amount": order.cents if amount is None else amount,
        "currency": order.currency,
        "metadata": {"group_ref": order.ref},
        "status": "succeeded" if kind == "payment_intent.succeeded" else "requires_payment_method",
        "last_payment_error": None
        if kind == "payment_intent.succeeded"
        else {"code": "card_declined", "message": "Your card was declined."},
    }
    return json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex[:14]}",
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "livemode": False,
            "api_version": "2017-08-15",
            "data": {"object": intent},
        }
    ).encode()


def deliver(api: httpx.Client, payload: bytes, sig: str | None = "sign") -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if sig == "sign":
        headers["Stripe-Signature"] = signature(payload)
    elif sig is not None:
        headers["Stripe-Signature"] = sig
    return api.post("/webhooks/stripe", content=payload, headers=headers)


def group(api: httpx.Client, order: CardOrder) -> dict:
    r = api.get(f"/order-groups/{order.ref}", headers=order.buyer.headers)
    assert r.status_code == 200, r.text
    return r.json()


def history(api: httpx.Client, order: CardOrder, name: str) -> int:
    return sum(1 for o in group(api, order)["orders"] for h in o["history"] if h["event"] == name)


# --- webhook ---------------------------------------------------------------------------------------


def test_signed_success_event_marks_the_group_and_its_orders_paid(api, order):
    assert group(api, order)["payment_status"] == "pending"
    r = deliver(api, event("payment_intent.succeeded", order))
    assert r.status_code == 200, r.text
    assert r.json() == {"received": True, "applied": True}
    body = group(api, order)
    assert body["payment_status"] == "paid"
    assert {o["payment_status"] for o in body["orders"]} == {"paid"}


def test_signed_failure_event_marks_the_group_failed(api, order):
    r = deliver(api, event("payment_intent.payment_failed", order))
    assert r.status_code == 200 and r.json()["applied"] is True
    body = group(api, order)
    assert body["payment_status"] == "failed"
    assert {o["payment_status"] for o in body["orders"]} == {"failed"}


@pytest.mark.parametrize("sig", [None, "", "t=1,v1=deadbeef", "wrong-secret", "stale", "garbage"])
def test_a_bad_or_missing_signature_is_400_and_changes_nothing(api, order, sig):
    payload = event("payment_intent.succeeded", order)
    header = {
        "wrong-secret": signature(payload, secret="whsec_not_the_one"),
        "stale": signature(payload, at=int(time.time()) - 3600),  # a replay of an old delivery
        "garbage": "v1=" + "0" * 64,
    }.get(sig or "", sig)
    r = deliver(api, payload, header)
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "invalid_signature"
    assert group(api, order)["payment_status"] == "pending"


def test_a_tampered_payload_is_rejected(api, order):
    payload = event("payment_intent.succeeded", order, amount=1)
    sig = signature(payload)
    tampered = payload.replace(b'"amount": 1,', f'"amount": {order.cents},'.encode())
    assert tampered != payload
    assert deliver(api, tampered, sig).status_code == 400
    assert group(api, order)["payment_status"] == "pending"


def test_a_redelivered_event_changes_nothing(api, order):
    failed = event("payment_intent.payment_failed", order)
    assert deliver(api, failed).json()["applied"] is True
    assert group(api, order)["payment_status"] == "failed"
    # The buyer retries: pending again. Stripe redelivers the old failure: it must not apply twice.
    r = api.post(f"/payments/{order.ref}/retry", headers=order.buyer.headers)
    assert r.status_code == 200 and r.json()["status"] == "pending"
    again = deliver(api, failed)
    assert again.status_code == 200 and again.json() == {"received": True, "applied": False}
    assert group(api, order)["payment_status"] == "pending"
    assert history(api, order, "payment_failed") == 1

    paid = event("payment_intent.succeeded", order)
    assert deliver(api, paid).json()["applied"] is True
    assert deliver(api, paid).json()["applied"] is False
    assert history(api, order, "payment_received") == 1
    assert group(api, order)["payment_status"] == "paid"


def test_a_late_failure_after_payment_changes_nothing(api, order):
    assert deliver(api, event("payment_intent.succeeded", order)).json()["applied"] is True
    r = deliver(api, event("payment_intent.payment_failed", order))
    assert r.status_code == 200 and r.json()["applied"] is False
    assert group(api, order)["payment_status"] == "paid"


def test_a_success_for_another_amount_is_not_taken_as_payment(api, order):
    r = deliver(api, event("payment_intent.succeeded", order, amount=order.cents - 100))
    assert r.status_code == 200 and r.json()["applied"] is False
    assert group(api, order)["payment_status"] == "pending"


def test_other_event_types_are_acknowledged_and_ignored(api, order):
    payload = json.dumps(
        {
            "id": "evt_other1",
            "object": "event",
            "type": "customer.created",
            "created": int(time.time()),
            "data": {"object": {"id": "cus_1"}},
        }
    ).encode()
    r = deliver(api, payload)
    assert r.status_code == 200 and r.json() == {"received": True, "applied": False}


def test_a_signed_body_that_is_not_json_is_400(api):
    r = deliver(api, b"not json at all")
    assert r.status_code == 400 and r.json()["code"] == "invalid_payload"


def _reshaped(order: CardOrder, how: str) -> bytes:
    body = json.loads(event("payment_intent.succeeded", order))
    if how == "array":
        return json.dumps([body]).encode()
    if how == "object_is_a_string":
        body["data"]["object"] = body["data"]["object"]["id"]
    elif how == "no_data":
        del body["data"]
    elif how == "metadata_is_a_list":
        body["data"]["object"]["metadata"] = [order.ref]
    elif how == "no_event_id":
        del body["id"]
    return json.dumps(body).encode()


@pytest.mark.parametrize("how", ["array", "object_is_a_string", "no_data", "metadata_is_a_list", "no_event_id"])
def test_a_signed_event_of_the_wrong_shape_is_400_and_changes_nothing(api, order, how):
    r = deliver(api, _reshaped(order, how))
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "invalid_payload"
    assert group(api, order)["payment_status"] == "pending"


def test_a_delivery_signed_in_the_future_is_refused(api, order):
    """Stripe's library checks only that a signature is not too old: a year ahead passes it."""
    payload = event("payment_intent.succeeded", order)
    ahead = deliver(api, payload, signature(payload, at=int(time.time()) + 365 * 86400))
    assert ahead.status_code == 400 and ahead.json()["code"] == "invalid_signature"
    assert group(api, order)["payment_status"] == "pending"
    skewed = deliver(api, payload, signature(payload, at=int(time.time()) + 60))  # a small clock skew
    assert skewed.status_code == 200 and skewed.json()["applied"] is True


# --- retry -----------------------------------------------------------------------------------------


def test_retry_gives_the_checkout_link_to_the_buyer_only(api, server, order):
    r = api.post(f"/payments/{order.ref}/retry", headers=order.buyer.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"checkout_url": order.checkout_url, "status": "pending"}
    assert r.json()["checkout_url"].startswith(f"{server.url}/pay/{order.ref}?t=")

    stranger = register(server.api)
    assert api.post(f"/payments/{order.ref}/retry", headers=stranger.headers).status_code == 404
    assert api.post("/payments/G-NOSUCH00/retry", headers=order.buyer.headers).status_code == 404
    assert api.post(f"/payments/{order.ref}/retry").status_code == 401


def test_retry_of_a_paid_group_is_409_already_paid(api, order):
    deliver(api, event("payment_intent.succeeded", order))
    r = api.post(f"/payments/{order.ref}/retry", headers=order.buyer.headers)
    assert r.status_code == 409 and r.json()["code"] == "already_paid"


def test_retry_of_a_bank_transfer_is_409(api, server, shop_offer):
    buyer = register(server.api)
    body = buy(api, buyer, [shop_offer], payment_method="bank_transfer")
    r = api.post(f"/payments/{body['order_group']['ref']}/retry", headers=buyer.headers)
    assert r.status_code == 409 and r.json()["code"] == "not_card_payment"


def test_a_guest_retries_with_the_guest_token(api, shop_offer):
    from tests.server.orders_kit import checkout_body, line, place

    r = place(
        api,
        None,
        checkout_body(
            [line(shop_offer)],
            offers=[shop_offer],
            payment_method="card",
            guest=f"guest-{uuid.uuid4().hex[:8]}@example.com",
        ),
    )
    assert r.status_code == 201, r.text
    ref, token = r.json()["order_group"]["ref"], r.json()["guest_token"]
    retry = api.post(f"/payments/{ref}/retry", headers={"Authorization": f"Bearer {token}"})
    assert retry.status_code == 200 and retry.json()["status"] == "pending"


# --- the checkout page, without a browser ----------------------------------------------------------


def test_the_page_needs_the_signed_link(server, order):
    good = httpx.get(order.checkout_url, timeout=30)
    assert good.status_code == 200
    assert order.ref in good.text and "Pay " in good.text and 'id="card-element"' in good.text
    assert good.headers["referrer-policy"] == "no-referrer"
    for url in (
        f"{server.url}/pay/{order.ref}",
        f"{server.url}/pay/{order.ref}?t=0123abcd",
        order.checkout_url.replace(order.ref, "G-NOSUCH00"),
    ):
        r = httpx.get(url, timeout=30)
        assert r.status_code == 404 and order.ref not in r.text and "not valid" in r.text


def test_the_page_of_a_paid_group_says_so_without_a_form(api, order):
    deliver(api, event("payment_intent.succeeded", order))
    page = httpx.get(order.checkout_url, timeout=30).text
    assert "Payment received — you can return to Bulkdesk." in page
    assert 'id="pay-form" novalidate hidden' in page and "js.stripe.com" not in page
    status = httpx.get(order.checkout_url.replace("?t=", "/status?t="), timeout=30)
    assert status.status_code == 200 and status.json()["payment_status"] == "paid"


def test_confirm_checks_the_token_and_the_payment_method(server, order):
    token = order.checkout_url.split("?t=", 1)[1]
    url = f"{server.url}/pay/{order.ref}/confirm"
    bad_token = httpx.post(url, json={"t": "0" * 32, "payment_method": "pm_card_visa"}, timeout=30)
    assert bad_token.status_code == 404
    bad_method = httpx.post(url, json={"t": token, "payment_method": "<script>"}, timeout=30)
    assert bad_method.status_code == 422
    unknown = httpx.post(url, json={"t": token, "payment_method": "pm_doesnotexist"}, timeout=30)
    assert unknown.status_code == 422 and unknown.json()["code"] == "invalid_payment_method"
    assert (
        httpx.get(order.checkout_url.replace("?t=", "/status?t="), timeout=30).json()["payment_status"]
        == "pending"
    )


def test_confirm_with_a_test_card_pays_the_group(api, server, order):
    # pm_card_visa is Stripe's (and localstripe's) ready-made test card 4242 4242 4242 4242
    token = order.checkout_url.split("?t=", 1)[1]
    r = httpx.post(
        f"{server.url}/pay/{order.ref}/confirm",
        json={"t": token, "payment_method": "pm_card_visa"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "paid"
    assert group(api, order)["payment_status"] == "paid"
    again = httpx.post(
        f"{server.url}/pay/{order.ref}/confirm",
        json={"t": token, "payment_method": "pm_card_visa"},
        timeout=30,
    )
    assert again.status_code == 409 and again.json()["code"] == "already_paid"


def local_stripe_base(page_html: str) -> str:
    match = re.search(r'<script src="(http://127\.0\.0\.1:\d+)/js\.stripe\.com/v3/"></script>', page_html)
    assert match, "the checkout page loads Stripe.js from the local Stripe"
    return match.group(1)


def test_cancelling_a_card_paid_order_refunds_it_through_stripe(api, server, order):
    stripe_base = local_stripe_base(httpx.get(order.checkout_url, timeout=30).text)
    token = order.checkout_url.split("?t=", 1)[1]
    paid = httpx.post(
        f"{server.url}/pay/{order.ref}/confirm",
        json={"t": token, "payment_method": "pm_card_visa"},
        timeout=30,
    )
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    order_ref = group(api, order)["orders"][0]["ref"]
    r = api.post(
        f"/orders/{order_ref}/cancel", json={"reason": "changed my mind"}, headers=order.buyer.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["payment_status"] == "refunded"
    assert group(api, order)["payment_status"] == "refunded"
    refunds = httpx.get(f"{stripe_base}/v1/refunds", auth=("sk_test_bulkdesk_local", ""), timeout=30).json()
    ours = [x for x in refunds["data"] if x["metadata"].get("group_ref") == order.ref]
    assert [(x["amount"], x["currency"], x["status"]) for x in ours] == [
        (order.cents, order.currency, "succeeded")
    ]
