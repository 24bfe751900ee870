"""GET /offers pages on SQLite are rendered by SQLite itself (marketplace/services/offer_json.py); the
Python renderer (offer_rows.OfferRenderer) still renders them on PostgreSQL and one offer everywhere.
Both must give the same JSON: every offer of a demo catalog, plus the awkward ones (a running, an
expired and an open-ended promotion over volume prices, a 99 % discount, the largest price, no
picture or many, packagings added out of order, odd characters), in each of the 12 currencies and at
rates at the edges of the integer arithmetic."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import orjson
import pytest
from sqlalchemy import select, update

from marketplace.db import Database
from marketplace.orm import Offer, Packaging, Seller
from marketplace.services import currency as fx
from marketplace.services import offer_json, price_tiers
from marketplace.services.offer_rows import OfferRenderer
from tests.support.server import demo_sqlite

MEDIA = "http://127.0.0.1:8000/"
NOW = datetime.now(UTC)
#: rates beyond the 12 of the demo: the smallest, one just above par, and the largest SQL converts
EDGE_RATES = (Decimal("0.000001"), Decimal("1.000001"), Decimal("89999.999999"))


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    db = demo_sqlite(tmp_path_factory.mktemp("json") / "catalog.sqlite3", offers=1200)
    with db.session(write=True) as s:
        offers = s.scalars(select(Offer).where(Offer.deleted_at.is_(None)).order_by(Offer.id).limit(12)).all()
        running, expired, open_ended, deep, big, pictures, packs, odd, plain, stamp, no_tiers, zero = offers
        for offer, ends, percent in ((running, NOW + timedelta(days=3), 15), (expired, NOW - timedelta(days=1), 20),
                                     (open_ended, None, 10), (deep, NOW + timedelta(days=1), 99)):
            offer.promotion, offer.promo_discount_percent, offer.promo_ends_at = True, percent, ends
            offer.price_tiers = price_tiers.dump([(offer.moq_units + 10, Decimal("0.01")),
                                                  (offer.moq_units + 90, Decimal("7.35"))])
        no_tiers.promotion, no_tiers.promo_discount_percent = True, 0  # a promotion without a discount
        big.list_price = big.unit_price = Decimal("999999999999.99")
        big.price_tiers = price_tiers.dump([(big.moq_units + 1, Decimal("999999999999.99"))])
        pictures.image_count, zero.image_count = 7, 0
        # added after the others, with fewer units: the list is by units, then id, not by id
        s.add_all([Packaging(offer_id=packs.id, label="Six", units=6),
                   Packaging(offer_id=packs.id, label="Also 1", units=1)])
        odd.title = 'Quote " backslash \\ tab\t newline\n bell\x07 é ü 🚚 </script>'
        odd.description = ""
        stamp.updated_at = datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
        plain.updated_at = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
        s.execute(update(Seller).where(Seller.id == odd.seller_id).values(rating=None))
        s.commit()
    yield db
    db.dispose()


def pages(db: Database) -> list[list[int]]:
    with db.session() as s:
        ids = list(s.scalars(select(Offer.id).where(Offer.deleted_at.is_(None))))
    random.Random(3).shuffle(ids)  # any order: the page's own
    return [ids[i:i + 50] for i in range(0, len(ids), 50)]


def both(session, ids: list[int], code: str, rate: Decimal) -> tuple[list[dict], list[dict]]:
    renderer = OfferRenderer(MEDIA, code, rate)
    body = offer_json.offers_json(session, ids, renderer.media, code, rate)
    assert body is not None
    return orjson.loads(body), renderer.load(session, ids)


def test_sqlite_renders_every_offer_as_the_python_renderer_does_in_every_currency(catalog):
    with catalog.session() as s:
        rates = [*fx.rates(s).items(), *(("USD", rate) for rate in EDGE_RATES)]
        assert len(rates) == 12 + len(EDGE_RATES)
        for code, rate in rates:
            for ids in pages(catalog):
                from_sql, from_python = both(s, ids, code, rate)
                assert len(from_sql) == len(ids)
                for sql_offer, python_offer in zip(from_sql, from_python, strict=True):
                    assert sql_offer == python_offer, (code, rate, sql_offer["id"])


def test_the_awkward_offers_are_really_there(catalog):
    """The comparison above covers what it claims: the edge cases survived the fixture."""
    with catalog.session() as s:
        ids = list(s.scalars(select(Offer.id).where(Offer.deleted_at.is_(None)).order_by(Offer.id).limit(12)))
        huf = fx.rates(s)["HUF"]
        offers = {o["id"]: o for o in both(s, ids, "HUF", huf)[0]}
    cent = f"{fx.convert(Decimal('0.01'), huf):.2f}"
    running, expired, open_ended, deep, big, pictures, packs, odd, plain, stamp, _no_tiers, zero = (
        offers[i] for i in ids)
    assert running["price_tiers"][1]["unit_price"] != running["price_tiers"][1]["list_price"]
    assert expired["price_tiers"][1]["unit_price"] == expired["price_tiers"][1]["list_price"]
    assert open_ended["promotion"]["ends_at"] is None
    assert deep["price_tiers"][0]["unit_price"]["amount"] == cent  # 0.01 EUR at 99 % off: still a cent
    assert big["unit_price"]["amount"] == f"{fx.convert(Decimal('999999999999.99'), huf):.2f}"
    assert len(pictures["image_urls"]) == 7 and zero["image_urls"] == []
    labels = [p["label"] for p in packs["packagings"]]
    assert labels[:3] == ["Unit", "Also 1", "Six"] and len(labels) > 3, labels
    assert odd["title"].endswith("🚚 </script>") and odd["seller"]["rating"] is None
    assert stamp["updated_at"] == "2026-03-04T05:06:07.000890Z" and plain["updated_at"] == "2026-03-04T05:06:07Z"


def test_a_page_keeps_its_order_and_skips_what_is_gone(catalog):
    with catalog.session() as s:
        ids = list(s.scalars(select(Offer.id).order_by(Offer.id.desc()).limit(5)))
        page = [ids[3], 10**9, ids[0], ids[4]]
        body = offer_json.offers_json(s, page, MEDIA, "EUR", Decimal(1))
        assert [o["id"] for o in orjson.loads(body)] == [ids[3], ids[0], ids[4]]
        assert offer_json.offers_json(s, [], MEDIA, "EUR", Decimal(1)) == b"[]"


def test_a_rate_the_integers_cannot_hold_falls_back_to_python(catalog):
    """Beyond 90,000 units per EUR (or finer than a millionth) SQLite's 64-bit arithmetic could not
    convert the largest price exactly: the Python renderer answers, with the same page."""
    with catalog.session() as s:
        ids = pages(catalog)[0]
        for rate in (Decimal("90000.000001"), Decimal("1.0000001")):
            assert offer_json.offers_json(s, ids, MEDIA, "USD", rate) is None
            renderer = OfferRenderer(MEDIA, "USD", rate)
            assert orjson.loads(renderer.load_json(s, ids)) == renderer.load(s, ids)
