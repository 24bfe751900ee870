"""The Orders page's CSV export: the filtered table, every row in its order, spreadsheet-safe."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop.models.orders_cache import OrdersCache
from desktop.models.spreadsheet import formula_guard

__all__ = ["write_orders_csv"]

HEADER = ["reference", "checkout", "created_at", "seller", "items", "units", "total", "currency",
          "payment_status", "shipping_status", "tracking_carrier", "tracking_number"]


def write_orders_csv(path: str | Path, cache: OrdersCache | None, ids: list[int]) -> int:
    """The orders ``ids`` (in that order) from ``cache`` as CSV; returns the number of orders written."""
    assert cache is not None or not ids
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = cache.rows(chunk) if cache is not None else {}
            for id_ in chunk:
                r = rows.get(id_)
                if r is None:
                    continue
                writer.writerow([
                    r.ref, r.group_ref, r.created_at.isoformat().replace("+00:00", "Z"),
                    formula_guard(r.seller_name), r.item_count, r.unit_count, f"{r.total:.2f}", r.currency,
                    r.payment_status, r.shipping_status, r.tracking_carrier or "", r.tracking_number or "",
                ])
    return len(ids)
