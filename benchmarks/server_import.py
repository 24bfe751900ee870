"""The server benchmark's import part: a seller imports a 50,000-row CSV through the real endpoint
while other clients keep browsing and signing in; both the import's wall time and what the others
saw meanwhile (latency, failures) are reported. Used by benchmarks/server.py; runnable alone:
`python -m benchmarks server_import --json` (a fresh, small demo database)."""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from ._common import check_floor, demo_server, emit, summary_ms

ROWS = 50_000
HEADER = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\r\n"


def _seller(api: str, database_url: str) -> tuple[str, int]:
    """A new seller with one warehouse (code BENCH); returns its token and a category id."""
    from marketplace.db import Database
    from marketplace.orm import Category, Warehouse

    email = f"import-{uuid.uuid4().hex[:10]}@bench.test"
    reply = httpx.post(f"{api}/auth/register", timeout=60, json={
        "email": email, "password": "bench-password-1", "role": "seller",
        "company": {"name": "Bench Import SARL", "country": "FR", "vat_number": "FR12345678901"}})
    reply.raise_for_status()
    body = reply.json()
    db = Database(database_url)
    try:
        with db.session(write=True) as s:
            s.add(Warehouse(seller_id=body["user"]["seller_id"], code="BENCH", country="FR", city="Lyon",
                            min_order_value=Decimal("0")))
            category = s.query(Category.id).order_by(Category.id).first()
            if category is None:
                cat = Category(name="Bench")
                s.add(cat)
                s.flush()
                category = (cat.id,)
            s.commit()
    finally:
        db.dispose()
    return body["token"], category[0]


def csv_body(rows: int, category: int, tag: str = "") -> bytes:
    lines = [HEADER]
    for i in range(rows):
        lines.append(f"IMP{tag}-{i:06d},Lot de savon liquide {i} parfum {i % 37},{category},{1 + i % 500}.25,EUR,"
                     f"{100 + i % 900},{1 + i % 10},unit:1|carton:12,{'weekly' if i % 7 == 0 else ''},BENCH\r\n")
    return "".join(lines).encode()


def measure_import(api: str, database_url: str, rows: int = ROWS) -> dict[str, Any]:
    """Import `rows` offers while two clients browse (GET /offers?q=) and sign in (POST /auth/login)."""
    token, category = _seller(api, database_url)
    body = csv_body(rows, category)
    others: list[tuple[str, float, int]] = []
    done = threading.Event()

    def other_client(kind: str) -> None:
        with httpx.Client(base_url=api, timeout=60) as client:
            while not done.is_set():
                started = time.perf_counter()
                try:
                    if kind == "browse":
                        status = client.get("/offers", params={"q": "savon", "limit": 50}).status_code
                    else:
                        status = client.post("/auth/login", json={"email": "buyer@demo.test",
                                                                    "password": "demo-password"}).status_code
                except httpx.HTTPError:
                    status = 0
                others.append((kind, time.perf_counter() - started, status))
                time.sleep(0.05)

    threads = [threading.Thread(target=other_client, args=(k,), daemon=True) for k in ("browse", "login")]
    with httpx.Client(base_url=api, timeout=600, headers={"Authorization": f"Bearer {token}"}) as client:
        for t in threads:
            t.start()
        time.sleep(0.3)
        started = time.perf_counter()
        reply = client.post("/seller/offers/import", content=body, headers={"Content-Type": "text/csv"})
        elapsed = time.perf_counter() - started
        time.sleep(0.3)
        done.set()
        for t in threads:
            t.join(60)
    report = reply.json() if reply.status_code == 200 else {"status": reply.status_code, "body": reply.text[:300]}
    during = [d for _, d, _ in others]
    failures = [(k, s) for k, _, s in others if s not in (200, 401)]  # 401: the demo buyer may not exist
    return {
        "import_rows": rows,
        "import_50k_s": round(elapsed, 2),
        "import_report": {k: report.get(k) for k in ("created", "updated", "applied")} if "created" in report
        else report,
        "during_import": {"requests": len(others), "failures": len(failures), **summary_ms(during)},
        "during_import_max_ms": round(max(during) * 1000, 1) if during else None,
        "during_import_by_kind": {kind: summary_ms([d for k, d, _ in others if k == kind])
                                  for kind in ("browse", "login") if any(k == kind for k, _, _ in others)},
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks server_import")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--offers", type=int, default=2000, help="demo offers to seed first")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    results: dict[str, Any] = {"suite": "server_import"}
    with demo_server(folder, offers=args.offers, orders=20) as server:
        results.update(measure_import(server.api, server.database_url, args.rows))
    add_targets(results)
    emit(results, args.json)
    return 0


def add_targets(results: dict[str, Any]) -> None:
    check_floor("import_50k_s", results.get("import_50k_s"), 10, results)
    check_floor("during_import_max_ms", results.get("during_import_max_ms"), 1000, results)

