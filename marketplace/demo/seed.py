"""Deterministic demo data for `bulkdesk-server --demo`: seeded only into a database without users.

Everything derives from one `random.Random(SEED)`; offer creation dates spread back from a fixed epoch,
while running promotions and order dates are placed relative to *now* so the demo always looks alive.
Rows go in with SQLAlchemy Core bulk inserts and precomputed ids: 100,000 offers seed in seconds.
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Integer, func, insert, select, text, update
from sqlalchemy.orm import Session

from ..db import Database
from ..orm import (
    Base,
    Category,
    CategoryTranslation,
    Company,
    Counter,
    Currency,
    Offer,
    Order,
    OrderEvent,
    OrderGroup,
    OrderLine,
    Packaging,
    Question,
    Seller,
    User,
    Warehouse,
    utcnow,
)
from ..schema_setup import SEED_LOCK, serialise
from ..security import hash_password
from ..services.offers import FEED
from ..services.search_facets import FTS_INSERT, FTS_OPTIMIZE
from .catalog import Leaf, Place, build_offers
from .orders import Buyer, build_orders
from .questions import build_questions
from .reference import CATEGORIES, CATEGORY_NAMES_FR, CURRENCIES, PHONE_PREFIX, SELLER_BLURBS, SELLERS

log = logging.getLogger("marketplace.demo")

SEED = 20_261_127
#: offers were created before this instant (spread over ~18 months)
CREATED_EPOCH = datetime(2026, 11, 1, tzinfo=UTC)
DEMO_PASSWORD = "demo-password"  # noqa: S105 - documented demo credential
CHUNK = 5_000


def seed_if_empty(db: Database) -> bool:
    """Seed the demo when the database has no users; True if it did. Servers starting together seed
    once: the check is made again under the seed lock (schema_setup.serialise), held until the seed's
    transaction commits, so the others wait and then find the users there."""
    with db.session() as session:
        if session.scalar(select(func.count()).select_from(User)):
            return False  # the usual restart: no write lock taken
    offers = _env_count("BULKDESK_DEMO_OFFERS", 5000)
    orders = _env_count("BULKDESK_DEMO_ORDERS", 300)
    started = time.perf_counter()
    with db.session(write=True) as session:
        serialise(session.connection(), SEED_LOCK)
        if session.scalar(select(func.count()).select_from(User)):
            return False
        _write(session, offers=offers, orders=orders, now=utcnow())
        session.commit()
    log.info("demo data seeded: %d offers, %d orders in %.1fs", offers, orders, time.perf_counter() - started)
    return True


def _env_count(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return max(0, int(raw.replace("_", "")))
    except ValueError:
        log.warning("%s=%r is not a number; using %d", name, raw, default)
        return default


def seed(db: Database, *, offers: int = 5000, orders: int = 300, now: datetime | None = None) -> None:
    """Write the whole demo in one transaction (nothing half-seeded if it fails)."""
    with db.session(write=True) as session:
        _write(session, offers=offers, orders=orders, now=now or utcnow())
        session.commit()


def _write(session: Session, *, offers: int, orders: int, now: datetime) -> None:
    rng = random.Random(SEED)
    _currencies(session, now)
    leaves = _categories(session)
    places, demo_places, warehouses = _sellers(session, rng)
    buyer = _accounts(session, demo_places[0].seller_id)
    first_offer = (session.scalar(select(func.max(Offer.id))) or 0) + 1
    first_pack = (session.scalar(select(func.max(Packaging.id))) or 0) + 1
    first_seq = (session.scalar(select(Counter.value).where(Counter.name == FEED)) or 0) + 1
    catalog = build_offers(rng, offers, leaves, places, demo_places, first_offer_id=first_offer,
                           first_packaging_id=first_pack, first_change_seq=first_seq,
                           created_epoch=CREATED_EPOCH, now=now)
    _bulk(session, Offer, catalog.offers)
    _bulk(session, Packaging, catalog.packagings)
    if session.get_bind().dialect.name == "sqlite":
        fts = text(FTS_INSERT)
        for start in range(0, len(catalog.fts), CHUNK):
            session.execute(fts, catalog.fts[start:start + CHUNK])
        # Bulk inserts leave the index in several segments (10 at 100,000 offers) that every search
        # reads and merges; one segment makes a search of a common word a fifth cheaper (100,000
        # offers: 0.8 s here, the ids of a GET /offers page 1.6 -> 1.28 ms on average over the
        # benchmark's mix).
        session.execute(text(FTS_OPTIMIZE))
    last_seq = first_seq + offers - 1
    if session.scalar(select(Counter.value).where(Counter.name == FEED)) is None:
        session.execute(insert(Counter), [{"name": FEED, "value": last_seq}])
    else:
        session.execute(update(Counter).where(Counter.name == FEED).values(value=last_seq))
    rates = {code: rate for code, _name, rate in CURRENCIES}
    history = build_orders(rng, orders, catalog, warehouses, rates, buyer,
                           {p.id for p in demo_places}, now)
    _bulk(session, OrderGroup, history.groups)
    _bulk(session, Order, history.orders)
    _bulk(session, OrderLine, history.lines)
    _bulk(session, OrderEvent, history.events)
    first_question = (session.scalar(select(func.max(Question.id))) or 0) + 1
    _bulk(session, Question, build_questions(rng, catalog.offers, demo_places[0].seller_id, buyer.user_id,
                                             now, first_question))
    _advance_sequences(session)


def _advance_sequences(session: Session) -> None:
    """PostgreSQL: rows inserted with explicit ids leave the id sequences behind; move them past the
    largest id so the next ordinary insert (a registration, a checkout) gets a free one."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        column = table.columns.get("id")
        if column is None or not column.autoincrement or not isinstance(column.type, Integer):
            continue
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608 - our own table names
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
        ))


def _bulk(session: Session, table: type, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(table), rows[start:start + CHUNK])


def _currencies(session: Session, now: datetime) -> None:
    present = set(session.scalars(select(Currency.code)))
    rows = [{"code": c, "name": n, "rate_per_eur": r, "updated_at": now}
            for c, n, r in CURRENCIES if c not in present]
    if rows:
        session.execute(insert(Currency), rows)


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _categories(session: Session) -> list[Leaf]:
    next_id = (session.scalar(select(func.max(Category.id))) or 0) + 1
    ids: dict[str, int] = {}
    rows = []
    for spec in CATEGORIES:
        ids[spec.name] = next_id
        parent_id = ids[spec.parent] if spec.parent else None
        rows.append({"id": next_id, "name": spec.name, "parent_id": parent_id})
        next_id += 1
    session.execute(insert(Category), rows)
    session.execute(insert(CategoryTranslation), [
        {"category_id": ids[name], "language": "fr", "name": fr} for name, fr in CATEGORY_NAMES_FR.items()
    ])
    parents = {spec.parent for spec in CATEGORIES}
    return [Leaf(ids[s.name], _slug(s.name)[:3].upper(), s) for s in CATEGORIES
            if s.name not in parents and s.products]


def _sellers(session: Session, rng: random.Random) -> tuple[list[Place], list[Place], dict[int, dict]]:
    seller_id = (session.scalar(select(func.max(Seller.id))) or 0) + 1
    warehouse_id = (session.scalar(select(func.max(Warehouse.id))) or 0) + 1
    sellers, rows, places, demo_places, by_id = [], [], [], [], {}
    for index, spec in enumerate(SELLERS):
        slug = _slug(spec.name)
        year = 1985 + rng.randrange(36)
        sellers.append({
            "id": seller_id, "name": spec.name, "country": spec.country, "email": f"sales@{slug}.example",
            "phone": f"{PHONE_PREFIX[spec.country]} {rng.randrange(100, 999)} {rng.randrange(10**5, 10**6)}",
            "description": rng.choice(SELLER_BLURBS).format(year=year),
            "rating": Decimal(rng.randrange(320, 496)) / 100, "review_count": rng.randrange(3, 400),
            "created_at": datetime(year if year > 2015 else 2015, 1 + rng.randrange(12), 1, tzinfo=UTC),
            "user_id": None,
        })
        prefix = "".join(w[0] for w in slug.split("-") if w)[:3].upper() + f"{index:02d}"
        count = 1 + rng.randrange(min(3, len(spec.cities) + 1))
        if index == 0:  # the demo seller's fulfilment spans several warehouses
            count = len(spec.cities)
        for n in range(count):
            city = spec.cities[n % len(spec.cities)]
            minimum = Decimal(rng.choice((150, 200, 250, 300, 400, 500, 750, 1000, 1500)))
            rows.append({"id": warehouse_id, "seller_id": seller_id, "code": f"WH{n + 1}",
                         "country": spec.country, "city": city, "min_order_value": minimum})
            place = Place(warehouse_id, seller_id, spec.name, prefix, city, spec.country)
            (demo_places if index == 0 else places).append(place)
            by_id[warehouse_id] = {"seller_id": seller_id, "seller_name": spec.name}
            warehouse_id += 1
        seller_id += 1
    session.execute(insert(Seller), sellers)
    session.execute(insert(Warehouse), rows)
    return places, demo_places, by_id


def _accounts(session: Session, demo_seller_id: int) -> Buyer:
    password_hash = hash_password(DEMO_PASSWORD)  # argon2 is slow on purpose: hash once
    buyer_company = {"name": "Épicerie Centrale SARL", "country": "FR", "vat_number": "FR40123456824"}
    seller_name = session.scalar(select(Seller.name).where(Seller.id == demo_seller_id))
    accounts = (
        ("buyer@demo.test", "buyer", buyer_company),
        ("seller@demo.test", "seller", {"name": seller_name, "country": "FR", "vat_number": "FR83404833048"}),
        ("admin@demo.test", "admin", {"name": "Bulkdesk Marketplace SAS", "country": "FR",
                                      "vat_number": None}),
    )
    user_ids = {}
    for email, role, company in accounts:
        company_id = session.scalar(insert(Company).values(**company).returning(Company.id))
        user_ids[role] = session.scalar(insert(User).values(
            email=email, password_hash=password_hash, role=role, company_id=company_id,
            created_at=CREATED_EPOCH,
        ).returning(User.id))
    session.execute(update(Seller).where(Seller.id == demo_seller_id).values(user_id=user_ids["seller"]))
    address = {"name": "Épicerie Centrale – Réception", "street": "12 rue des Halles", "postcode": "69002",
               "city": "Lyon", "country": "FR", "phone": "+33 4 78 00 12 34"}
    company = {**buyer_company, "address": "12 rue des Halles, 69002 Lyon, France"}
    return Buyer(user_ids["buyer"], company, address)
