from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.models.catalog_cache import CatalogCache

#: "now" in every test: promotions ending in 2030 run, those that ended in 2020 do not.
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def cache(tmp_path):
    store = CatalogCache(tmp_path / "cache" / "catalog.sqlite3")
    yield store
    store.close()
