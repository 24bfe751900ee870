"""Shapes shared by every part of the API."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, field_validator

CURRENCY_CODES = ("EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH")

CENT = Decimal("0.01")

#: ids are 32-bit integers in every database: a larger one is a 422, never an overflow
MAX_ID = 2**31 - 1


def two_places(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


DecimalString = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{two_places(v):.2f}", return_type=str, when_used="always"),
    Field(json_schema_extra={"type": "string", "pattern": r"^-?\d+\.\d{2}$"}),
]


class Money(BaseModel):
    """Money is never a float: a decimal string with two places and an ISO 4217 code."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"amount": "1234.50", "currency": "EUR"}]})
    amount: DecimalString
    currency: str = Field(min_length=3, max_length=3)


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("invalid_character: Text cannot contain the NUL character.")
    if isinstance(value, list | tuple):
        for item in value:
            _no_nul(item)
    return value


class Strict(BaseModel):
    """Request bodies: unknown fields are refused, strings are trimmed, and no text holds a NUL
    character (PostgreSQL cannot store one; SQLite would, so both refuse it alike)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_has_no_nul(cls, value: Any) -> Any:
        return _no_nul(value)


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s<>\"']{{1,64}}@{_LABEL}(?:\.{_LABEL})+$")


def _email(value: str) -> str:
    # Syntax only, lower-cased: company test domains such as `.test` are fine (no deliverability check).
    if not _EMAIL.match(value):
        raise ValueError("invalid_email: This is not an email address.")
    return value.lower()


Email = Annotated[str, Field(max_length=254, examples=["buyer@example.com"]), AfterValidator(_email)]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")


class Status(BaseModel):
    status: str = Field(examples=["ok"])


class MarketplaceOut(BaseModel):
    id: str = Field(description="Made once and kept with the marketplace's data: the same at any address",
                    examples=["6f1c2e0a-8b1d-4c55-9a57-0d2f5b7e4c11"])
    name: str = Field(examples=["Bulkdesk demo marketplace"])


Timestamp = datetime
