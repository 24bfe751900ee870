"""A keyring backend in a JSON file, for tests that start the real app in a child process signed in
(``PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring``, the file in
``BULKDESK_TEST_KEYRING_FILE``). Plain text: tests only. The real OS keyring has its own test
(tests/api_client/test_tokens.py, gnome-keyring under dbus-run-session in CI)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "BULKDESK_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ[ENV])

    def _read(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def _write(self, values: dict[str, str]) -> None:
        self.path.write_text(json.dumps(values))

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        values = self._read()
        values[f"{service}\n{username}"] = password
        self._write(values)

    def delete_password(self, service: str, username: str) -> None:
        values = self._read()
        if values.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._write(values)
