"""Demo offers as plain rows (dicts) for bulk inserts: varied, searchable, deterministic."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .reference import CategorySpec, Product

CENT = Decimal("0.01")

EN_TITLES = (
    "Pallet of {n:,} {p} {brand} {size}",
    "Lot of {n:,} {p} – {brand} {size}",
    "{brand} {p} {size}, {n:,} units",
    "Surplus stock: {n:,} {p} {brand} {size}",
    "Clearance – {n:,} {p} {brand} ({size})",
)
FR_TITLES = (
    "Lot de {n} {p} {brand} {size}",
    "Palette de {n} {p} {brand} {size}",
    "Déstockage : {n} {p} {brand} {size}",
    "Fin de série – {n} {p} {brand} ({size})",
)
EN_DESCRIPTIONS = (
    "{brand} {p}, {size}. Original packaging, {reason}. Ships from {city} ({country}).",
    "Genuine {brand} stock, {size}: {reason}. Loaded on pallets in {city}; invoice with VAT.",
    "{p} by {brand} ({size}). {reason_cap}. Mixed lot possible on request, pick-up in {city}.",
)
FR_DESCRIPTIONS = (
    "{p} {brand}, {size}. Emballage d'origine, {reason}. Expédition depuis {city} ({country}).",
    "Stock authentique {brand} ({size}) : {reason}. Chargement sur palette à {city}, facture avec TVA.",
)
EN_REASONS = ("end of line", "packaging change", "overstock from a retailer", "seasonal surplus",
              "short best-before date", "cancelled export order")
FR_REASONS = ("fin de série", "changement d'emballage", "surstock d'une enseigne", "surplus de saison",
              "DLUO courte", "commande export annulée")


@dataclass
class Leaf:
    """A category offers can hang on, with its id and its spec."""

    id: int
    code: str
    spec: CategorySpec


@dataclass
class Place:
    """A warehouse as the offer generator needs it."""

    id: int
    seller_id: int
    seller_name: str
    sku_prefix: str
    city: str
    country: str


@dataclass
class CatalogRows:
    offers: list[dict] = field(default_factory=list)
    packagings: list[dict] = field(default_factory=list)
    fts: list[dict] = field(default_factory=list)
    #: offer index → its packagings' (id, label, units), for the order generator
    offer_packs: list[list[tuple[int, str, int]]] = field(default_factory=list)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _price(rng: random.Random, product: Product) -> Decimal:
    low, high = (float(v) for v in product.price)
    return money(Decimal(str(round(rng.uniform(low, high), 2))))


def _packagings(rng: random.Random, product: Product) -> list[tuple[str, int]]:
    carton = max(1, product.packs[0] + rng.choice((0, 0, 0, 6, 12)) * (product.packs[0] > 6))
    pallet = carton * max(4, product.packs[1] + rng.randrange(-10, 11))
    shape = rng.random()
    if shape < 0.45:
        packs = [("Unit", 1), (f"Carton of {carton}", carton), (f"Pallet of {pallet:,}", pallet)]
    elif shape < 0.70:
        packs = [("Unit", 1), (f"Carton of {carton}", carton)]
    elif shape < 0.90:
        packs = [(f"Carton of {carton}", carton), (f"Pallet of {pallet:,}", pallet)]
    else:
        packs = [(f"Pallet of {pallet:,}", pallet)]
    if carton == 1:  # a "carton of 1" is just a unit
        packs = [p for p in packs if not p[0].startswith("Carton")] or [("Unit", 1)]
    return packs


def _price_tiers(offer_id: int, list_price: Decimal, moq: int, packs: list[tuple[str, int]],
                 stock: int) -> str | None:
    """Volume prices for about a quarter of the offers (a third drawn, those whose tiers fit their stock):
    from the bigger packagings (a carton, a pallet) or ten and fifty times the minimum order, none beyond
    the stock, each 4 to 12 % below the one before. A generator of the offer's own, so the rest of the
    demo data stays what it was before tiers existed."""
    rng = random.Random(offer_id * 7919)
    if rng.random() >= 0.33 or list_price < Decimal("0.20"):
        return None
    steps = sorted({units for _, units in packs if units > moq})
    base = max(moq, packs[0][1])
    steps += [n for n in (base * 10, base * 50) if n > moq and (not steps or n > steps[-1])]
    steps = [n for n in steps if n <= stock]
    tiers, price = [], list_price
    for units in steps[: rng.randint(1, 3)]:
        price = money(price * (1 - Decimal(rng.randrange(4, 13)) / 100))
        if price <= CENT:
            break
        tiers.append([units, f"{price:.2f}"])
    return json.dumps(tiers) if tiers else None


#: the demo seller's lots: a few hundred, as a real surplus seller's catalogue (67 of 400 was too few to
#: try the listings' search, bulk edit and export on, issue 29), and never most of a small marketplace
DEMO_SELLER_LOTS = 300


def demo_share(count: int) -> int:
    """How many of `count` offers are the demo seller's: a twelfth of a big catalogue (417 of the
    default 5,000), else up to DEMO_SELLER_LOTS, at most half (200 of the tests' 400)."""
    return max(count // 12, min(DEMO_SELLER_LOTS, count // 2), 1 if count else 0)


def build_offers(
    rng: random.Random,
    count: int,
    leaves: list[Leaf],
    places: list[Place],
    demo_places: list[Place],
    *,
    first_offer_id: int,
    first_packaging_id: int,
    first_change_seq: int,
    created_epoch: datetime,
    now: datetime,
) -> CatalogRows:
    """`count` offers, of which `demo_share(count)` (spread evenly through the catalogue) belong to the
    demo seller (`demo_places`): a surplus seller's catalogue of a few hundred lots."""
    rows = CatalogRows()
    demo_count = demo_share(count)
    packaging_id = first_packaging_id
    for i in range(count):
        offer_id = first_offer_id + i
        leaf = rng.choice(leaves)
        product = rng.choice(leaf.spec.products)
        brand = rng.choice(leaf.spec.brands)
        size = rng.choice(product.sizes)
        place = rng.choice(demo_places) if (i * demo_count) % count < demo_count else rng.choice(places)
        packs = _packagings(rng, product)
        largest = packs[-1][1]
        lot = largest if largest > 1 else rng.choice((120, 240, 480, 960))
        french = rng.random() < 0.45
        if french:
            title = rng.choice(FR_TITLES).format(n=lot, p=product.fr, brand=brand, size=size)
            description = rng.choice(FR_DESCRIPTIONS).format(
                p=product.fr.capitalize(), brand=brand, size=size, reason=rng.choice(FR_REASONS),
                city=place.city, country=place.country)
        else:
            reason = rng.choice(EN_REASONS)
            title = rng.choice(EN_TITLES).format(n=lot, p=product.en, brand=brand, size=size)
            description = rng.choice(EN_DESCRIPTIONS).format(
                p=product.en.capitalize(), brand=brand, size=size, reason=reason,
                reason_cap=reason.capitalize(), city=place.city, country=place.country)
        sku = f"{place.sku_prefix}-{leaf.code}-{offer_id:06d}"

        list_price = _price(rng, product)
        roll = rng.random()
        weekly = roll < 0.18
        surplus = 0.12 < roll < 0.55
        promotion = rng.random() < 0.16
        discount = ends_at = None
        unit_price = list_price
        if promotion:
            discount = rng.randrange(5, 41)
            ends_at = now + timedelta(days=rng.randrange(1, 14), hours=rng.randrange(1, 24))
            unit_price = money(list_price * (100 - discount) / 100)
            if unit_price <= 0:
                unit_price = CENT

        smallest = packs[0][1]
        moq = smallest
        if rng.random() < 0.3:
            moq = smallest * rng.choice((2, 3, 5, 10)) if smallest > 1 else rng.choice((6, 12, 24, 50))
        stock_roll = rng.random()
        if stock_roll < 0.07:
            stock = 0
        elif stock_roll < 0.17:
            stock = smallest * rng.randrange(1, 4)  # low: a few packs, maybe under the MOQ
        else:
            stock = max(moq, largest) * rng.randrange(2, 40)
        created_at = created_epoch - timedelta(minutes=rng.randrange(0, 540 * 24 * 60))
        updated_at = min(now, created_at + timedelta(hours=rng.randrange(0, 24 * 30)))

        rows.offers.append({
            "id": offer_id, "seller_id": place.seller_id, "warehouse_id": place.id, "category_id": leaf.id,
            "sku": sku, "title": title, "description": description,
            "list_price": list_price, "unit_price": unit_price, "moq_units": moq, "stock_units": stock,
            "weekly": weekly, "surplus": surplus, "promotion": promotion,
            "promo_discount_percent": discount, "promo_ends_at": ends_at,
            "image_count": 1 + rng.randrange(3), "created_at": created_at, "updated_at": updated_at,
            "version": 1, "change_seq": first_change_seq + i, "deleted_at": None,
            "price_tiers": _price_tiers(offer_id, list_price, moq, packs, stock),
            "search_text": " ".join((title, description, sku, place.seller_name)).lower(),
        })
        pack_rows = []
        for label, units in packs:
            rows.packagings.append({"id": packaging_id, "offer_id": offer_id, "label": label, "units": units})
            pack_rows.append((packaging_id, label, units))
            packaging_id += 1
        rows.offer_packs.append(pack_rows)
        rows.fts.append({"id": offer_id, "title": title, "description": description, "sku": sku,
                         "seller": place.seller_name})
    return rows
