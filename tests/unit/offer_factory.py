"""Synthetic offers shaped exactly like the contract's offer JSON, for the cache and cart tests."""

from __future__ import annotations

import random
from typing import Any

WORDS = [
    "pallet",
    "steel",
    "screws",
    "bolts",
    "cotton",
    "towels",
    "organic",
    "coffee",
    "beans",
    "printer",
    "paper",
    "LED",
    "bulbs",
    "copper",
    "wire",
    "nitrile",
    "gloves",
    "cardboard",
    "boxes",
    "olive",
    "oil",
    "bottles",
    "ceramic",
    "tiles",
    "plywood",
    "sheets",
    "solar",
    "panel",
    "inverter",
    "hand",
    "sanitizer",
    "shampoo",
    "detergent",
    "yoga",
    "mats",
    "bicycle",
    "tyres",
    "laptop",
    "bags",
    "winter",
    "jackets",
    "kitchen",
    "knives",
]
COUNTRIES = ("DE", "FR", "PT", "ES", "IT", "PL", "NL", "BE", "CZ", "AT")


def make_offer(
    offer_id: int,
    *,
    title: str | None = None,
    description: str = "",
    sku: str | None = None,
    category_id: int = 1,
    seller_id: int = 1,
    seller_name: str = "Acme Surplus",
    seller_country: str = "DE",
    warehouse_id: int | None = None,
    warehouse_country: str = "DE",
    warehouse_city: str = "Hamburg",
    min_order_value: str = "0.00",
    unit_price: str = "10.00",
    currency: str = "EUR",
    packagings: list[dict[str, Any]] | None = None,
    moq_units: int = 1,
    stock_units: int = 100,
    collections: list[str] | None = None,
    promotion: dict[str, Any] | None = None,
    updated_at: str = "2026-01-01T00:00:00Z",
    version: int = 1,
) -> dict[str, Any]:
    return {
        "id": offer_id,
        "sku": sku if sku is not None else f"SKU-{offer_id:06d}",
        "title": title if title is not None else f"Offer {offer_id}",
        "description": description,
        "category_id": category_id,
        "seller": {"id": seller_id, "name": seller_name, "country": seller_country, "rating": "4.50"},
        "warehouse": {
            "id": warehouse_id if warehouse_id is not None else seller_id * 10,
            "country": warehouse_country,
            "city": warehouse_city,
            "min_order_value": {"amount": min_order_value, "currency": "EUR"},
        },
        "unit_price": {"amount": unit_price, "currency": currency},
        "packagings": packagings
        if packagings is not None
        else [
            {"id": offer_id * 10 + 1, "label": "Unit", "units": 1},
            {"id": offer_id * 10 + 2, "label": "Box of 12", "units": 12},
        ],
        "moq_units": moq_units,
        "stock_units": stock_units,
        "collections": collections or [],
        "promotion": promotion,
        "image_urls": [f"https://cdn.example.test/offers/{offer_id}/1.jpg"],
        "updated_at": updated_at,
        "version": version,
    }


def synthetic_offers(
    count: int, *, seed: int = 7, categories: int = 20, sellers: int = 50
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    offers = []
    for offer_id in range(1, count + 1):
        words = rng.sample(WORDS, 4)
        seller = rng.randrange(1, sellers + 1)
        collections = [c for c in ("weekly", "surplus", "promotion") if rng.random() < 0.2]
        promotion = None
        if "promotion" in collections:
            promotion = {"discount_percent": rng.choice([10, 15, 25]), "ends_at": "2030-01-01T00:00:00Z"}
        offers.append(
            make_offer(
                offer_id,
                title=" ".join(words[:3]).capitalize(),
                description=f"Surplus lot of {words[3]} from a closed {rng.choice(WORDS)} line. " * 3,
                category_id=rng.randrange(1, categories + 1),
                seller_id=seller,
                seller_name=f"Seller {seller} GmbH",
                warehouse_country=COUNTRIES[seller % len(COUNTRIES)],
                unit_price=f"{rng.randrange(10, 100000) / 100:.2f}",
                stock_units=rng.choice([0, 5, 50, 500, 5000]),
                moq_units=rng.choice([1, 10, 100]),
                collections=collections,
                promotion=promotion,
                updated_at=f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T12:00:00Z",
            )
        )
    return offers


def listing_offer(i: int, **over):
    """Offer ``i`` as the seller's listings copy stores it (its price, stock and collections follow ``i``)."""
    base = {
        "id": i, "sku": f"SKU-{i:03d}", "title": f"Lot {i} of oak boards", "description": "", "category_id": 1 + i % 3,
        "seller": {"id": 1, "name": "S", "country": "FR", "rating": None},
        "warehouse": {"id": 1, "country": "FR", "city": "Lyon",
                      "min_order_value": {"amount": "0.00", "currency": "EUR"}},
        "unit_price": {"amount": f"{i}.50", "currency": "EUR"}, "list_price": {"amount": f"{i}.50", "currency": "EUR"},
        "packagings": [{"id": 1, "label": "unit", "units": 1}], "moq_units": 1, "stock_units": i * 5,
        "collections": ["weekly"] if i % 2 else [], "promotion": None, "image_urls": [],
        "updated_at": "2026-06-01T12:00:00Z", "version": 1,
    }
    base.update(over)
    return base
