"""`python -m benchmarks server [--json] [--offers N]`: the reference server under load.

Seeds N demo offers (default 100,000) into a fresh SQLite file through the demo seed, starts the real
server (uvicorn subprocess) on loopback, and measures:
- GET /offers with `q` and a filter, 32 concurrent keep-alive clients, beside a floor: the same SQL run
  in-process with sqlite3 (the page's ids, its rows and packagings), one query at a time;
- GET /offers/changes, 500-item pages at random positions of the feed;
- POST /checkout of small carts by the demo buyer (bank transfer, a fresh Idempotency-Key each).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sqlite3
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from ._common import ServerProcess, check_floor, emit, machine_facts, run_load, summary_ms, time_calls

WORDS = (
    "huile", "olive", "coffee", "café", "batteries", "piles", "chocolate", "chocolat", "shampoo",
    "shampooing", "duracell", "lavazza", "pallet", "palette", "cable", "towels", "puzzle", "lessive",
    "detergent",
    "croquettes", "notebooks", "solar", "nivea", "haribo", "screws", "bosch", "socks", "water", "eau",
    "huile olive", "usb cable", "dog food", "hand cream", "lot de", "gel douche", "alkaline AA",
)
CLIENTS = 32
OFFERS_REQUESTS = 1600
CHANGES_REQUESTS = 200
CHECKOUTS = 100
#: the paced run: each of the 32 clients asks for a page every PACE_S seconds (32 req/s in all)
PACE_S = 1.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks server")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--offers", type=int, default=100_000, help="demo offers to seed (default 100,000)")
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--requests", type=int, default=OFFERS_REQUESTS, help="GET /offers requests")
    parser.add_argument("--keep", action="store_true", help="keep the database folder (printed)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    path = folder / "marketplace.sqlite3"
    url = f"sqlite:///{path}"
    results: dict[str, Any] = {"suite": "server", "offers": args.offers, "machine": machine_facts()}

    results["seed_100k_s"] = round(_seed(url, args.offers, args.orders), 2)
    check_floor("seed_100k_s", results["seed_100k_s"] * 100_000 / max(args.offers, 1), 60, results)

    rng = random.Random(7)
    raw = sqlite3.connect(path)
    mix = _offer_queries(raw, rng, args.requests)
    floor = time_calls(lambda request: _floor_query(raw, request[1]), mix[:400])
    results["offers_floor_p95_ms"] = summary_ms(floor)["p95_ms"]
    results["offers_floor"] = summary_ms(floor)
    slowest = sorted(zip(floor, mix[:400], strict=True), key=lambda pair: -pair[0])[:5]
    results["offers_floor_slowest"] = [{"ms": round(s * 1000, 1), **r[1]} for s, r in slowest]

    with ServerProcess(url) as server:
        ok = lambda reply: reply.status_code == 200  # noqa: E731
        run_load(server.api, mix[:64], CLIENTS, ok=ok)  # warm-up: connections, caches, pages
        load = run_load(server.api, mix, CLIENTS, ok=ok)
        results["offers_p95_ms"] = summary_ms(load.durations)["p95_ms"] if load.durations else None
        results["offers_load"] = {"clients": CLIENTS, **load.report()}
        single = run_load(server.api, mix[:300], 1, ok=ok)
        results["offers_1_client"] = single.report()
        paced = run_load(server.api, mix[:1000], CLIENTS, ok=ok, interval_s=PACE_S)
        results["offers_paced"] = {"clients": CLIENTS, "interval_s": PACE_S, **paced.report()}
        check_floor("offers_p95_ms", results["offers_p95_ms"], 50, results)

        tokens, walk = _walk_feed(server.api)
        results["changes_walk"] = {"pages": len(walk), **summary_ms(walk)} if walk else {"pages": 0}
        picks = [("/offers/changes", {"since": rng.choice(tokens), "limit": 500})
                 for _ in range(CHANGES_REQUESTS)]
        changes = run_load(server.api, picks, 1, ok=ok)
        results["changes_p95_ms"] = summary_ms(changes.durations)["p95_ms"] if changes.durations else None
        results["changes"] = changes.report()
        results["changes_4_clients"] = run_load(server.api, picks, 4, ok=ok).report()
        check_floor("changes_p95_ms", results["changes_p95_ms"], 100, results)

        results.update(_checkouts(server.api, raw, rng))
    raw.close()
    if args.keep:
        results["database"] = str(path)
    else:
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
    emit(results, args.json)
    return 0


def _seed(url: str, offers: int, orders: int) -> float:
    from marketplace.db import Database
    from marketplace.demo.seed import seed
    from marketplace.schema_setup import ensure_schema

    db = Database(url)
    ensure_schema(db)
    started = time.perf_counter()
    seed(db, offers=offers, orders=orders)
    elapsed = time.perf_counter() - started
    db.dispose()
    return elapsed


def _offer_queries(raw: sqlite3.Connection, rng: random.Random, count: int) -> list[tuple[str, dict]]:
    """A realistic mix: a search word or two and a filter (category tree, country, collection...)."""
    categories = [r[0] for r in raw.execute("SELECT id FROM categories")]
    countries = [r[0] for r in raw.execute("SELECT DISTINCT country FROM warehouses")]
    mix = []
    for i in range(count):
        params: dict[str, Any] = {"q": WORDS[i % len(WORDS)]}
        kind = rng.randrange(4)
        if kind == 0:
            params["category"] = rng.choice(categories)
        elif kind == 1:
            params["country"] = rng.choice(countries)
        elif kind == 2:
            params["category"] = rng.choice(categories)
            params["in_stock"] = "true"
        else:
            params["country"] = rng.choice(countries)
            params["collection"] = rng.choice(("weekly", "surplus", "promotion"))
        if rng.random() < 0.2:
            params["sort"] = rng.choice(("price", "-price", "newest"))
        mix.append(("/offers", params))
    return mix


_SUBTREE = ("o.category_id IN (WITH RECURSIVE subtree(id) AS ("
            "SELECT id FROM categories WHERE id = :category UNION ALL "
            "SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id) SELECT id FROM subtree)")
_ORDER = {"price": "o.unit_price ASC, o.id ASC", "-price": "o.unit_price DESC, o.id DESC",
          "newest": "o.created_at DESC, o.id DESC", "relevance": "fts.rank, o.id DESC"}


def _floor_query(raw: sqlite3.Connection, params: dict) -> None:
    """What the database has to do for one GET /offers page, without any server in between."""
    words = re.findall(r"\w+", str(params["q"]).lower())
    where = ["o.deleted_at IS NULL"]
    bind: dict[str, Any] = {"match": " ".join(f'"{w}"*' for w in words)}
    if "category" in params:
        where.append(_SUBTREE)
        bind["category"] = params["category"]
    if "country" in params:
        where.append("o.warehouse_id IN (SELECT id FROM warehouses WHERE country = :country)")
        bind["country"] = params["country"]
    if "collection" in params:
        where.append(f"o.{params['collection']} = 1")
    if params.get("in_stock") == "true":
        where.append("o.stock_units > 0")
    sql = ("SELECT o.id FROM offers o JOIN (SELECT rowid AS id, "
           "bm25(offers_fts, 10.0, 1.0, 4.0, 2.0) AS rank FROM offers_fts WHERE offers_fts MATCH :match) fts "
           "ON fts.id = o.id WHERE " + " AND ".join(where)
           + " ORDER BY " + _ORDER[params.get("sort", "relevance")] + " LIMIT 51")
    ids = [r[0] for r in raw.execute(sql, bind)][:50]
    if ids:
        marks = ",".join("?" * len(ids))
        raw.execute(
            "SELECT o.*, s.name, s.country, s.rating, w.country, w.city, w.min_order_value FROM offers o "
            "JOIN sellers s ON s.id = o.seller_id JOIN warehouses w ON w.id = o.warehouse_id "
            f"WHERE o.id IN ({marks})",
            ids).fetchall()
        raw.execute(f"SELECT offer_id, id, label, units FROM packagings WHERE offer_id IN ({marks}) "
                    "ORDER BY units, id", ids).fetchall()


def _walk_feed(api: str) -> tuple[list[str], list[float]]:
    """Walk the whole change feed in 500-item pages; returns every `since` position and page times."""
    tokens: list[str] = []
    durations: list[float] = []
    with httpx.Client(base_url=api, timeout=60) as client:
        params: dict[str, Any] = {"limit": 500}
        while True:
            started = time.perf_counter()
            reply = client.get("/offers/changes", params=params)
            durations.append(time.perf_counter() - started)
            if reply.status_code != 200:
                break
            page = reply.json()
            tokens.append(page["next_since"])
            if not page["has_more"]:
                break
            params = {"limit": 500, "since": page["next_since"]}
    return tokens[:-1] or tokens, durations


def _carts(raw: sqlite3.Connection, rng: random.Random, count: int) -> list[dict]:
    """Single-line carts that satisfy MOQ, stock and the warehouse minimum, from well-stocked offers."""
    rows = raw.execute(
        "SELECT o.id, o.unit_price, o.moq_units, o.stock_units, w.id, w.min_order_value, p.id, p.units "
        "FROM offers o JOIN warehouses w ON w.id = o.warehouse_id "
        "JOIN packagings p ON p.offer_id = o.id "
        "AND p.units = (SELECT min(units) FROM packagings WHERE offer_id = o.id) "
        "WHERE o.deleted_at IS NULL AND o.stock_units > 5000 ORDER BY o.id LIMIT 4000").fetchall()
    rng.shuffle(rows)
    carts = []
    for offer_id, price, moq, stock, warehouse_id, minimum, pack_id, units in rows:
        needed = max(moq, math.ceil(Decimal(str(minimum)) / Decimal(str(price))) + 1)
        quantity = math.ceil(needed / units)
        if quantity * units * 3 <= stock:
            carts.append({"line": {"offer_id": offer_id, "packaging_id": pack_id, "quantity": quantity},
                          "warehouse_id": warehouse_id})
        if len(carts) == count:
            break
    return carts


def _checkouts(api: str, raw: sqlite3.Connection, rng: random.Random) -> dict[str, Any]:
    with httpx.Client(base_url=api, timeout=60) as client:
        login = client.post("/auth/login", json={"email": "buyer@demo.test", "password": "demo-password"})
        if login.status_code != 200:
            return {"checkout_per_s": None, "checkout_reason": f"login failed: {login.status_code}"}
        client.headers["Authorization"] = f"Bearer {login.json()['token']}"
        bodies = []
        for cart in _carts(raw, rng, CHECKOUTS):
            bodies.append({
                "currency": "EUR", "lines": [cart["line"]], "shipping": {str(cart["warehouse_id"]): 1},
                "company": {"name": "Épicerie Centrale SARL", "vat_number": "FR40123456824",
                            "address": "12 rue des Halles, 69002 Lyon, France"},
                "delivery_address": {"name": "Réception", "street": "12 rue des Halles", "postcode": "69002",
                                     "city": "Lyon", "country": "FR"},
                "payment_method": "bank_transfer",
            })
        probe = client.post("/checkout", json=bodies[0], headers={"Idempotency-Key": str(uuid.uuid4())})
        if probe.status_code in (404, 405, 501):
            return {"checkout_per_s": None, "checkout_reason": f"POST /checkout answered {probe.status_code}"}
        if probe.status_code != 201:
            return {"checkout_per_s": None,
                    "checkout_reason": f"POST /checkout answered {probe.status_code}: {probe.text[:300]}"}
        durations, failures = [], []
        started = time.perf_counter()
        for body in bodies[1:]:
            key = str(uuid.uuid4())
            t0 = time.perf_counter()
            reply = client.post("/checkout", json=body, headers={"Idempotency-Key": key})
            durations.append(time.perf_counter() - t0)
            if reply.status_code != 201:
                failures.append(f"{reply.status_code}: {reply.text[:200]}")
        wall = time.perf_counter() - started
        replay = client.post("/checkout", json=bodies[-1], headers={"Idempotency-Key": key})
    return {
        "checkout_per_s": round(len(durations) / wall, 1) if not failures else None,
        "checkout": {"sequential": len(durations), "failures": len(failures), **summary_ms(durations),
                     "first_failure": failures[0] if failures else None},
        "checkout_replay_header": replay.headers.get("idempotent-replayed"),
        **({"checkout_reason": f"{len(failures)} checkouts failed"} if failures else {}),
    }
