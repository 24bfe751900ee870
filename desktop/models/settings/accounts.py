"""The last account signed in, per server: the sign-in form's hint and whose offline orders to show.

Kept in ``state.ini`` beside the settings (the INI layout the app has always written there); the token
itself is only ever in the OS keyring."""

from __future__ import annotations

import configparser
import logging
from pathlib import Path

from desktop.models.settings.store import atomic_write_text

__all__ = ["LastAccounts"]

log = logging.getLogger(__name__)

_SECTION = "accounts"


class LastAccounts:
    """``get(server_url)`` / ``set(server_url, account or None)``; an unreadable file is an empty one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, server_url: str) -> str | None:
        value = self._read().get(_SECTION, _server_key(server_url), fallback="")
        return value or None

    def set(self, server_url: str, account: str | None) -> None:
        state = self._read()
        if not state.has_section(_SECTION):
            state.add_section(_SECTION)
        key = _server_key(server_url)
        if account:
            state.set(_SECTION, key, account)
        elif not state.remove_option(_SECTION, key):
            return
        lines: list[str] = []
        for section in state.sections():
            lines.append(f"[{section}]")
            lines.extend(f"{name}={value}" for name, value in state.items(section))
            lines.append("")
        atomic_write_text(self.path, "\n".join(lines))

    def _read(self) -> configparser.ConfigParser:
        state = configparser.ConfigParser(interpolation=None, strict=False)
        state.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
        try:
            state.read(self.path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError) as exc:
            log.warning("the account state file %s is unreadable (%s); it is ignored", self.path, exc)
            return configparser.ConfigParser(interpolation=None)
        return state


def _server_key(server_url: str) -> str:
    return server_url.strip().rstrip("/").replace("://", "_").replace("/", "_").replace(":", "_")
