"""An offer's editable fields as plain JSON values: what the outbox stores, compares and sends.

    wire = offer_fields(offer_json)            # {"stock_units": 40, "unit_price": "12.50", ...}
    body = patch_body({"unit_price": "11.00"}) # {"unit_price": {"amount": "11.00", "currency": "EUR"}}

Prices are list prices in EUR (the seller's endpoints answer in EUR), as decimal strings with 2 places;
packagings are ``[[label, units], ...]``; a promotion is ``{"discount_percent", "ends_at"}`` (RFC 3339)
or None; collections are the sorted editable names (``weekly``, ``surplus``); volume prices are
``[[min_units, "3.10"], ...]`` (list prices, ascending), ``[]`` for none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeAlias

__all__ = ["FieldValue", "from_body", "from_wire", "offer_fields", "patch_body", "to_wire"]

#: one field's value, in the JSON form above or as typed (an int of units, a Decimal price, a str, a list
#: of packagings or tiers, a promotion dict, None): each function checks what it was given with isinstance
FieldValue: TypeAlias = object


def _money(value: FieldValue) -> str:
    if isinstance(value, Mapping):
        value = value.get("amount")
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def _when(value: FieldValue) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return str(datetime.fromisoformat(str(value).replace("Z", "+00:00")).isoformat()).replace("+00:00", "Z")


def to_wire(name: str, value: FieldValue) -> Any:
    """A parsed value (rules.parse_cell) as its JSON form."""
    if value is None:
        return None
    if name == "unit_price":
        return _money(value)
    if name == "packagings":
        return [[str(label), int(units)] for label, units in value]
    if name == "collections":
        return sorted(c for c in value if c in ("weekly", "surplus"))
    if name == "promotion":
        return {"discount_percent": int(value["discount_percent"]), "ends_at": _when(value["ends_at"])}
    if name == "price_tiers":
        return [[int(units), _money(price)] for units, price in value]
    return value


def from_wire(name: str, value: FieldValue) -> Any:
    """The JSON form back as the value rules.check takes."""
    if value is None:
        return None
    if name == "unit_price":
        return Decimal(value)
    if name == "packagings":
        return [(label, units) for label, units in value]
    if name == "price_tiers":
        return [(int(units), Decimal(price)) for units, price in value]
    if name == "promotion":
        return {"discount_percent": value["discount_percent"],
                "ends_at": datetime.fromisoformat(value["ends_at"].replace("Z", "+00:00"))}
    return value


def offer_fields(offer: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields of an offer (its JSON, as the server sends it) in their JSON form."""
    price = offer.get("list_price") or offer["unit_price"]
    promotion = offer.get("promotion")
    return {
        "sku": offer["sku"],
        "title": offer["title"],
        "stock_units": int(offer["stock_units"]),
        "moq_units": int(offer["moq_units"]),
        "unit_price": _money(price),
        "packagings": [[p["label"], int(p["units"])] for p in offer.get("packagings") or ()],
        "collections": sorted(c for c in offer.get("collections") or () if c in ("weekly", "surplus")),
        "promotion": ({"discount_percent": int(promotion["discount_percent"]), "ends_at": _when(promotion["ends_at"])}
                      if promotion else None),
        # the list price of each tier (what the seller writes); a server before volume prices sends none
        "price_tiers": [[int(t["min_units"]), _money(t.get("list_price") or t["unit_price"])]
                        for t in offer.get("price_tiers") or ()],
    }


def same(name: str, a: FieldValue, b: FieldValue) -> bool:
    """Whether two JSON values of a field are the same value (packagings compare as sets)."""
    if name == "packagings" and a is not None and b is not None:
        return sorted(map(tuple, a)) == sorted(map(tuple, b))
    if name == "price_tiers" and a is not None and b is not None:
        return to_wire(name, a) == to_wire(name, b)
    if name == "promotion" and a and b:
        return a["discount_percent"] == b["discount_percent"] and _when(a["ends_at"]) == _when(b["ends_at"])
    return a == b


def patch_body(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The PATCH /seller/offers/{id} body for some fields (JSON form)."""
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "unit_price":
            body[name] = {"amount": value, "currency": "EUR"}
        elif name == "packagings":
            body[name] = [{"label": label, "units": units} for label, units in value]
        elif name == "price_tiers":
            body[name] = [{"min_units": units, "unit_price": {"amount": price, "currency": "EUR"}}
                          for units, price in value]
        else:
            body[name] = value
    return body


def from_body(name: str, value: FieldValue) -> Any:
    """A PATCH body's field (patch_body) back in its JSON form."""
    if name == "unit_price":
        return value["amount"]
    if name == "packagings":
        return [[p["label"], p["units"]] for p in value]
    if name == "price_tiers":
        return [[t["min_units"], t["unit_price"]["amount"]] for t in value]
    return value
