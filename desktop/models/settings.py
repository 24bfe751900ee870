"""User settings and the machine-wide policy an administrator can set.

Precedence, highest first: locked values of the policy > the user's settings file > policy defaults >
built-in defaults. The user's file stores only what differs from the (policy) defaults, so a default
the administrator changes later reaches every user who had not chosen otherwise.

Files:
- the user's settings: `settings.json` in `platformdirs.user_config_dir("Bulkdesk")`, written
  atomically (temporary file in the same folder, fsync, `os.replace`);
- the policy: `policy.json` in `platformdirs.site_config_dir("Bulkdesk")`, shaped
  `{"defaults": {field: value}, "locked": {field: value}}`; installed by an administrator (see
  installer/ for the templates), read-only for the app.

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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import platformdirs

from desktop.models.money import CURRENCY_CODES

if TYPE_CHECKING:
    from desktop.models._settings_model import Settings

log = logging.getLogger(__name__)

APP_NAME = "Bulkdesk"
FILE_VERSION = 1

CurrencyCode = Literal["EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH"]
Language = Literal["en", "fr", "system"]


#: the built-in defaults, field by field (the order of the settings dialog and of the model's fields)
DEFAULTS: dict[str, Any] = {
    "server_url": "http://127.0.0.1:8000",
    "currency": "EUR",
    "language": "system",
    "sync_interval_minutes": 15,
    "cache_max_mb": 500,
    "proxy_url": None,  # None: the system's proxy settings
    "extra_ca_bundle": None,  # a PEM file trusted in addition to the system's certificates
}
FIELDS: tuple[str, ...] = tuple(DEFAULTS)

if set(CurrencyCode.__args__) != set(CURRENCY_CODES):  # type: ignore[attr-defined]
    raise RuntimeError("settings.CurrencyCode and money.CURRENCY_CODES disagree")


def _model() -> type[Settings]:
    """The pydantic model (_settings_model.py), imported on first use: pydantic and the model cost
    ~0.1 s, which the app's start-up does not pay (it reads the files with :func:`_quick_check`)."""
    from desktop.models._settings_model import Settings

    return Settings


def __getattr__(name: str) -> Any:
    if name == "Settings":  # ``from desktop.models.settings import Settings``: pydantic, on first use
        return _model()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _validation_error() -> type[Exception]:
    from pydantic import ValidationError

    return ValidationError


def _check_server_url(value: str) -> str:
    return _check_url(value, ("http", "https")).rstrip("/")


def _check_proxy_url(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    return _check_url(value, ("http", "https", "socks5", "socks5h"))


def _check_ca_bundle(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not Path(value).expanduser().is_absolute():
        raise ValueError("must be an absolute path to a PEM file")
    return value


def _plain(value: Any) -> bool:
    """A str that the model takes as it is: printable ASCII, no surrounding blanks to strip."""
    return type(value) is str and value.isascii() and value.isprintable() and value == value.strip()


_NOT_SURE = object()


def _quick_check(field: str, value: Any) -> Any:
    """``value`` as the model would hold it, for the plain values a settings file holds; ``_NOT_SURE``
    for anything else, which the model then judges (with its own error message). Only values the
    model certainly accepts pass here, so the result is the same as the model's, without pydantic."""
    try:
        if field == "server_url" and _plain(value):
            return _check_server_url(value)
        if field in ("proxy_url", "extra_ca_bundle") and (value is None or value == "" or _plain(value)):
            return _check_proxy_url(value) if field == "proxy_url" else _check_ca_bundle(value)
    except ValueError:
        return _NOT_SURE
    if field == "currency" and type(value) is str and value in CURRENCY_CODES:
        return value
    if field == "language" and type(value) is str and value in Language.__args__:  # type: ignore[attr-defined]
        return value
    if field == "sync_interval_minutes" and type(value) is int and 1 <= value <= 24 * 60:
        return value
    if field == "cache_max_mb" and type(value) is int and 50 <= value <= 100_000:
        return value
    return _NOT_SURE


def _check_url(value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        raise ValueError(f"must be a URL starting with {' or '.join(s + '://' for s in schemes)}")
    return value


def default_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def default_policy_path() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "policy.json"


class SettingsStore:
    """Loads and saves `Settings`, applying the policy. `load()` (or `read()`) first; then `get`,
    `is_locked`, `warnings`.

    `read()` + `get()` answer without pydantic for files of plain values (the app's start-up reads
    the settings this way); `load()`, `current`, `set()`, `save()` and `defaults()` use the model."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, policy_path: str | os.PathLike[str] | None = None
    ) -> None:
        self.path = Path(path) if path is not None else default_settings_path()
        self.policy_path = Path(policy_path) if policy_path is not None else default_policy_path()
        self.warnings: list[str] = []
        #: the settings file was unreadable and was moved here (defaults are in use)
        self.corrupt_file_moved_to: Path | None = None
        self._policy_defaults: dict[str, Any] = {}
        self._locked: dict[str, Any] = {}
        self._unknown_user_keys: dict[str, Any] = {}
        self._merged: dict[str, Any] = {}  # policy defaults < user's file < locks, each value valid
        self._values: dict[str, Any] | None = None  # every field: _merged over the built-in defaults
        self._current: Settings | None = None

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
        return _model().model_validate({**self._policy_defaults, **self._locked})

    def _load_policy(self) -> None:
        self._policy_defaults, self._locked = {}, {}
        try:
            text = self.policy_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            self._warn(f"The administrator policy {self.policy_path} cannot be read and is ignored: {exc}")
            return
        try:
            policy = json.loads(text)
        except json.JSONDecodeError as exc:
            self._warn(f"The administrator policy {self.policy_path} is not valid JSON and is ignored: {exc}")
            return
        if not isinstance(policy, dict):
            self._warn(f"The administrator policy {self.policy_path} is not a JSON object and is ignored.")
            return
        for key in policy.keys() - {"defaults", "locked"}:
            self._warn(f"The administrator policy has an unknown section {key!r}; it is ignored.")
        for section in ("defaults", "locked"):
            values = policy.get(section, {})
            if not isinstance(values, dict):
                self._warn(f"The administrator policy's {section!r} is not an object; it is ignored.")
                continue
            valid = self._valid_fields(values, f"the administrator policy's {section!r}")
            (self._policy_defaults if section == "defaults" else self._locked).update(valid)

    # -- loading and saving ---------------------------------------------------------------------------

    def read(self) -> None:
        """Read the policy and the user's file, each value checked alone (see `warnings`); `get()`
        answers from here. Never raises for bad files. Builds no model (see :func:`_quick_check`)."""
        self.warnings = []
        self.corrupt_file_moved_to = None
        self._unknown_user_keys = {}
        self._current = None
        self._load_policy()
        user = self._read_user_file()
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
            try:
                self._current = _model().model_validate(self._merged)
            except _validation_error() as exc:  # each value was valid alone: only a cross-field rule
                # gets here (there is none yet; one added to the model must be checked in read() too)
                self._warn(f"The settings do not fit together and defaults are used: {exc}")
                self._current = self.defaults()
                self._values = self._current.model_dump()
        return self._current

    def get(self, field: str) -> Any:
        """One field of the effective settings (KeyError for an unknown field)."""
        if field not in FIELDS:
            raise KeyError(field)
        if self._values is None:
            self.read()
        assert self._values is not None
        return self._values[field]

    def set(self, field: str, value: Any) -> Settings:
        """Change and save one field. ValueError if it is invalid or locked by the administrator."""
        if field not in FIELDS:
            raise KeyError(field)
        if self.is_locked(field):
            raise ValueError(f"{field} is set by your administrator and cannot be changed")
        try:
            updated = _model().model_validate({**self.current.model_dump(), field: value})
        except _validation_error() as exc:
            raise ValueError(f"Invalid value {value!r} for {field}: {exc.errors()[0].get('msg')}") from None
        return self.save(updated)

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
            for name, value in settings.model_dump(mode="json").items()
            if name not in self._locked and value != getattr(defaults, name)
        }
        document = {"version": FILE_VERSION, **self._unknown_user_keys, **changed}
        atomic_write_text(self.path, json.dumps(document, indent=2, sort_keys=True) + "\n")
        self._merged = {**self._policy_defaults, **changed, **self._locked}
        self._current = _model().model_validate(self._merged)
        self._values = self._current.model_dump()
        return self._current

    # -- helpers ------------------------------------------------------------------------------------

    def _valid_fields(self, values: Mapping[str, Any], where: str) -> dict[str, Any]:
        valid = {}
        for key, value in values.items():
            if key not in FIELDS:
                self._warn(f"Unknown setting {key!r} in {where}; it is ignored.")
                continue
            quick = _quick_check(key, value)
            if quick is not _NOT_SURE:
                valid[key] = quick
                continue
            try:
                checked = _model().model_validate({key: value})
            except _validation_error() as exc:
                message = exc.errors()[0].get("msg", "invalid")
                self._warn(f"Invalid value {value!r} for {key!r} in {where} ({message}); it is ignored.")
                continue
            valid[key] = getattr(checked, key)
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
