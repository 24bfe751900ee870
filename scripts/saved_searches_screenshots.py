"""Screenshots of the catalog's saved searches and of the offer detail's watches, in English and French
(offscreen Qt, a real demo server, a synced cache).

    .venv/bin/python scripts/saved_searches_screenshots.py [--server URL] [--out docs/screenshots]

Writes saved-searches-<lang>.png (the side pane: the category tree, the saved searches with their new
matches' counts), saved-searches-empty-<lang>.png (none yet), saved-search-opened-<lang>.png (the page
after opening one: its new matches marked), offer-watch-<lang>.png (an out-of-stock offer: "Notify
me…") and offer-watching-<lang>.png (an offer with a price watch, and "Remove").
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import shot_support  # noqa: E402
from orders_screenshots import LOCALES, settle  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_support import install_french  # noqa: E402

from desktop.api_client import ClientConfig, MarketplaceClient, MemoryTokenStore  # noqa: E402
from desktop.models.catalog_cache import CatalogCache, OfferQuery  # noqa: E402
from desktop.models.catalog_cache.sync import SyncEngine  # noqa: E402
from desktop.models.saved_searches import SavedSearchStore, price_eur  # noqa: E402
from desktop.views.catalog import CatalogPage  # noqa: E402


def saved(store: SavedSearchStore, url: str, cache: CatalogCache) -> None:
    """Three saved searches, two of them with new matches (as a sync would have found them)."""
    account = store.account(url, None)
    earlier = datetime.now(UTC) - timedelta(hours=2)
    sellers = cache.sellers()
    searches = [("Pallets in stock", OfferQuery(text="pallet", in_stock=True), 3),
                (f"{sellers[0].name}: promotions", OfferQuery(seller_id=sellers[0].id, collection="promotion"), 1),
                ("Gloves under €5", OfferQuery(text="gloves", max_price=Decimal(5)), 0)]
    for name, query, new in searches:
        ids = cache.search(query)
        search = account.save(name, query, ids[new:], now=earlier)
        if new:
            account.record([(search.id, set(ids[:new]), set())])


def shoot(app: QApplication, url: str, lang: str, out: Path, tmp: Path) -> None:
    QLocale.setDefault(LOCALES[lang])
    translators = [install_french(app)] if lang == "fr" else []
    client = MarketplaceClient(ClientConfig(url, max_retries=0), token_store=MemoryTokenStore())
    cache = CatalogCache(tmp / f"catalog-{lang}.sqlite3")
    SyncEngine(client, cache).sync()
    store = SavedSearchStore(tmp / f"saved-{lang}.sqlite3")
    saved(store, url, cache)
    page = CatalogPage(cache, client, currency="EUR", saved_searches=store, server_url=url)
    page.set_account(None)
    page.resize(1300, 760)
    page.show()
    settle(app)
    page.side.grab().save(str(out / f"saved-searches-{lang}.png"))
    page.set_account("nobody@example.test")  # an account with no saved search: the empty state
    settle(app)
    page.side.grab().save(str(out / f"saved-searches-empty-{lang}.png"))
    page.set_account(None)

    pallets = next(s for s in page.saved.model.searches if s.name == "Pallets in stock")  # 3 new
    page.saved.open_search(pallets.id)
    settle(app)
    page.grab().save(str(out / f"saved-search-opened-{lang}.png"))

    rows = cache.rows(cache.search(OfferQuery()))
    out_of_stock = next((r for r in rows.values() if r.stock_units <= 0), None)
    in_stock = next(r for r in rows.values() if r.stock_units > 0)
    if out_of_stock is not None:
        page.show_offer(out_of_stock.id)
        settle(app)
        page.detail.grab().save(str(out / f"offer-watch-{lang}.png"))
    account = page.saved.account
    assert account is not None
    now = datetime.now(UTC)
    account.watch(in_stock.id, "price_below", stock=in_stock.stock_units,
                  price_eur=price_eur(in_stock, cache.rates(), now), threshold=Decimal("2.50"), currency="EUR")
    page.show_offer(in_stock.id)
    settle(app)
    page.detail.grab().save(str(out / f"offer-watching-{lang}.png"))

    page.close()
    page.thumbnails.close()
    page.deleteLater()
    settle(app)
    store.close()
    cache.close()
    client.close()
    for translator in translators:
        app.removeTranslator(translator)


def main() -> int:
    return shot_support.run(shoot, doc=__doc__, prefix="saved-search-shots-", offers=400, orders=20)


if __name__ == "__main__":
    sys.exit(main())
