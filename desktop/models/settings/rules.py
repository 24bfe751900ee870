"""The settings' fields: their built-in defaults, one rule a field, and `Settings`, the checked value of them all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from desktop.models.money import CURRENCY_CODES

CurrencyCode = Literal["EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH"]
Language = Literal["en", "fr", "system"]
#: a field's value as the settings keep it (what its rule returns); what a rule is given is any ``object``
#: (a settings file's JSON, an administrator's policy, the dialog's input) until it has checked it
SettingValue = str | int | None


#: the built-in defaults, field by field (the order of the settings dialog)
DEFAULTS: dict[str, Any] = {
    "server_url": "http://127.0.0.1:8000",
    "currency": "EUR",
    "language": "system",
    "sync_interval_minutes": 15,
    "cache_max_mb": 500,
    "proxy_url": None,  # None: the system's proxy settings
    "extra_ca_bundle": None,  # a PEM file trusted in addition to the system's certificates
    "low_stock_units": 10,  # the seller's listings: an offer at or under this stock is low (0: never)
    "seller_watch_folder": None,  # the seller's CSV files dropped here are checked, then imported on confirmation
}
FIELDS: tuple[str, ...] = tuple(DEFAULTS)

if set(CurrencyCode.__args__) != set(CURRENCY_CODES):  # type: ignore[attr-defined]
    raise RuntimeError("settings.CurrencyCode and money.CURRENCY_CODES disagree")


# -- the rules: one checker a field, each returning the value as kept, or raising ValueError ---------
# (Plain Python: the app reads its settings before its first paint, and pydantic alone costs 0.1 s.)
def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__}")
    return value.strip()


def _optional_text(value: object) -> str | None:
    text = None if value is None else _text(value)
    return text or None


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return check


def _whole_number(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if type(value) is not int:  # not a bool, a float or a string of digits
            raise ValueError(f"must be a whole number, not {type(value).__name__}")
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return check


def _check_server_url(value: object) -> str:
    return _check_url(_text(value), ("http", "https")).rstrip("/")


def _check_proxy_url(value: object) -> str | None:
    text = _optional_text(value)
    return None if text is None else _check_url(text, ("http", "https", "socks5", "socks5h"))


def _absolute_path(what: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        text = _optional_text(value)
        if text is not None and not Path(text).expanduser().is_absolute():
            raise ValueError(f"must be an absolute path to {what}")
        return text

    return check


CHECKS: dict[str, Callable[[object], SettingValue]] = {
    "server_url": _check_server_url,
    "currency": _one_of(CurrencyCode.__args__),  # type: ignore[attr-defined]
    "language": _one_of(Language.__args__),  # type: ignore[attr-defined]
    "sync_interval_minutes": _whole_number(1, 24 * 60),
    "cache_max_mb": _whole_number(50, 100_000),
    "proxy_url": _check_proxy_url,
    "extra_ca_bundle": _absolute_path("a PEM file"),
    "low_stock_units": _whole_number(0, 1_000_000),
    "seller_watch_folder": _absolute_path("a folder"),
}
if tuple(CHECKS) != FIELDS:
    raise RuntimeError("settings.CHECKS and settings.DEFAULTS disagree")


def check_field(field: str, value: object) -> SettingValue:
    """`value` as the settings keep it; ValueError (naming the field) when the rule refuses it."""
    if field not in CHECKS:
        raise ValueError(f"unknown setting {field!r}")
    try:
        return CHECKS[field](value)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None


@dataclass(frozen=True)
class Settings:
    """What the user can change in the settings dialog; every value checked by its rule (CHECKS) when
    made. Immutable: use `dataclasses.replace` or `Settings.of({...})`."""

    server_url: str = DEFAULTS["server_url"]
    currency: str = DEFAULTS["currency"]
    language: str = DEFAULTS["language"]
    sync_interval_minutes: int = DEFAULTS["sync_interval_minutes"]
    cache_max_mb: int = DEFAULTS["cache_max_mb"]
    proxy_url: str | None = DEFAULTS["proxy_url"]
    extra_ca_bundle: str | None = DEFAULTS["extra_ca_bundle"]
    low_stock_units: int = DEFAULTS["low_stock_units"]
    seller_watch_folder: str | None = DEFAULTS["seller_watch_folder"]

    def __post_init__(self) -> None:
        for field in FIELDS:
            object.__setattr__(self, field, check_field(field, getattr(self, field)))

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Settings:
        """Settings from a mapping of fields (the others at their defaults); ValueError for an unknown
        field or a value its rule refuses."""
        unknown = sorted(set(values) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown setting {unknown[0]!r}")
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in FIELDS}


if tuple(f.name for f in dataclass_fields(Settings)) != FIELDS:
    raise RuntimeError("settings.Settings and settings.DEFAULTS disagree")


def _check_url(value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        raise ValueError(f"must be a URL starting with {' or '.join(s + '://' for s in schemes)}")
    return value
