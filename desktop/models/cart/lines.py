"""A cart's lines: what a line is, and the checks every quantity and id goes through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

MAX_QUANTITY = 1_000_000


@dataclass(frozen=True, slots=True)
class CartLine:
    offer_id: int
    packaging_id: int
    quantity: int  # packagings

    def to_json(self) -> dict[str, int]:
        return {"offer_id": self.offer_id, "packaging_id": self.packaging_id, "quantity": self.quantity}


def validate_quantity(quantity: object) -> int:
    """The quantity as an int, or a ValueError whose message can be shown to the user."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValueError(f"The quantity must be a whole number of packagings, not {quantity!r}.")
    if quantity < 1:
        raise ValueError(f"The quantity must be at least 1 packaging (got {quantity}).")
    if quantity > MAX_QUANTITY:
        raise ValueError(f"The quantity must be at most {MAX_QUANTITY:,} packagings (got {quantity:,}).")
    return quantity


def _validate_id(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}.")
    return value


def normalize_server_url(url: str) -> str:
    """`HTTP://Host:8000/api/` → `http://host:8000/api`: one cart whatever way the URL was typed."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True, slots=True)
class PendingCheckout:
    idempotency_key: str
    body: dict[str, Any]
    created_at: datetime

