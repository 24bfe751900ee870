"""The catalog suite's saved-search figure (issue 15): 50 saved searches evaluated after the suite's
1,000-change delta sync on its 100,000-offer cache, as the app does it after each sync (in the sync's
worker): `evaluate_after_sync` on the offers the sync changed.

saved_searches_eval_ms: the evaluation, total for the 50 searches (target ≤ 100 ms). Floor
(saved_searches_floor_ms): the least any such check costs in raw SQLite — the changed offers' rows and
texts read once by id, on the same file."""

from __future__ import annotations

import json
import random
import re
import sqlite3
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

COUNT = 50


def save_searches(cache: Any, path: Path, rng: random.Random) -> Any:
    """50 saved searches a buyer would keep (a word or two, often a filter, sometimes a price ceiling),
    each saved with the offers it matches now."""
    from desktop.models.catalog_cache import OfferQuery
    from desktop.models.saved_searches import SavedSearchStore

    titles = [row[0] for row in sqlite3.connect(cache.path).execute(
        "SELECT title FROM offers ORDER BY random() LIMIT 400")]
    words = sorted({w.lower() for t in titles for w in re.findall(r"[^\W\d_]{4,}", t)})
    roots = [c.id for c in cache.categories() if c.parent_id is None]
    countries = cache.countries()
    account = SavedSearchStore(path).account("http://bench", "buyer@bench.test")
    for n in range(COUNT):
        filters: dict[str, Any] = {"text": " ".join(rng.sample(words, rng.choice((1, 1, 2))))}
        if rng.random() < 0.5:
            filters["country"] = rng.choice(countries)
        if rng.random() < 0.3:
            filters["category_id"] = rng.choice(roots)
        if rng.random() < 0.3:
            filters["collection"] = rng.choice(("weekly", "surplus", "promotion"))
        if rng.random() < 0.5:
            filters["max_price"] = Decimal(rng.choice(("5", "20", "80")))
        if rng.random() < 0.5:
            filters["in_stock"] = True
        query = OfferQuery(**filters)
        account.save(f"search {n}", query, cache.search(query))
    return account


def evaluate(account: Any, cache: Any, delta: Any, results: dict[str, Any]) -> None:
    from desktop.models.saved_searches import evaluate_after_sync

    wall0, cpu0 = time.perf_counter(), time.thread_time()
    alerts = evaluate_after_sync(account, cache, delta.changed_ids, delta.deleted_ids)
    results["saved_searches_eval_ms"] = round((time.perf_counter() - wall0) * 1000, 1)
    results["saved_searches_eval_cpu_ms"] = round((time.thread_time() - cpu0) * 1000, 1)
    results["saved_searches_count"] = len(account.searches())
    results["saved_searches_alerts"] = len(alerts)
    results["saved_searches_changed_offers"] = len(delta.changed_ids)
    ids = json.dumps(sorted(delta.changed_ids))
    db = sqlite3.connect(cache.path)
    wall0 = time.perf_counter()
    db.execute("SELECT o.*, j.description FROM offers o JOIN offer_json j ON j.id = o.id "
               "WHERE o.id IN (SELECT value FROM json_each(?))", (ids,)).fetchall()
    results["saved_searches_floor_ms"] = round((time.perf_counter() - wall0) * 1000, 1)
    db.close()
