"""The app's one settings object: the user's settings, the machine-wide policy an administrator can set,
and a change notification (`subscribe`) the composition root wires to the parts each setting reaches.

Precedence, highest first: locked values of the policy > the user's settings file > policy defaults >
built-in defaults. The user's file stores only what differs from the (policy) defaults, so a default
the administrator changes later reaches every user who had not chosen otherwise.

Files:
- the user's settings: `settings.json` in `platformdirs.user_config_dir("Bulkdesk")`, written
  atomically (temporary file in the same folder, fsync, `os.replace`);
- the policy: `policy.json` in `platformdirs.site_config_dir("Bulkdesk")`, shaped
  `{"defaults": {field: value}, "locked": {field: value}}`, plus the registry on Windows and managed
  preferences on macOS (desktop/models/settings/policy.py reads them all); installed by an administrator (see
  installer/ and docs/admin.md), read-only for the app.

Nothing here ever crashes on a bad file: a corrupt settings file is moved aside and defaults are used;
a bad policy file, unknown keys or invalid values are skipped. Each such event adds a message to
`SettingsStore.warnings` for the UI (and the log).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import platformdirs

from desktop.models.infrastructure.paths import AppPaths
from desktop.models.settings.policy import Policy, read_all
from desktop.models.settings.rules import DEFAULTS, FIELDS, Settings, check_field

log = logging.getLogger(__name__)

APP_NAME = "Bulkdesk"
FILE_VERSION = 1

#: told the names of the fields whose effective value a save changed
Listener = Callable[[frozenset[str]], None]

def default_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def default_policy_path() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "policy.json"


class SettingsStore:
    """Loads and saves `Settings`, applying the policy. `load()` (or `read()`) first; then `get`,
    `is_locked`, `warnings`. `read()` + `get()` are what the app's start-up uses (no Settings built).

    Every save tells the listeners given to `subscribe` which fields changed (their effective value,
    after the policy), once per save, after the file is written; the root wires them to the parts
    (desktop/views/settings/effects.py), so a setting takes effect wherever it is saved from."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        policy_path: str | os.PathLike[str] | None = None,
        policy_readers: list[Callable[[], Policy]] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_settings_path()
        self.policy_path = Path(policy_path) if policy_path is not None else default_policy_path()
        #: the OS's policy store (None: this OS's, see policy.platform_readers); policy.json is always read
        self._policy_readers = policy_readers
        #: setting → where the administrator set it (a file, a registry key)
        self.policy_origins: dict[str, str] = {}
        self._user: dict[str, Any] = {}
        self.warnings: list[str] = []
        #: the settings file was unreadable and was moved here (defaults are in use)
        self.corrupt_file_moved_to: Path | None = None
        self._policy_defaults: dict[str, Any] = {}
        self._locked: dict[str, Any] = {}
        self._unknown_user_keys: dict[str, Any] = {}
        self._merged: dict[str, Any] = {}  # policy defaults < user's file < locks, each value valid
        self._values: dict[str, Any] | None = None  # every field: _merged over the built-in defaults
        self._current: Settings | None = None
        self._listeners: list[Listener] = []

    @classmethod
    def at(cls, paths: AppPaths, policy_path: str | os.PathLike[str] | None = None) -> SettingsStore:
        """The store of the app's config folder, read (warnings logged), ready for `get`."""
        store = cls(paths.settings_path, policy_path)
        store.read()
        return store

    # -- change notification ----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changed_fields)`` after each save that changes something; returns the unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def _notify(self, changed: frozenset[str]) -> None:
        for listener in list(self._listeners):
            try:
                listener(changed)
            except Exception:  # one part failing to apply a setting must not stop the others
                log.exception("applying the settings %s failed", sorted(changed))

    @property
    def settings_file_was_corrupt(self) -> bool:
        return self.corrupt_file_moved_to is not None

    # -- policy -------------------------------------------------------------------------------------

    def is_locked(self, field: str) -> bool:
        """True when the administrator fixed this field: the UI shows it disabled."""
        return field in self._locked

    @property
    def locked_fields(self) -> frozenset[str]:
        return frozenset(self._locked)

    def defaults(self) -> Settings:
        """Built-in defaults, with the policy's defaults and locks applied ("Reset to defaults")."""
        return Settings.of({**self._policy_defaults, **self._locked})

    def source(self, field: str) -> str:
        """Where the effective value comes from: "managed" (locked by the administrator), "user",
        "recommended" (the administrator's default) or "default" (built in)."""
        if field in self._locked:
            return "managed"
        if field in self._user:
            return "user"
        return "recommended" if field in self._policy_defaults else "default"

    def _load_policy(self) -> None:
        # policy.json on every OS, then the registry (Windows) or managed preferences (macOS) over it
        policy = read_all(self.policy_path, self._policy_readers)
        for message in policy.warnings:
            self._warn(message)
        self.policy_origins = policy.origins
        self._policy_defaults = self._valid_fields(policy.recommended, "the administrator's recommended values")
        self._locked = self._valid_fields(policy.managed, "the administrator's managed values")

    # -- loading and saving ---------------------------------------------------------------------------

    def read(self) -> None:
        """Read the policy and the user's file, each value checked alone (see `warnings`); `get()`
        answers from here. Never raises for bad files."""
        self.warnings = []
        self.corrupt_file_moved_to = None
        self._unknown_user_keys = {}
        self._current = None
        self._load_policy()
        user = self._user = self._read_user_file()
        self._merged = {**self._policy_defaults, **user, **self._locked}
        self._values = {**DEFAULTS, **self._merged}

    def load(self) -> Settings:
        """The effective settings. Never raises for bad files (see `warnings`)."""
        self.read()
        return self.current

    @property
    def current(self) -> Settings:
        """The settings of the last `load()`/`read()`/`save()` (reading them on first use)."""
        if self._current is None:
            if self._values is None:
                self.read()
            self._current = Settings.of(self._merged)  # each value was checked by read()
        return self._current

    def get(self, field: str) -> Any:
        """One field of the effective settings (KeyError for an unknown field)."""
        if field not in FIELDS:
            raise KeyError(field)
        if self._values is None:
            self.read()
        assert self._values is not None
        return self._values[field]

    def values(self) -> dict[str, Any]:
        """Every field's effective value (the settings dialog's)."""
        return {field: self.get(field) for field in FIELDS}

    def sources(self) -> dict[str, str]:
        """Where each field's value comes from (see `source`)."""
        return {field: self.source(field) for field in FIELDS}

    def set(self, field: str, value: object) -> Settings:
        """Change and save one field. ValueError if it is invalid or locked by the administrator."""
        return self.save(self._changed(self.current, field, value))

    def update(self, changes: Mapping[str, Any]) -> list[str]:
        """Save the changed fields in one write (one notification); a field that is unknown, invalid or
        locked keeps its value, and its message is returned."""
        problems: list[str] = []
        updated = self.current
        for field, value in changes.items():
            try:
                updated = self._changed(updated, field, value)
            except (KeyError, ValueError) as exc:
                problems.append(f"unknown setting {field!r}" if isinstance(exc, KeyError) else str(exc))
        if updated != self.current:
            self.save(updated)
        return problems

    def _changed(self, settings: Settings, field: str, value: object) -> Settings:
        if field not in FIELDS:
            raise KeyError(field)
        if self.is_locked(field):
            raise ValueError(f"{field} is set by your administrator and cannot be changed")
        try:
            return Settings.of({**settings.as_dict(), field: value})
        except ValueError as exc:
            raise ValueError(f"Invalid value {value!r} for {exc}") from None

    def _read_user_file(self) -> dict[str, Any]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self._warn(f"Your settings file {self.path} cannot be read; defaults are used: {exc}")
            return {}
        try:
            content = json.loads(data.decode("utf-8"))
            if not isinstance(content, dict):
                raise ValueError("not a JSON object")
        except (UnicodeDecodeError, ValueError) as exc:
            aside = self.path.with_name(self.path.name + ".corrupt")
            try:
                os.replace(self.path, aside)
                self.corrupt_file_moved_to = aside
            except OSError as move_error:
                log.warning("could not move %s aside: %s", self.path, move_error)
                self.corrupt_file_moved_to = self.path
            self._warn(
                f"Your settings file was damaged ({exc}); default settings are used. "
                f"The damaged file was kept as {self.corrupt_file_moved_to}."
            )
            return {}
        content.pop("version", None)
        self._unknown_user_keys = {k: v for k, v in content.items() if k not in FIELDS}
        for key in self._unknown_user_keys:
            log.info("settings file: keeping unknown key %r (from another version?)", key)
        known = {k: v for k, v in content.items() if k in FIELDS}
        return self._valid_fields(known, "your settings file")

    def save(self, settings: Settings) -> Settings:
        """Write the settings (atomically). Locked fields are not written. Returns the effective settings."""
        defaults = self.defaults()
        changed = {
            name: value
            for name, value in settings.as_dict().items()
            if name not in self._locked and value != getattr(defaults, name)
        }
        document = {"version": FILE_VERSION, **self._unknown_user_keys, **changed}
        atomic_write_text(self.path, json.dumps(document, indent=2, sort_keys=True) + "\n")
        before = self._values if self._values is not None else {**DEFAULTS, **self._merged}
        self._user = changed
        self._merged = {**self._policy_defaults, **changed, **self._locked}
        self._current = Settings.of(self._merged)
        self._values = self._current.as_dict()
        moved = frozenset(field for field in FIELDS if before.get(field) != self._values[field])
        if moved:
            self._notify(moved)
        return self._current

    # -- helpers ------------------------------------------------------------------------------------

    def _valid_fields(self, values: Mapping[str, Any], where: str) -> dict[str, Any]:
        valid = {}
        for key, value in values.items():
            if key not in FIELDS:
                self._warn(f"Unknown setting {key!r} in {where}; it is ignored.")
                continue
            try:
                valid[key] = check_field(key, value)
            except ValueError as exc:
                self._warn(f"Invalid value {value!r} in {where} ({exc}); it is ignored.")
        return valid

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warnings.append(message)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that a crash leaves either the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if os.name == "posix":  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
