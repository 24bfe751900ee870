"""Helpers of the real-server CSV tests: the demo seller's client and rows in its import format."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from tests.api_client.live import SELLER, signed_in


def seller(url: str):
    return signed_in(url, SELLER)


@pytest.fixture(scope="module")
def client(live_server):
    """The demo seller, signed in to the session's real server (import with ``from … import client``)."""
    made = seller(live_server.url)
    yield made
    made.close()


def template(client) -> dict[str, str]:
    """A row of the seller's own export: a category and warehouse the server knows."""
    return next(csv.DictReader(io.StringIO(client.seller.export_csv())))


def new_rows(client, count: int, *, prefix: str | None = None, **fields: str) -> list[dict[str, str]]:
    base = template(client)
    if "price_tiers" in base:  # the template's own volume prices need not fit these rows' price and MOQ
        base["price_tiers"] = ""
    prefix = prefix or f"T{uuid.uuid4().hex[:8]}"
    return [{**base, "sku": f"{prefix}-{i:05d}", "title": f"Lot {i} « test »", "unit_price": "12.50",
             "stock_units": "10", "moq_units": "1", "packagings": "unit:1", "collections": "", **fields}
            for i in range(count)]


def to_csv(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
