"""Tokens: stored per (server, account), cleared on 401, never shown in reprs, errors or logs."""

from __future__ import annotations

import logging
import os

import httpx
import pytest
from pydantic import SecretStr

from desktop.api_client import (
    AuthenticationError,
    AuthExpiredError,
    KeyringTokenStore,
    MalformedResponseError,
    MemoryTokenStore,
    TokenStore,
)

from .helpers import BASE, problem

TOKEN = "tok_SuperSecretValue_0123456789"
SESSION = {
    "token": TOKEN,
    "expires_at": "2026-12-11T10:00:00Z",
    "user": {
        "id": 5,
        "email": "buyer@example.test",
        "role": "buyer",
        "company": {"id": 1, "name": "ACME", "country": "PT", "vat_number": None},
    },
}


def test_login_stores_the_token_and_sends_it(api, make_client, token_store):
    api.post("/auth/login").mock(return_value=httpx.Response(200, json=SESSION))
    me = api.get("/me").mock(return_value=httpx.Response(200, json=SESSION["user"]))
    client = make_client()
    session = client.auth.login("buyer@example.test", "correct horse battery")
    assert session.token.get_secret_value() == TOKEN
    assert token_store.get(BASE, "buyer@example.test").get_secret_value() == TOKEN
    assert token_store.current_account(BASE) == "buyer@example.test"
    assert client.auth.me().email == "buyer@example.test"
    assert me.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"
    sent = api.calls[0].request
    assert "Authorization" not in sent.headers
    assert b'"password":"correct horse battery"' in sent.content


def test_a_new_client_picks_up_the_current_account_token(api, make_client, token_store):
    token_store.set(BASE, "seller@example.test", TOKEN)
    token_store.set_current_account(BASE, "seller@example.test")
    route = api.get("/me").mock(return_value=httpx.Response(200, json=SESSION["user"]))
    client = make_client()
    assert client.account == "seller@example.test" and client.is_authenticated
    client.auth.me()
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_401_clears_the_stored_token(api, make_client, token_store):
    token_store.set(BASE, "buyer@example.test", TOKEN)
    api.get("/me").mock(return_value=httpx.Response(401, json=problem(401, "unauthenticated")))
    client = make_client(account="buyer@example.test")
    assert client.is_authenticated
    with pytest.raises(AuthExpiredError) as info:
        client.auth.me()
    assert info.value.status == 401 and info.value.code == "unauthenticated"
    assert token_store.get(BASE, "buyer@example.test") is None
    assert not client.is_authenticated


def test_401_without_a_token_is_not_an_expiry(api, make_client, token_store):
    token_store.set(BASE, "other@example.test", "keep-me")
    api.post("/auth/login").mock(return_value=httpx.Response(401, json=problem(401, "invalid_credentials")))
    with pytest.raises(AuthenticationError) as info:
        make_client().auth.login("buyer@example.test", "wrong password")
    assert not isinstance(info.value, AuthExpiredError)
    assert info.value.code == "invalid_credentials"
    assert token_store.get(BASE, "other@example.test") is not None


def test_guest_token_is_used_without_being_stored(api, make_client, token_store):
    route = api.get("/order-groups/G-1").mock(
        return_value=httpx.Response(
            200, json={"ref": "G-1", "orders": [], "total": {"amount": "1.00", "currency": "EUR"}}
        )
    )
    client = make_client()
    client.set_token(SecretStr("guest-token-1"), persist=False)
    assert client.orders.group("G-1").ref == "G-1"
    assert route.calls.last.request.headers["Authorization"] == "Bearer guest-token-1"
    assert token_store.current_account(BASE) is None


def test_token_never_shows_in_reprs_errors_or_logs(api, make_client, token_store, caplog):
    caplog.set_level(logging.DEBUG)
    api.post("/auth/login").mock(return_value=httpx.Response(200, json=SESSION))
    api.get("/me").mock(return_value=httpx.Response(401, json=problem(401, "unauthenticated")))
    client = make_client()
    session = client.auth.login("buyer@example.test", "correct horse battery")
    with pytest.raises(AuthExpiredError) as expired:
        client.auth.me()
    # a malformed session (the token present, another field wrong) must not echo the token either
    bad = dict(SESSION, expires_at="not a date")
    api.post("/auth/login").mock(return_value=httpx.Response(200, json=bad))
    with pytest.raises(MalformedResponseError) as malformed:
        client.auth.login("buyer@example.test", "correct horse battery")
    texts = [
        repr(client),
        str(client),
        repr(session),
        str(session),
        repr(session.token),
        str(session.token),
        repr(expired.value),
        str(expired.value),
        repr(malformed.value),
        str(malformed.value),
        repr(token_store),
        caplog.text,
    ]
    for text in texts:
        assert TOKEN not in text
        assert "correct horse battery" not in text
    # the log has one line per request, with method, path, status and request id
    lines = [r.getMessage() for r in caplog.records if r.name == "desktop.api_client"]
    assert any("POST /api/v1/auth/login -> 200" in line for line in lines)
    assert any("GET /api/v1/me -> 401" in line and "request_id=" in line for line in lines)
    assert all("Authorization" not in line and "Bearer" not in line for line in lines)


def test_memory_token_store_keys():
    store = MemoryTokenStore()
    assert isinstance(store, TokenStore)
    store.set("https://a.test/", "x@a.test", "t1")
    store.set("https://b.test", "x@a.test", "t2")
    assert store.get("https://a.test", "x@a.test").get_secret_value() == "t1"
    assert store.get("https://b.test", "x@a.test").get_secret_value() == "t2"
    store.delete("https://a.test", "x@a.test")
    assert store.get("https://a.test", "x@a.test") is None
    store.set_current_account("https://a.test", "x@a.test")
    assert store.current_account("https://a.test/") == "x@a.test"
    store.set_current_account("https://a.test", None)
    assert store.current_account("https://a.test") is None


class FakeKeyring:
    """A keyring backend's three calls, over a dict."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.entries:
            raise PasswordDeleteError("not found")
        del self.entries[(service, username)]


def test_keyring_token_store_layout():
    backend = FakeKeyring()
    store = KeyringTokenStore(backend=backend)
    assert isinstance(store, TokenStore)
    store.set("https://market.test/", "buyer@example.test", SecretStr("t-1"))
    store.set_current_account("https://market.test", "buyer@example.test")
    assert backend.entries == {
        ("Bulkdesk", "https://market.test#buyer@example.test"): "t-1",
        ("Bulkdesk", "https://market.test#current-account"): "buyer@example.test",
    }
    assert store.get("https://market.test", "buyer@example.test").get_secret_value() == "t-1"
    store.delete("https://market.test", "buyer@example.test")
    store.delete("https://market.test", "buyer@example.test")  # deleting twice is fine
    store.set_current_account("https://market.test", None)
    assert backend.entries == {}


def _secret_service_keyring():
    """(the Secret Service keyring backend, None) when one answers unlocked, else (None, why not)."""
    try:
        import secretstorage
        from keyring.backends import SecretService
    except ImportError as exc:  # pragma: no cover
        return None, f"keyring backend missing: {exc}"
    try:
        backend = SecretService.Keyring()
        backend.priority
        with secretstorage.dbus_init() as conn:
            if secretstorage.get_default_collection(conn).is_locked():
                return None, "the Secret Service default collection is locked"
    except Exception as exc:
        return None, f"no Secret Service available ({type(exc).__name__}: {exc})"
    return backend, None


@pytest.mark.keyring
def test_keyring_token_store_with_the_os_keyring():
    backend, reason = _secret_service_keyring()
    if backend is None:
        if os.environ.get("BULKDESK_REQUIRE_KEYRING"):  # scripts/test sets it: CI must really test it
            pytest.fail(f"the real OS keyring test cannot run: {reason}")
        pytest.skip(reason)
    store = KeyringTokenStore(backend=backend)
    server, account = "https://keyring-test.bulkdesk.test", "keyring-test@example.test"
    try:
        store.set(server, account, SecretStr("os-keyring-token"))
        store.set_current_account(server, account)
        fresh = KeyringTokenStore(backend=type(backend)())
        assert fresh.get(server, account).get_secret_value() == "os-keyring-token"
        assert fresh.current_account(server) == account
        fresh.delete(server, account)
        assert store.get(server, account) is None
        assert backend.get_password("Bulkdesk", f"{server}#{account}") is None
    finally:
        store.delete(server, account)
        store.set_current_account(server, None)
