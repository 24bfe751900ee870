"""A catalog query as the JSON a saved search keeps (prices as text: Decimal, never float)."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from ..catalog_cache import OfferQuery

__all__ = ["query_from_json", "query_to_json"]

_PRICES = ("min_price", "max_price")


def query_to_json(query: OfferQuery) -> str:
    values: dict[str, Any] = asdict(query)
    for key in _PRICES:
        if values[key] is not None:
            values[key] = str(values[key])
    return json.dumps({k: v for k, v in values.items() if v not in (None, "", False)}, sort_keys=True)


def query_from_json(text: str) -> OfferQuery:
    """The query saved as ``text``; fields this version does not know (a newer app's) are ignored."""
    values = json.loads(text)
    known = set(OfferQuery.__dataclass_fields__)
    kept = {k: v for k, v in values.items() if k in known}
    for key in _PRICES:
        if kept.get(key) is not None:
            try:
                kept[key] = Decimal(str(kept[key]))
            except InvalidOperation:
                kept.pop(key)
    return OfferQuery(**kept)
