"""The pydantic model of the settings; desktop.models.settings imports it on first use (``Settings``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from desktop.models.settings import (
    DEFAULTS,
    FIELDS,
    CurrencyCode,
    Language,
    _check_ca_bundle,
    _check_proxy_url,
    _check_server_url,
)

__all__ = ["Settings"]


class Settings(BaseModel):
    """What the user can change in the settings dialog. Immutable: use `model_copy(update=...)`.

    A rule across fields must be checked in SettingsStore.read() too (it reads files without the model)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    server_url: str = DEFAULTS["server_url"]
    currency: CurrencyCode = DEFAULTS["currency"]
    language: Language = DEFAULTS["language"]
    sync_interval_minutes: int = Field(default=DEFAULTS["sync_interval_minutes"], ge=1, le=24 * 60, strict=True)
    cache_max_mb: int = Field(default=DEFAULTS["cache_max_mb"], ge=50, le=100_000, strict=True)
    proxy_url: str | None = DEFAULTS["proxy_url"]  # None: the system's proxy settings
    extra_ca_bundle: str | None = DEFAULTS["extra_ca_bundle"]  # a PEM file trusted besides the system's

    @field_validator("server_url")
    @classmethod
    def _check_server_url(cls, value: str) -> str:
        return _check_server_url(value)

    @field_validator("proxy_url")
    @classmethod
    def _check_proxy_url(cls, value: str | None) -> str | None:
        return _check_proxy_url(value)

    @field_validator("extra_ca_bundle")
    @classmethod
    def _check_ca_bundle(cls, value: str | None) -> str | None:
        return _check_ca_bundle(value)


if tuple(Settings.model_fields) != FIELDS:
    raise RuntimeError("settings.Settings and settings.DEFAULTS disagree")
