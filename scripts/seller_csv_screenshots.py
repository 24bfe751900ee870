"""Screenshots of the seller's CSV import report and tracking upload, in English and French (offscreen
Qt, a real demo server).

    .venv/bin/python scripts/seller_csv_screenshots.py [--server URL] [--out docs/screenshots]

Writes seller-import-report-<lang>.png (a comma-decimal file with errors: the report row by row),
seller-import-ready-<lang>.png (a clean dry run, Import enabled), seller-tracking-report-<lang>.png
and seller-watch-folder-<lang>.png (the watched folder's confirmation).
"""

from __future__ import annotations

import os
import sys
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
from desktop.models.seller.import_check import check_file  # noqa: E402
from desktop.views.seller.folder_watch import FolderWatcher, WatchedFileDialog  # noqa: E402
from desktop.views.seller.import_page import ImportPage  # noqa: E402
from desktop.views.seller.tracking_upload import TrackingUploadDialog  # noqa: E402
from tests.seller.live_csv import new_rows, to_csv  # noqa: E402


def shoot(app: QApplication, url: str, lang: str, out: Path, tmp: Path) -> None:
    QLocale.setDefault(LOCALES[lang])
    translators = [install_french(app)] if lang == "fr" else []
    client = MarketplaceClient(ClientConfig(url, max_retries=0), token_store=MemoryTokenStore())
    client.auth.login("seller@demo.test", "demo-password")
    rows = new_rows(client, 40, prefix=f"SHOT{lang.upper()}")
    for i, row in enumerate(rows):
        row["unit_price"] = f"{3 + i},{i % 100:02d}"
    rows[3]["unit_price"], rows[8]["stock_units"], rows[12]["unit_price"] = "12,5,0", "-4", "7.25"
    rows[17]["warehouse"], rows[21]["packagings"] = "XXX", "carton"
    bad = tmp / f"stock-{lang}.csv"
    bad.write_bytes(to_csv(rows, ";").encode("cp1252"))
    page = ImportPage(client.seller, selected_skus=lambda: [])
    page.resize(1100, 560)
    page.show()
    page.load_file(bad)
    settle(app)
    page.grab().save(str(out / f"seller-import-report-{lang}.png"))
    good = tmp / f"stock-ok-{lang}.csv"
    good.write_bytes(to_csv(new_rows(client, 25, prefix=f"SHOK{lang.upper()}")).encode("utf-16"))
    page.load_file(good)
    settle(app)
    page.grab().save(str(out / f"seller-import-ready-{lang}.png"))
    page.close()

    orders = [o.ref for o in client.seller.orders(shipping_status="awaiting_preparation", limit=3)][:2]
    tracking = tmp / f"tracking-{lang}.csv"
    tracking.write_bytes((f"order_ref;carrier;tracking_number\r\n{orders[0]};DHL;JD014600\r\n"
                          f"NOPE-9;UPS;1Z999\r\n{orders[1]};;\r\n{orders[0]};GLS;88\r\n").encode())
    dialog = TrackingUploadDialog(client.seller)
    dialog.show()
    dialog.load_file(tracking)
    settle(app)
    dialog.grab().save(str(out / f"seller-tracking-report-{lang}.png"))
    dialog.close()

    watched = tmp / f"watched-{lang}"
    watched.mkdir()
    drop = watched / "weekly-stock.csv"
    drop.write_bytes(to_csv(new_rows(client, 12, prefix=f"SHW{lang.upper()}")).encode())
    watcher = FolderWatcher(client.seller, watched)
    confirm = WatchedFileDialog(watcher, drop, check_file(client.seller, drop.read_bytes(), name=drop.name), None)
    confirm.show()
    settle(app)
    confirm.grab().save(str(out / f"seller-watch-folder-{lang}.png"))
    confirm.close()
    client.close()
    settle(app)
    for translator in translators:
        app.removeTranslator(translator)


def main() -> int:
    return shot_support.run(shoot, doc=__doc__, prefix="seller-csv-shots-", offers=400, orders=80)


if __name__ == "__main__":
    sys.exit(main())
