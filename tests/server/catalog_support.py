"""A server WITHOUT demo data for the catalog tests, and helpers that create exactly the data a test
asserts on: sellers through the API, their warehouses and categories straight in the database (the API
has no endpoint for those), offers through POST /seller/offers."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.support.server import ServerProcess, cleanup, make_server

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


@pytest.fixture(scope="module")
def bare_server():
    server = make_server(demo=False)
    server.start()
    yield server
    cleanup(server)


def db_session(server: ServerProcess):
    from marketplace.db import Database

    return Database(server.database_url)


def add_categories(server: ServerProcess, tree: dict[str, str | None]) -> dict[str, int]:
    """Insert categories {name: parent name | None} (parents first); returns name → id."""
    from marketplace.orm import Category

    database = db_session(server)
    ids: dict[str, int] = {}
    with database.session(write=True) as s:
        for name, parent in tree.items():
            cat = Category(name=name, parent_id=ids[parent] if parent else None)
            s.add(cat)
            s.flush()
            ids[name] = cat.id
        s.commit()
    database.dispose()
    return ids


def register(
    server: ServerProcess, role: str = "buyer", country: str = "FR", name: str | None = None
) -> httpx.Client:
    email = f"{role}-{uuid.uuid4().hex[:10]}@example.com"
    r = httpx.post(
        server.api + "/auth/register",
        json={
            "email": email,
            "password": PASSWORD,
            "role": role,
            "company": {"name": name or f"{role.title()} {next(_seq)} GmbH", "country": country},
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    client = httpx.Client(
        base_url=server.api, headers={"Authorization": f"Bearer {body['token']}"}, timeout=30
    )
    client.user = body["user"]  # type: ignore[attr-defined]
    return client


@dataclass
class Shop:
    """A seller of the test's own, with warehouses PAR (FR, Paris) and BER (DE, Berlin)."""

    client: httpx.Client
    seller_id: int
    warehouses: dict[str, int]
    category: int
    offers: list[dict[str, Any]] = field(default_factory=list)

    def offer(self, **fields: Any) -> dict[str, Any]:
        n = next(_seq)
        body = {
            "sku": f"SKU-{n}",
            "title": f"Item {n}",
            "category_id": self.category,
            "warehouse_id": self.warehouses["PAR"],
            "unit_price": {"amount": "10.00", "currency": "EUR"},
            "packagings": [{"label": "unit", "units": 1}, {"label": "carton", "units": 12}],
            "moq_units": 1,
            "stock_units": 100,
        }
        body.update(fields)
        r = self.client.post("/seller/offers", json=body)
        assert r.status_code == 201, r.text
        self.offers.append(r.json())
        return r.json()


def make_shop(server: ServerProcess, category: int, name: str | None = None, country: str = "FR") -> Shop:
    from marketplace.orm import Warehouse

    client = register(server, "seller", country=country, name=name)
    seller_id = client.user["seller_id"]  # type: ignore[attr-defined]
    database = db_session(server)
    with database.session(write=True) as s:
        whs = [
            Warehouse(
                seller_id=seller_id, code="PAR", country="FR", city="Paris", min_order_value=Decimal("100")
            ),
            Warehouse(
                seller_id=seller_id, code="BER", country="DE", city="Berlin", min_order_value=Decimal("250")
            ),
        ]
        s.add_all(whs)
        s.commit()
        ids = {w.code: w.id for w in whs}
    database.dispose()
    return Shop(client=client, seller_id=seller_id, warehouses=ids, category=category)


def ids(items: list[dict[str, Any]]) -> list[int]:
    return [item["id"] for item in items]


def walk(client: httpx.Client | Any, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item of a cursor-paginated list."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def offer_body(shop: Shop, **fields: Any) -> dict[str, Any]:
    """A valid POST /seller/offers body for the shop (SKU X-1, one unit packaging); ``fields`` override."""
    return {
        "sku": "X-1",
        "title": "Thing",
        "category_id": shop.category,
        "warehouse_id": shop.warehouses["PAR"],
        "unit_price": {"amount": "1.00", "currency": "EUR"},
        "packagings": [{"label": "unit", "units": 1}],
        "moq_units": 1,
        "stock_units": 1,
        **fields,
    }
