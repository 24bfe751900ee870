"""Bad input gets a clean 4xx problem with a code, never a 500, and nothing is stored half-way."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.server.orders_kit import register


def _problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["code"] and body["detail"] and body["request_id"]
    return body


def test_an_oversized_body_is_refused_before_it_is_read(live_server):
    buyer = register(live_server.api)
    big = json.dumps({"currency": "EUR", "lines": [], "pad": "x" * (2 * 1024 * 1024)})
    r = httpx.post(f"{live_server.api}/cart/quote", content=big, headers={**buyer.headers,
                   "content-type": "application/json"}, timeout=30)
    assert _problem(r, 413)["code"] == "payload_too_large"


def test_an_oversized_chunked_body_is_refused_too(live_server):
    def chunks():
        yield b'{"currency": "EUR", "lines": [], "pad": "'
        for _ in range(40):
            yield b"y" * 65536
        yield b'"}'

    r = httpx.post(f"{live_server.api}/cart/quote", content=chunks(),
                   headers={"content-type": "application/json"}, timeout=30)
    assert _problem(r, 413)["code"] == "payload_too_large"


@pytest.mark.parametrize("quantity", [0, -3, 10**30, 1.5, "12", None])
def test_quote_refuses_impossible_quantities_with_a_field_error(live_server, quantity):
    r = httpx.post(f"{live_server.api}/cart/quote", json={
        "currency": "EUR", "lines": [{"offer_id": 1, "packaging_id": 1, "quantity": quantity}]})
    if quantity == "12":  # a numeric string is a number in JSON Schema's lax mode: fine either way
        assert r.status_code in (200, 422)
        return
    body = _problem(r, 422)
    assert any(e["field"].endswith("quantity") for e in body["errors"]), body


@pytest.mark.parametrize("body", ["not json", "[1, 2", "\x00\x01", '{"currency": "EUR", "lines": {}}'])
def test_unreadable_or_mistyped_json_is_422(live_server, body):
    r = httpx.post(f"{live_server.api}/cart/quote", content=body.encode(),
                   headers={"content-type": "application/json"})
    _problem(r, 422)


@pytest.mark.parametrize("q", ["'; DROP TABLE offers; --", '"unclosed', "NEAR(a b", "title:*", "a AND OR NOT",
                               "*", "%_%", "\\", "🙂", "x" * 500])
def test_search_text_is_never_syntax(live_server, q):
    r = httpx.get(f"{live_server.api}/offers", params={"q": q, "limit": 5})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert r.json()["code"]
    assert httpx.get(f"{live_server.api}/offers", params={"limit": 1}).json()["items"]  # still there


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"limit": -1}, {"min_price": "abc"},
                                    {"sort": "id; drop"}, {"in_stock": "maybe"}, {"cursor": "%%%"},
                                    {"category": 10**20}])
def test_bad_list_parameters_are_422(live_server, params):
    r = httpx.get(f"{live_server.api}/offers", params=params)
    _problem(r, 422)


def test_html_and_sql_in_a_question_are_kept_verbatim_not_run(live_server):
    buyer = register(live_server.api)
    offer_id = httpx.get(f"{live_server.api}/offers", params={"limit": 1}).json()["items"][0]["id"]
    message = "<script>alert('x')</script> Robert'); DROP TABLE questions;-- ¿pallets?"
    r = httpx.post(f"{live_server.api}/offers/{offer_id}/questions", json={"message": message},
                   headers=buyer.headers)
    assert r.status_code == 201, r.text
    mine = httpx.get(f"{live_server.api}/questions", headers=buyer.headers).json()
    items = mine["items"] if isinstance(mine, dict) else mine
    assert [q["message"] for q in items] == [message]


def test_a_refused_checkout_creates_nothing(live_server):
    buyer = register(live_server.api)
    offer = httpx.get(f"{live_server.api}/offers", params={"limit": 1, "in_stock": "true"}).json()["items"][0]
    body = {
        "currency": "EUR",
        "lines": [{"offer_id": offer["id"], "packaging_id": offer["packagings"][0]["id"], "quantity": 10**6}],
        "shipping": {},
        "company": {"name": "Acme", "vat_number": "FR1", "address": "1 rue de la Paix, Paris"},
        "delivery_address": {"name": "Dock 4", "street": "1 rue de la Paix", "postcode": "75002",
                             "city": "Paris", "country": "FR"},
        "payment_method": "bank_transfer",
    }
    r = httpx.post(f"{live_server.api}/checkout", json=body,
                   headers={**buyer.headers, "Idempotency-Key": "bad-input-1"}, timeout=30)
    assert r.status_code in (409, 422), r.text
    orders = httpx.get(f"{live_server.api}/orders", headers=buyer.headers).json()
    assert orders["items"] == []
    after = httpx.get(f"{live_server.api}/offers/{offer['id']}").json()
    assert after["stock_units"] == offer["stock_units"]


def test_a_nul_character_is_refused_in_bodies_and_parameters_alike(live_server):
    """PostgreSQL cannot store NUL; both databases refuse it the same way, as a 422."""
    r = httpx.post(f"{live_server.api}/auth/login", json={"email": "a\u0000b@example.com", "password": "x" * 12})
    body = _problem(r, 422)
    assert body["errors"][0] == {"field": "email", "code": "invalid_character",
                                 "message": "Text cannot contain the NUL character."}
    r = httpx.get(f"{live_server.api}/offers?q=pal%00let")
    assert _problem(r, 422)["code"] == "invalid_character"
