"""The user's settings as the shell needs them, and the last account per server."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from desktop.models.paths import AppPaths
from desktop.models.settings import FIELDS, SettingsStore

__all__ = ["Prefs"]

log = logging.getLogger("desktop.app")


class Prefs:
    """The user's settings as the shell needs them: the settings dialog's fields (through the
    :class:`~desktop.models.settings.SettingsStore` and its policy.json locks), and the last account
    per server (a small state file beside them; the token itself is only in the keyring)."""

    def __init__(
        self, paths: AppPaths, *, store: SettingsStore | None = None, policy_path: Path | None = None
    ) -> None:
        self.paths = paths
        self.store = store or SettingsStore(paths.config / "settings.json", policy_path)
        self.store.read()  # this runs before the window is shown: no Settings object is built
        for warning in self.store.warnings:
            log.warning("settings: %s", warning)
        self._state = QSettings(str(paths.config / "state.ini"), QSettings.Format.IniFormat)

    def values(self) -> dict[str, Any]:
        return {key: self.store.get(key) for key in FIELDS}

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self.store.get(key)
        except KeyError:
            return default

    def locked(self) -> set[str]:
        return set(self.store.locked_fields) & set(FIELDS)

    def sources(self) -> dict[str, str]:
        """Where each of the dialog's values comes from (managed, recommended, user, default)."""
        return {key: self.store.source(key) for key in FIELDS}

    def update(self, changes: dict[str, Any]) -> list[str]:
        """Save the changed fields; returns the messages of those refused (invalid or locked)."""
        problems = []
        for key, value in changes.items():
            try:
                self.store.set(key, value)
            except (KeyError, ValueError) as exc:
                problems.append(str(exc))
        return problems

    def last_account(self, server_url: str) -> str | None:
        value = self._state.value(f"accounts/{_server_key(server_url)}")
        return str(value) if value else None

    def set_last_account(self, server_url: str, account: str | None) -> None:
        key = f"accounts/{_server_key(server_url)}"
        if account:
            self._state.setValue(key, account)
        else:
            self._state.remove(key)
        self._state.sync()


def _server_key(server_url: str) -> str:
    return server_url.strip().rstrip("/").replace("://", "_").replace("/", "_").replace(":", "_")
