"""Shared building blocks of the API models: base classes, Money, decimal and id types."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, field_serializer

T = TypeVar("T")

CENT = Decimal("0.01")

#: a finite decimal number as a string: what `_decimal_from_string` reads, less surrounding spaces and
#: digit-group underscores (which no contract document writes)
DECIMAL_PATTERN = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"


def _decimal_from_string(value: object) -> Decimal:
    """Money amounts travel as decimal strings; a float or a bad string is a contract violation."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"not a decimal string: {value!r}") from None
        if not result.is_finite():
            raise ValueError(f"not a finite decimal: {value!r}")
        return result
    raise ValueError(f"money amounts are decimal strings, got {type(value).__name__}")


def _decimal_from_number(value: object) -> Decimal:
    """Rates and percentages: a decimal string or a JSON number (never a bool)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, int | float):
        return Decimal(str(value))
    return _decimal_from_string(value)


def format_amount(value: Decimal) -> str:
    """A 2-place decimal string, as the contract writes money."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


#: a money amount: decimal string in and out
DecimalString = Annotated[
    Decimal,
    BeforeValidator(_decimal_from_string),
    PlainSerializer(format_amount, return_type=str, when_used="json"),
]
#: a rate or percentage: decimal string or JSON number in, Decimal in Python
DecimalNumber = Annotated[
    Decimal,
    BeforeValidator(_decimal_from_number),
    PlainSerializer(lambda v: str(v), return_type=str, when_used="json"),
]

#: resource ids are integers (order and group refs are strings)
Id = int


class Resource(BaseModel):
    """A response model: validated strictly, unknown extra fields kept, immutable."""

    model_config = ConfigDict(extra="allow", frozen=True)


class RequestModel(BaseModel):
    """A request body: unknown fields are a programming error."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Money(BaseModel):
    """``{"amount": "1234.50", "currency": "EUR"}``; ``amount`` is a Decimal, written back with 2 places."""

    model_config = ConfigDict(extra="allow", frozen=True)

    amount: Annotated[Decimal, BeforeValidator(_decimal_from_string)]
    currency: str

    @field_serializer("amount", when_used="json")
    def _serialize_amount(self, value: Decimal) -> str:
        return format_amount(value)

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.currency}"


class Page(Resource, Generic[T]):
    """One page of a cursor-paginated list."""

    items: list[T]
    next_cursor: str | None
