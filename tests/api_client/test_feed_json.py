"""The delta feed as checked JSON dicts (what the sync stores) holds the same contract as the models."""

from __future__ import annotations

import copy
import json
from typing import Any, get_type_hints

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import to_json

from desktop.api_client.types import Money, Offer, OfferChanges, OfferChangesJson, OfferJson
from desktop.api_client.types import catalog as types

from .live import new_client

PAIRS = [
    (Offer, OfferJson), (OfferChanges, OfferChangesJson), (Money, types.MoneyJson),
    (types.SellerRef, types.SellerRefJson), (types.Warehouse, types.WarehouseJson),
    (types.Packaging, types.PackagingJson), (types.Promotion, types.PromotionJson),
    (types.PriceTier, types.PriceTierJson),
]  # fmt: skip


@pytest.mark.parametrize(("model", "typed_dict"), PAIRS, ids=lambda t: t.__name__)
def test_each_typed_dict_has_the_fields_and_required_keys_of_its_model(model: type[BaseModel], typed_dict):
    get_type_hints(typed_dict)  # every annotation resolves
    assert set(typed_dict.__annotations__) == set(model.model_fields)
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert set(typed_dict.__required_keys__) == required


def test_json_pages_of_the_live_feed_are_the_model_pages(live_server):
    client = new_client(live_server.url)
    model_pages = list(client.catalog.changes(limit=200))
    json_pages = list(client.catalog.changes_json(limit=200))
    assert len(json_pages) == len(model_pages) > 1
    for as_json, as_model in zip(json_pages, model_pages, strict=True):
        assert isinstance(as_json, dict) and isinstance(as_json["items"][0], dict)
        assert OfferChanges.model_validate_json(to_json(as_json), strict=True) == as_model
        amounts = [item["unit_price"]["amount"] for item in as_json["items"]]
        assert all(isinstance(a, str) for a in amounts)  # money stays a decimal string


def _valid_offer() -> dict[str, Any]:
    return {
        "id": 7, "sku": "SKU-7", "title": "Pallet of paper", "description": "A4, 80 g", "category_id": 3,
        "seller": {"id": 1, "name": "Déstock Pro", "country": "FR", "rating": "4.58"},
        "warehouse": {"id": 2, "country": "FR", "city": "Lyon",
                      "min_order_value": {"amount": "750.00", "currency": "EUR"}},
        "unit_price": {"amount": "0.31", "currency": "EUR"}, "list_price": None,
        "packagings": [{"id": 1, "label": "Carton of 10", "units": 10}],
        "moq_units": 10, "stock_units": 100, "collections": ["weekly"],
        "promotion": {"discount_percent": 10, "ends_at": "2026-12-01T00:00:00Z"},
        "image_urls": [], "updated_at": "2026-06-10T05:11:00Z", "version": 1,
        "from_a_newer_server": {"kept": True},
    }  # fmt: skip


def _set(path: str, value: Any):
    def change(offer: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = offer
        for key in parents:
            target = target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


_DELETE = object()
VIOLATIONS = {
    "float money": _set("unit_price.amount", 0.31),
    "words for money": _set("unit_price.amount", "cheap"),
    "infinite money": _set("warehouse.min_order_value.amount", "Infinity"),
    "no currency": _set("unit_price.currency", _DELETE),
    "boolean rating": _set("seller.rating", True),
    "string id": _set("id", "7"),
    "boolean stock": _set("stock_units", False),
    "float moq": _set("moq_units", 10.0),
    "unknown collection": _set("collections", ["clearance"]),
    "bad timestamp": _set("updated_at", "2026-13-45T00:00:00Z"),
    "number timestamp": _set("updated_at", 1781068260),
    "missing title": _set("title", _DELETE),
    "null description": _set("description", None),
    "string percent": _set("promotion.discount_percent", "10"),
    "packaging without units": _set("packagings", [{"id": 1, "label": "Carton"}]),
    "image list of numbers": _set("image_urls", [1]),
}


def test_a_valid_offer_passes_both_and_unknown_fields_are_kept():
    raw = json.dumps(_valid_offer())
    model = Offer.model_validate_json(raw, strict=True)
    checked = TypeAdapter(OfferJson).validate_json(raw, strict=True)
    assert checked["from_a_newer_server"] == {"kept": True} == model.model_extra["from_a_newer_server"]
    assert checked["seller"]["rating"] == "4.58" and checked["unit_price"]["amount"] == "0.31"
    assert Offer.model_validate_json(to_json(checked), strict=True) == model


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_a_contract_violation_fails_both(name: str):
    offer = copy.deepcopy(_valid_offer())
    VIOLATIONS[name](offer)
    raw = json.dumps(offer)
    with pytest.raises(ValidationError):
        Offer.model_validate_json(raw, strict=True)
    with pytest.raises(ValidationError):
        TypeAdapter(OfferJson).validate_json(raw, strict=True)
