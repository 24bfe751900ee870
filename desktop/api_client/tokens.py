"""Where bearer tokens live: the OS keyring, never a file, a setting or a log line.

A token is held as a :class:`pydantic.SecretStr` everywhere in the client, so a repr, a str or a log
line shows ``**********``. A :class:`TokenStore` keeps one token per (server URL, account) and
remembers which account is the current one for a server.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Protocol, runtime_checkable

from pydantic import SecretStr

log = logging.getLogger(__name__)

__all__ = [
    "KEYRING_SERVICE", "KeyringTokenStore", "MemoryTokenStore", "TokenStore", "default_token_store",
    "normalize_server_url",
]

KEYRING_SERVICE = "Bulkdesk"
_CURRENT = "current-account"


def normalize_server_url(server_url: str) -> str:
    return server_url.strip().rstrip("/")


@runtime_checkable
class TokenStore(Protocol):
    """Keeps tokens per (server URL, account) and the current account per server."""

    def get(self, server_url: str, account: str) -> SecretStr | None: ...

    def set(self, server_url: str, account: str, token: SecretStr | str) -> None: ...

    def delete(self, server_url: str, account: str) -> None: ...

    def current_account(self, server_url: str) -> str | None: ...

    def set_current_account(self, server_url: str, account: str | None) -> None: ...


def _secret(token: SecretStr | str) -> SecretStr:
    return token if isinstance(token, SecretStr) else SecretStr(token)


class MemoryTokenStore:
    """An in-memory TokenStore for tests and for sessions that must not persist (a guest)."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, str], SecretStr] = {}
        self._current: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, server_url: str, account: str) -> SecretStr | None:
        with self._lock:
            return self._tokens.get((normalize_server_url(server_url), account))

    def set(self, server_url: str, account: str, token: SecretStr | str) -> None:
        with self._lock:
            self._tokens[(normalize_server_url(server_url), account)] = _secret(token)

    def delete(self, server_url: str, account: str) -> None:
        with self._lock:
            self._tokens.pop((normalize_server_url(server_url), account), None)

    def current_account(self, server_url: str) -> str | None:
        with self._lock:
            return self._current.get(normalize_server_url(server_url))

    def set_current_account(self, server_url: str, account: str | None) -> None:
        with self._lock:
            key = normalize_server_url(server_url)
            if account is None:
                self._current.pop(key, None)
            else:
                self._current[key] = account

    def __repr__(self) -> str:
        return f"MemoryTokenStore({len(self._tokens)} tokens)"


class KeyringTokenStore:
    """The OS keyring (Secret Service, macOS Keychain, Windows Credential Locker) via ``keyring``.

    Service ``Bulkdesk``; one entry per server URL and account, username ``<server url>#<account>``;
    and a pointer entry ``<server url>#current-account`` whose value is the current account.
    """

    def __init__(self, service: str = KEYRING_SERVICE, backend: object | None = None) -> None:
        self._service = service
        self._backend = backend

    def _keyring(self):
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    @staticmethod
    def _username(server_url: str, account: str) -> str:
        return f"{normalize_server_url(server_url)}#{account}"

    def get(self, server_url: str, account: str) -> SecretStr | None:
        value = self._keyring().get_password(self._service, self._username(server_url, account))
        return SecretStr(value) if value else None

    def set(self, server_url: str, account: str, token: SecretStr | str) -> None:
        self._keyring().set_password(
            self._service, self._username(server_url, account), _secret(token).get_secret_value()
        )

    def delete(self, server_url: str, account: str) -> None:
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            self._keyring().delete_password(self._service, self._username(server_url, account))

    def current_account(self, server_url: str) -> str | None:
        return self._keyring().get_password(self._service, f"{normalize_server_url(server_url)}#{_CURRENT}")

    def set_current_account(self, server_url: str, account: str | None) -> None:
        username = f"{normalize_server_url(server_url)}#{_CURRENT}"
        if account is None:
            from keyring.errors import PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError):
                self._keyring().delete_password(self._service, username)
        else:
            self._keyring().set_password(self._service, username, account)

    def __repr__(self) -> str:
        return f"KeyringTokenStore(service={self._service!r})"


def default_token_store() -> TokenStore:
    """The OS keyring; an in-memory store (and a log line) when this system has no usable keyring."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            raise RuntimeError("no keyring backend")
        return KeyringTokenStore()
    except Exception as exc:
        log.warning("no OS keyring (%s): sign-ins last until Bulkdesk quits", exc)
        return MemoryTokenStore()
