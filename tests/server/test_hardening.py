"""The server under an attacker's input (issue 14): a 500 keeps its request id, Host is not trusted,
quotes take strict integers, the pay page has a Content-Security-Policy, a guest token signs out,
and a replayed card checkout after a restart hands back a link that works."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
from starlette.testclient import TestClient

from marketplace.app import create_app
from marketplace.config import Config
from marketplace.db import Database
from tests.server import orders_kit as kit
from tests.server.orders_kit import add_offer, checkout_body, line, new_shop, place, register
from tests.support.server import ServerProcess, cleanup, make_server

api = kit.api  # fixture
db = kit.db  # fixture


def test_an_unexpected_error_keeps_its_request_id_in_the_header_the_body_and_the_log(tmp_path, caplog):
    """A route that breaks: the one fault a healthy server cannot produce on demand, so it is added
    to an app built in-process; everything else is the real middleware stack."""
    app = create_app(Config(database_url=f"sqlite:///{tmp_path / 'm.sqlite3'}"))

    @app.get("/api/v1/_boom")
    def boom():
        raise RuntimeError("a bug")

    caplog.set_level(logging.ERROR, logger="marketplace.requests")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        r = client.get("/api/v1/_boom")
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("application/problem+json")
    request_id = r.headers.get("x-request-id")
    assert request_id and re.fullmatch(r"[0-9a-f]{16}", request_id)
    assert r.json()["request_id"] == request_id and r.json()["code"] == "internal_error"
    assert any(request_id in rec.getMessage() and rec.exc_info for rec in caplog.records)


def test_a_foreign_host_header_is_refused_and_never_echoed_into_a_redirect(live_server):
    r = httpx.get(f"{live_server.api}/offers/", headers={"Host": "evil.example"}, timeout=30)
    assert r.status_code == 400 and r.json()["code"] == "invalid_host"
    assert "evil.example" not in r.headers.get("location", "") and "evil.example" not in r.text
    # the server's own names still answer (with the port, as browsers send it)
    for host in (f"127.0.0.1:{live_server.port}", f"localhost:{live_server.port}"):
        ok = httpx.get(f"{live_server.api}/offers/", headers={"Host": host}, timeout=30)
        assert ok.status_code == 307 and ok.headers["location"].startswith(f"http://{host}/")


def test_an_allowed_host_option_adds_a_public_name():
    server = make_server(offers=20, orders=0, demo=False)
    server.extra_args = ["--allowed-hosts", "market.example.com"]
    server.start()
    try:
        good = httpx.get(f"{server.api}/health", headers={"Host": "market.example.com"}, timeout=30)
        bad = httpx.get(f"{server.api}/health", headers={"Host": "evil.example"}, timeout=30)
        assert good.status_code == 200 and bad.status_code == 400
    finally:
        cleanup(server)


@pytest.mark.parametrize("quantity", [2.0, True, "3", 1.5])
def test_quote_quantities_are_strict_integers_as_at_checkout(live_server, api, db, quantity):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    bad = dict(line(offer), quantity=quantity)
    r = api.post("/cart/quote", json={"currency": "EUR", "lines": [bad]})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "lines.0.quantity"
    buyer = register(live_server.api)
    assert place(api, buyer, checkout_body([bad], offers=[offer])).status_code == 422
    assert api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 2)]}).status_code == 200


def test_a_guest_token_can_sign_itself_out(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    out = place(api, None, checkout_body([line(offer)], offers=[offer], guest="leaving@example.com")).json()
    guest = {"Authorization": f"Bearer {out['guest_token']}"}
    ref = out["order_group"]["ref"]
    assert api.get(f"/order-groups/{ref}", headers=guest).status_code == 200
    assert api.post("/auth/logout", headers=guest).status_code == 204
    assert api.get(f"/order-groups/{ref}", headers=guest).status_code == 401


# --- the card payment page --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def card_server() -> Iterator[ServerProcess]:
    """Its own server: the replay test restarts it."""
    srv = make_server(offers=20, orders=0)
    srv.start()
    yield srv
    cleanup(srv)


def _card_checkout(server: ServerProcess, key: str) -> tuple[httpx.Response, dict]:
    database = Database(server.database_url)
    try:
        shop = new_shop(server.api, database)
        offer = add_offer(database, shop.seller_id, shop.warehouse_id)
    finally:
        database.dispose()
    buyer = register(server.api)
    body = checkout_body([line(offer)], offers=[offer], payment_method="card")
    with httpx.Client(base_url=server.api, timeout=60) as client:
        r = place(client, buyer, body, key)
    assert r.status_code == 201, r.text
    return r, {"buyer": buyer, "body": body}


def test_the_pay_page_has_a_content_security_policy_that_lets_stripe_js_in(card_server):
    r, _ = _card_checkout(card_server, str(uuid.uuid4()))
    page = httpx.get(r.json()["payment"]["checkout_url"], timeout=30)
    assert page.status_code == 200
    policy = {d.split()[0]: d.split()[1:] for d in page.headers["content-security-policy"].split("; ")}
    stripe_js = re.search(r'<script src="(http://127\.0\.0\.1:\d+)/', page.text).group(1)
    nonce = re.search(r'<script nonce="([^"]+)">', page.text).group(1)
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert f"'nonce-{nonce}'" in policy["script-src"] and stripe_js in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert stripe_js in policy["frame-src"] and stripe_js in policy["connect-src"]
    again = httpx.get(r.json()["payment"]["checkout_url"], timeout=30)
    assert re.search(r'<script nonce="([^"]+)">', again.text).group(1) != nonce  # one per response


def test_a_replayed_card_checkout_after_a_restart_returns_a_link_that_works(card_server):
    key = str(uuid.uuid4())
    first, ctx = _card_checkout(card_server, key)
    url = first.json()["payment"]["checkout_url"]
    assert httpx.get(url, timeout=30).status_code == 200
    card_server.restart()
    with httpx.Client(base_url=card_server.api, timeout=60) as client:
        replay = place(client, ctx["buyer"], ctx["body"], key)
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    page = httpx.get(replay.json()["payment"]["checkout_url"], timeout=30)
    assert page.status_code == 200, page.text[:300]
    assert first.json()["order_group"]["ref"] in page.text


def test_several_worker_processes_share_one_marketplace():
    """--workers 2: both workers answer from the same database, and a sign-in hold set by one is
    seen by the other (the throttle lives in the database)."""
    server = make_server(offers=20, orders=0, demo=False)
    server.extra_args = ["--workers", "2"]
    server.start()
    try:
        email = f"workers-{uuid.uuid4().hex[:8]}@example.com"
        made = httpx.post(f"{server.api}/auth/register", timeout=30, json={
            "email": email, "password": "long-enough-password", "role": "buyer",
            "company": {"name": "Two Workers SA", "country": "FR"}})
        assert made.status_code == 201, made.text
        with httpx.Client(base_url=server.api, timeout=30) as client:  # new connections spread over workers
            codes = [httpx.post(f"{server.api}/auth/login", timeout=30,
                                json={"email": email, "password": "wrong-password-1"}).status_code
                     for _ in range(8)]
            assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
            assert client.get("/health").status_code == 200
    finally:
        cleanup(server)
