"""Concurrent checkouts for the last packs: exactly as many winners as packs, never negative stock.
Runs on SQLite and, in the suite's second pass, on PostgreSQL (row locks in offer-id order)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from marketplace.orm import IdempotencyRecord, OrderLine
from tests.server import orders_kit as kit
from tests.server.orders_kit import add_offer, checkout_body, line, new_shop, register

db = kit.db  # fixture


def _race(live_server, bodies_and_auth: list[tuple[dict, dict[str, str]]]) -> list[httpx.Response]:
    barrier = threading.Barrier(len(bodies_and_auth))

    def go(item: tuple[dict, dict[str, str]]) -> httpx.Response:
        body, headers = item
        with httpx.Client(base_url=live_server.api, timeout=120) as client:
            barrier.wait()
            return client.post("/checkout", json=body, headers=headers)

    with ThreadPoolExecutor(len(bodies_and_auth)) as pool:
        return list(pool.map(go, bodies_and_auth))


def test_eight_buyers_race_for_the_last_three_packs(live_server, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=30, pack_units=10)
    decoy = add_offer(db, shop.seller_id, shop.warehouse_id, stock=10_000)
    racers = []
    for n in range(8):
        key = {"Idempotency-Key": str(uuid.uuid4())}
        # two lines in opposite orders: the lock order must not depend on the cart's order
        lines = [line(offer), line(decoy)] if n % 2 else [line(decoy), line(offer)]
        if n < 4:
            account = register(live_server.api)
            racers.append((checkout_body(lines, offers=[offer]), {**key, **account.headers}))
        else:
            racers.append((checkout_body(lines, offers=[offer], guest=f"racer{n}@example.com"), key))
    responses = _race(live_server, racers)
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 3, [r.text for r in responses]
    assert all(s in (409, 422) for s in statuses if s != 201)
    for r in responses:
        if r.status_code == 409:
            assert r.json()["code"] == "stock_changed"
            assert {i["offer_id"] for i in r.json()["issues"]} == {offer.id}
    with db.session() as s:
        from marketplace.orm import Offer

        assert s.get(Offer, offer.id).stock_units == 0
        assert s.get(Offer, decoy.id).stock_units == 10_000 - 3 * 10
        sold = s.scalar(
            select(func.coalesce(func.sum(OrderLine.units), 0)).where(OrderLine.offer_id == offer.id)
        )
        assert sold == 30


def test_concurrent_duplicates_of_one_key_make_one_order(live_server, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=1000)
    buyer = register(live_server.api)
    key = str(uuid.uuid4())
    body = checkout_body([line(offer)], offers=[offer])
    responses = _race(live_server, [(body, {"Idempotency-Key": key, **buyer.headers})] * 6)
    assert [r.status_code for r in responses] == [201] * 6, [r.text for r in responses]
    assert len({r.json()["order_group"]["ref"] for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == 5
    with db.session() as s:
        from marketplace.orm import Offer

        assert s.get(Offer, offer.id).stock_units == 990
        assert (
            s.scalar(select(func.count()).select_from(IdempotencyRecord).where(IdempotencyRecord.key == key))
            == 1
        )
