"""Screenshots of the seller's listings, bulk preview, conflict view and pending changes into
docs/screenshots/seller-*-<lang>.png, rendered offscreen against a fresh demo server of their own.

    python scripts/seller_screenshots.py en
    python scripts/seller_screenshots.py fr
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.api_client.types import OfferPatch  # noqa: E402
from desktop.models.seller import Edit, Status, queue_edits  # noqa: E402
from desktop.views.locale.i18n import install_translations  # noqa: E402
from desktop.views.seller.conflict_dialog import ConflictDialog  # noqa: E402
from desktop.views.seller.listings_model import COLUMNS  # noqa: E402
from desktop.views.seller.listings_page import ListingsPage  # noqa: E402
from desktop.views.seller.outbox_runner import OutboxRunner  # noqa: E402
from desktop.views.seller.pending_changes import PendingChangesView  # noqa: E402
from desktop.views.window.theme import apply_theme  # noqa: E402
from tests.api_client.live import SELLER, signed_in  # noqa: E402
from tests.seller.support import open_desk  # noqa: E402
from tests.support.server import cleanup, make_server  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def main(lang: str) -> None:
    app = QApplication([])
    keep = install_translations(app, lang)  # noqa: F841 (the translators must stay alive)
    apply_theme(app, dark=False, follow_os=False)
    server = make_server()
    server.start()
    try:
        desk = open_desk(server.url, Path(tempfile.mkdtemp()))
        desk.listings.set_categories([(c.id, c.parent_id, c.name) for c in desk.client.catalog.categories()])
        runner = OutboxRunner(desk.outbox, desk.sender, auto=False)
        page = ListingsPage(desk.client, desk.listings, runner)
        page.set_categories(desk.listings.categories())
        page.resize(1400, 640)
        page.show()
        ids = page.model.ids()
        first = desk.listings.row(ids[0])
        other = signed_in(server.url, SELLER)
        queue_edits(desk.outbox, desk.listings,
                    [Edit(first.id, {"unit_price": "19.90", "stock_units": first.stock_units + 40})])
        other.seller.update_offer(first.id, OfferPatch.model_validate(
            {"unit_price": {"amount": "21.50", "currency": "EUR"}}), version=first.version)  # a conflict
        queue_edits(desk.outbox, desk.listings, [Edit(ids[1], {"title": "x" * 301})])  # the server refuses it
        queue_edits(desk.outbox, desk.listings, [Edit(ids[3], {"moq_units": 12})])  # sent
        desk.sender.drain()
        queue_edits(desk.outbox, desk.listings, [Edit(ids[2], {}, stock_delta=-12)])  # waiting (offline)
        queue_edits(desk.outbox, desk.listings, [Edit(ids[4], {"packagings": [["unit", 1], ["carton", 24]]})])
        runner.changed.emit()
        page.apply_filters()
        page.model.setData(page.model.index(5, COLUMNS.index("stock_units")), "-900000")  # a rule caught per cell
        page.table.selectRow(2)
        for _ in range(3):  # the low-stock count comes after the repaint, then the layout follows it
            app.processEvents()
        page.grab().save(str(OUT / f"seller-listings-{lang}.png"))
        page.table.setSelectionMode(page.table.SelectionMode.MultiSelection)
        page.table.clearSelection()
        for row in range(2, 9):
            page.table.selectRow(row)
        dialog = page.bulk_edit()
        dialog.operation.setCurrentIndex(dialog.operation.findData("adjust_stock"))
        dialog.value.setText("-30")
        app.processEvents()
        dialog.grab().save(str(OUT / f"seller-bulk-preview-{lang}.png"))
        dialog.close()
        conflict = ConflictDialog(desk.outbox.entries((Status.CONFLICT,))[0])
        conflict.show()
        app.processEvents()
        conflict.grab().save(str(OUT / f"seller-conflict-{lang}.png"))
        conflict.close()
        pending = PendingChangesView(runner, desk.listings)
        pending.resize(1200, 360)
        pending.show()
        app.processEvents()
        pending.grab().save(str(OUT / f"seller-pending-{lang}.png"))
        desk.close()
    finally:
        cleanup(server)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "en")
