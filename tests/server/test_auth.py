"""Accounts: registration, sign-in with throttling, token expiry and revocation, roles, request ids."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from marketplace.db import Database
from marketplace.orm import AuthToken, User, utcnow
from marketplace.security import token_digest
from tests.support.server import cleanup, make_server

PASSWORD = "long-enough-password"


def _email() -> str:
    return f"auth-{uuid.uuid4().hex[:12]}@example.com"


def _register(api: str, email: str, role: str = "buyer", password: str = PASSWORD) -> httpx.Response:
    return httpx.post(f"{api}/auth/register", timeout=30, json={
        "email": email, "password": password, "role": role,
        "company": {"name": "Achats Dupont SARL", "country": "fr", "vat_number": "FR12345678901"},
    })


def _problem(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code
    assert body["request_id"] == response.headers["x-request-id"]
    return body


def test_register_returns_a_working_token_and_the_user(live_server):
    email = _email()
    r = _register(live_server.api, email.upper())
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["user"]["email"] == email  # stored lower-cased
    assert body["user"]["role"] == "buyer"
    assert body["user"]["company"] == {"id": body["user"]["company"]["id"], "name": "Achats Dupont SARL",
                                       "country": "FR", "vat_number": "FR12345678901"}
    me = httpx.get(f"{live_server.api}/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.json()["email"] == email


def test_the_password_is_stored_as_an_argon2_hash_and_the_token_hashed(live_server):
    email = _email()
    token = _register(live_server.api, email).json()["token"]
    db = Database(live_server.database_url)
    try:
        with db.session() as s:
            user = s.scalar(select(User).where(User.email == email))
            assert user.password_hash.startswith("$argon2") and PASSWORD not in user.password_hash
            stored = s.scalars(select(AuthToken.token_hash).where(AuthToken.user_id == user.id)).all()
            assert stored == [token_digest(token)] and token not in stored
    finally:
        db.dispose()


def test_register_refuses_a_taken_email_a_weak_password_and_unknown_fields(live_server):
    email = _email()
    assert _register(live_server.api, email).status_code == 201
    taken = _problem(_register(live_server.api, email), 409, "email_taken")
    assert taken["errors"][0]["field"] == "email"
    weak = _problem(_register(live_server.api, _email(), password="short"), 422, "weak_password")
    assert weak["errors"] == [{"field": "password", "code": "weak_password",
                               "message": "The password must have at least 10 characters."}]
    r = httpx.post(f"{live_server.api}/auth/register", json={
        "email": _email(), "password": PASSWORD, "company": {"name": "X", "country": "FR"}, "is_admin": True})
    body = _problem(r, 422, "validation_error")
    assert {"field": "is_admin", "code": "unknown_field"} in [
        {k: e[k] for k in ("field", "code")} for e in body["errors"]]
    # nobody can make themselves an administrator
    r = _register(live_server.api, _email(), role="admin")
    _problem(r, 422, "validation_error")


def test_login_gives_the_same_answer_for_unknown_email_and_wrong_password(live_server):
    email = _email()
    _register(live_server.api, email)
    wrong = httpx.post(f"{live_server.api}/auth/login", json={"email": email, "password": "not-the-password"})
    unknown = httpx.post(f"{live_server.api}/auth/login", json={"email": _email(), "password": PASSWORD})
    a, b = _problem(wrong, 401, "invalid_credentials"), _problem(unknown, 401, "invalid_credentials")
    assert a["detail"] == b["detail"]
    ok = httpx.post(f"{live_server.api}/auth/login", json={"email": email.upper(), "password": PASSWORD})
    assert ok.status_code == 200 and ok.json()["token"]


def test_repeated_failures_are_throttled_then_the_right_password_still_waits(live_server):
    email = _email()
    _register(live_server.api, email)
    for _ in range(5):
        r = httpx.post(f"{live_server.api}/auth/login", json={"email": email, "password": "wrong-password"})
        _problem(r, 401, "invalid_credentials")
    r = httpx.post(f"{live_server.api}/auth/login", json={"email": email, "password": PASSWORD})
    _problem(r, 429, "too_many_attempts")
    assert int(r.headers["retry-after"]) > 0
    # other accounts are not affected
    other = _email()
    _register(live_server.api, other)
    assert httpx.post(f"{live_server.api}/auth/login", json={"email": other, "password": PASSWORD}).status_code == 200


def test_logout_revokes_the_token(live_server):
    token = _register(live_server.api, _email()).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.post(f"{live_server.api}/auth/logout", headers=headers).status_code == 204
    _problem(httpx.get(f"{live_server.api}/me", headers=headers), 401, "unauthenticated")


def test_an_expired_token_is_refused_with_its_own_code(live_server):
    token = _register(live_server.api, _email()).json()["token"]
    db = Database(live_server.database_url)
    try:
        with db.session(write=True) as s:
            s.execute(update(AuthToken).where(AuthToken.token_hash == token_digest(token))
                      .values(expires_at=utcnow() - timedelta(seconds=1)))
            s.commit()
    finally:
        db.dispose()
    r = httpx.get(f"{live_server.api}/me", headers={"Authorization": f"Bearer {token}"})
    _problem(r, 401, "token_expired")
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic dXNlcjpwYXNz"])
def test_a_bad_token_is_401_and_no_token_is_401(live_server, header):
    r = httpx.get(f"{live_server.api}/me", headers={"Authorization": header})
    assert r.status_code == 401
    _problem(httpx.get(f"{live_server.api}/me"), 401, "unauthenticated")


def test_roles_guard_the_seller_and_admin_endpoints(live_server):
    buyer = {"Authorization": f"Bearer {_register(live_server.api, _email()).json()['token']}"}
    _problem(httpx.get(f"{live_server.api}/seller/offers", headers=buyer), 403, "seller_account_required")
    _problem(httpx.post(f"{live_server.api}/admin/payment-groups/G-NOPE/received", headers=buyer),
             403, "admin_required")
    seller = _register(live_server.api, _email(), role="seller").json()
    assert seller["user"]["seller_id"] is not None
    r = httpx.get(f"{live_server.api}/seller/offers", headers={"Authorization": f"Bearer {seller['token']}"})
    assert r.status_code == 200 and r.json()["items"] == []


def test_every_response_carries_a_request_id_and_health_answers(live_server):
    r = httpx.get(f"{live_server.api}/health")
    assert r.json() == {"status": "ok"}
    assert len(r.headers["x-request-id"]) >= 16
    again = httpx.get(f"{live_server.api}/health")
    assert again.headers["x-request-id"] != r.headers["x-request-id"]


def test_the_request_log_has_one_line_per_request_and_no_secrets():
    server = make_server(offers=30, orders=0, extra_env={"BULKDESK_LOG_LEVEL": "info"})
    try:
        server.start()
        email = _email()
        token = _register(server.api, email).json()["token"]
        me = httpx.get(f"{server.api}/me", headers={"Authorization": f"Bearer {token}"})
        server.stop()
        log = server.log_path.read_text()
        assert me.headers["x-request-id"] in log
        line = next(ln for ln in log.splitlines() if me.headers["x-request-id"] in ln)
        assert "GET /api/v1/me 200" in line
        assert token not in log and PASSWORD not in log
    finally:
        cleanup(server)


# --- throttling per account and per source address (OWASP) ------------------------------------------


def _login(api: str, email: str, password: str, source: str) -> httpx.Response:
    """A sign-in from `source`: the server trusts X-Forwarded-For from loopback (uvicorn's default
    --forwarded-allow-ips, as behind a reverse proxy), so each test can play several addresses."""
    return httpx.post(f"{api}/auth/login", json={"email": email, "password": password},
                      headers={"X-Forwarded-For": source}, timeout=30)


def _source() -> str:
    n = uuid.uuid4().int
    return f"10.{n % 250}.{n // 250 % 250}.{n // 62500 % 250 + 1}"


def test_one_address_trying_many_accounts_is_throttled(live_server):
    stuffer = _source()
    for _ in range(20):
        _problem(_login(live_server.api, _email(), "leaked-password-1", stuffer), 401, "invalid_credentials")
    held = _login(live_server.api, _email(), "leaked-password-1", stuffer)
    _problem(held, 429, "too_many_attempts")
    assert 0 < int(held.headers["retry-after"]) <= 16
    # another address is not held back, and the lock is in the server's log
    _problem(_login(live_server.api, _email(), "leaked-password-1", _source()), 401, "invalid_credentials")
    assert f"per source (source {stuffer})" in live_server.log_path.read_text()


def test_an_attack_on_one_account_does_not_lock_its_owner_out(live_server):
    owner = _email()
    _register(live_server.api, owner)
    office = _source()
    assert _login(live_server.api, owner, PASSWORD, office).status_code == 200  # a known address now
    for _ in range(20):  # a botnet: one guess per address
        _problem(_login(live_server.api, owner, "guess-password-1", _source()), 401, "invalid_credentials")
    held = _login(live_server.api, owner, "guess-password-1", _source())
    _problem(held, 429, "too_many_attempts")
    assert "per account (source" in live_server.log_path.read_text()
    # the owner from the office signs in; from a new address only after a short back-off
    assert _login(live_server.api, owner, PASSWORD, office).status_code == 200
    elsewhere = _login(live_server.api, owner, PASSWORD, _source())
    _problem(elsewhere, 429, "too_many_attempts")
    assert 0 < int(elsewhere.headers["retry-after"]) <= 16  # seconds, not a 5-minute lock


def test_the_back_off_doubles_with_each_failure_and_is_capped():
    from marketplace.services.login_throttle import RULES, _backoff_s

    rule = RULES[0]
    waits = [_backoff_s(rule, n, 900) for n in range(rule.threshold - 1, rule.threshold + 8)]
    assert waits[:4] == [0, 15, 30, 60] and waits[-1] == 900
