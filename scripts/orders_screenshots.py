"""Screenshots of the Orders page for the docs, in English and French (offscreen Qt, a real demo server).

    .venv/bin/python scripts/orders_screenshots.py [--server URL] [--out docs/screenshots]

Without --server it starts the reference server (400 offers, 80 demo orders) in a temporary folder.
Writes orders-table-<lang>.png (a filtered table with its chips and an order selected),
orders-detail-<lang>.png (the order detail alone), orders-review-<lang>.png (the review dialog) and
orders-offline-<lang>.png (offline, from the cache, with the "as of" label).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import shot_support  # noqa: E402
from PySide6.QtCore import QCoreApplication, QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_support import install_french  # noqa: E402

from desktop.api_client import ClientConfig, MarketplaceClient, MemoryTokenStore  # noqa: E402
from desktop.models.cart import CartStore  # noqa: E402
from desktop.views.orders import OrdersPage  # noqa: E402
from desktop.views.window.main_window import EmptyState, MainWindow, Page  # noqa: E402

LOCALES = {"en": QLocale(QLocale.Language.English, QLocale.Country.Ireland),
           "fr": QLocale(QLocale.Language.French, QLocale.Country.France)}


def settle(app: QApplication, seconds: float = 10.0) -> None:
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
    translators = [install_french(app)] if lang == "fr" else []
    client = MarketplaceClient(ClientConfig(server_url, max_retries=0), token_store=MemoryTokenStore())
    client.auth.login("buyer@demo.test", "demo-password")
    carts = CartStore(tmp / f"cart-{lang}.sqlite3")
    page = OrdersPage(client, data_dir=tmp / lang, auto_sync=False,
                      cart=lambda: carts.cart(server_url, "buyer@demo.test"))
    window = MainWindow([
        Page("catalog", QCoreApplication.translate("app", "Catalog"), EmptyState("catalog", "", ""), icon="catalog"),
        Page("cart", QCoreApplication.translate("app", "Cart"), EmptyState("cart", "", ""), icon="cart"),
        Page("orders", QCoreApplication.translate("app", "Orders"), page, icon="orders"),
    ])
    window.set_account("buyer@demo.test")
    window.show_page("orders")
    window.resize(1440, 860)
    window.show()
    page.notifier.status_bar = window.status
    page.set_account("buyer@demo.test")
    settle(app)
    window.status.set_last_sync(page.cache.last_synced_at())

    page.set_filters(payment_status=("paid",), shipping_status=("shipped", "delivered"), preset="year")
    shipped = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).shipping_status == "shipped")
    page.select_ref(page.model.row_at(shipped).ref)
    settle(app)
    window.grab().save(str(out / f"orders-table-{lang}.png"))
    page.detail.resize(520, 980)
    page.detail.grab().save(str(out / f"orders-detail-{lang}.png"))

    page.set_filters(shipping_status=("delivered",))
    ref = next(page.model.row_at(r).ref for r in range(page.model.rowCount())
               if page.cache.order(page.model.row_at(r).ref)["can_review"])
    page.select_ref(ref)
    settle(app)
    dialog = page.detail.request_review()
    dialog.seller_stars.set_value(4)
    dialog.delivery_stars.set_value(5)
    dialog.comment_edit.setPlainText("Bien emballé, livré à temps." if lang == "fr" else "Well packed, on time.")
    settle(app)
    dialog.grab().save(str(out / f"orders-review-{lang}.png"))
    dialog.reject()

    page.set_online(False)
    window.status.set_online(False)
    window.banner.show_offline(page.cache.last_synced_at())
    page.set_filters(q="lot", preset="any")
    page.table.selectRow(0)
    settle(app)
    window.grab().save(str(out / f"orders-offline-{lang}.png"))

    window.close()
    page.close_cache()
    window.deleteLater()
    client.close()
    carts.close()
    settle(app)
    for translator in translators:
        app.removeTranslator(translator)


def main() -> int:
    return shot_support.run(shoot, doc=__doc__, prefix="orders-shots-", offers=400, orders=80)


if __name__ == "__main__":
    sys.exit(main())
