"""Screenshots of the catalog for the docs, in English and French (offscreen Qt, a real demo server).

    .venv/bin/python scripts/screenshots.py [--server URL] [--out docs/screenshots]

Without --server it starts the reference server with 400 demo offers in a temporary folder. Writes
catalog-<lang>.png, offer-<lang>.png, seller-<lang>.png, offline-<lang>.png, no-results-<lang>.png
and not-synced-<lang>.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_support import install_french  # noqa: E402

from desktop.api_client import MarketplaceClient, MemoryTokenStore  # noqa: E402
from desktop.models.cart import CartStore  # noqa: E402
from desktop.models.catalog_cache import CatalogCache  # noqa: E402
from desktop.models.catalog_cache.sync import SyncEngine  # noqa: E402
from desktop.models.infrastructure.demo_server import DemoServer  # noqa: E402
from desktop.views.catalog import CatalogPage  # noqa: E402
from desktop.views.window.main_window import EmptyState, MainWindow, Page  # noqa: E402
from desktop.views.window.theme import apply_theme  # noqa: E402

LOCALES = {"en": QLocale(QLocale.Language.English, QLocale.Country.Ireland),
           "fr": QLocale(QLocale.Language.French, QLocale.Country.France)}


def settle(app: QApplication, page: CatalogPage | None = None, seconds: float = 8.0) -> None:
    """Let queued deliveries (thumbnails) land: process events until nothing is pending."""
    from desktop.views.background import tasks

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if tasks.running_ops() == 0:
            app.processEvents()
            break
        time.sleep(0.02)  # a script, not a test: nothing to wait on but the pool
    app.processEvents()



def shoot(app: QApplication, server_url: str, lang: str, out: Path, tmp: Path) -> None:
    QLocale.setDefault(LOCALES[lang])
    translator = install_french(app) if lang == "fr" else None
    folder = tmp / lang
    cache = CatalogCache(folder / "catalog.sqlite3")
    client = MarketplaceClient(server_url, token_store=MemoryTokenStore())
    carts = CartStore(folder / "cart.sqlite3")

    # not synced yet
    page = CatalogPage(cache, client, cart=lambda: carts.cart(server_url), currency="EUR")
    window = MainWindow([Page("catalog", QCoreApplication.translate("app", "Catalog"), page, icon="catalog"),
                         Page("cart", QCoreApplication.translate("app", "Cart"),
                              EmptyState("cart", "", ""), icon="cart")])
    window.resize(1440, 860)
    window.show()
    settle(app)
    window.grab().save(str(out / f"not-synced-{lang}.png"))

    SyncEngine(client, cache).sync()
    page.catalog_synced()
    window.status.set_last_sync(cache.last_synced_at())
    page.tabs.setCurrentIndex(3)  # promotions
    page.table.selectRow(1)
    settle(app, page)
    page.detail.quantity_spin.setValue(page.detail.quantity_spin.value() + 2)
    settle(app, page)
    window.grab().save(str(out / f"catalog-{lang}.png"))
    page.detail.grab().save(str(out / f"offer-{lang}.png"))

    seller_id = int(page.detail.offer["seller"]["id"])
    dialog = page.open_seller(seller_id)
    settle(app, page)
    dialog.grab().save(str(out / f"seller-{lang}.png"))
    dialog.close()

    window.status.set_online(False)
    window.banner.show_offline(cache.last_synced_at())
    page.tabs.setCurrentIndex(0)
    page.search_edit.setText("cable")
    page.run_search()
    page.table.selectRow(0)
    settle(app, page)
    window.grab().save(str(out / f"offline-{lang}.png"))

    page.search_edit.setText("zzqx pallets")
    page.run_search()
    settle(app, page)
    window.grab().save(str(out / f"no-results-{lang}.png"))

    window.close()
    page.thumbnails.close()
    window.deleteLater()
    settle(app)
    client.close()
    cache.close()
    carts.close()
    if translator is not None:
        app.removeTranslator(translator)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, dark=False, follow_os=False)
    demo = None
    with tempfile.TemporaryDirectory(prefix="bulkdesk-shots-") as name:
        tmp = Path(name)
        server_url = args.server
        if server_url is None:
            env = {**os.environ, "BULKDESK_DEMO_OFFERS": "400", "BULKDESK_DEMO_ORDERS": "20",
                   "BULKDESK_LOG_LEVEL": "warning", "XDG_DATA_HOME": str(tmp / "xdg")}
            demo = DemoServer(tmp / "demo", env=env)
            demo.start()
            demo.wait_until_healthy()
            server_url = demo.url
        try:
            for lang in ("en", "fr"):
                shoot(app, server_url, lang, out, tmp)
        finally:
            if demo is not None:
                demo.stop()
    print("screenshots in", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
