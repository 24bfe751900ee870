"""The seller's import page against the real server: choose a file, the dry-run report, Import enabled
only after a clean dry run of that same file, the import's result, and export."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.views.seller.import_page import ImportPage
from tests.seller import live_csv
from tests.seller.live_csv import new_rows, to_csv

client = live_csv.client  # the demo seller (a fixture)


@pytest.fixture
def page(qtbot, client):
    widget = ImportPage(client.seller, selected_skus=lambda: [])
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    return widget


def choose(qtbot, page, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    with qtbot.waitSignal(page.checked, timeout=30_000):
        qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)


def test_choose_a_file_with_errors_shows_every_row_and_import_stays_off(qtbot, qtmodeltester, page, client,
                                                                        monkeypatch, tmp_path):
    rows = new_rows(client, 5)
    rows[1]["unit_price"] = "12,5,0"
    rows[3]["stock_units"] = "-1"
    rows[4]["warehouse"] = "XXX"
    path = tmp_path / "offers.csv"
    path.write_bytes(to_csv(rows, ";").encode("cp1252"))
    assert not page.import_button.isEnabled()
    choose(qtbot, page, monkeypatch, path)
    qtmodeltester.check(page.model)
    tooltip = page.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Row 3, column unit_price: 12,5,0 is not a price")
    shown = [[page.model.index(r, c).data() for c in range(5)] for r in range(page.model.rowCount())]
    assert shown == [
        ["3", rows[1]["sku"], "unit_price", "not_a_price",
         "12,5,0 is not a price (like 12.50, or 12,50 in a file with decimal commas)."],
        ["5", rows[3]["sku"], "stock_units", "invalid_number", "A whole number of units, 0 or more."],
        ["6", rows[4]["sku"], "warehouse", "unknown_warehouse", "You have no warehouse with the code “XXX”."],
    ]
    assert "Rows with errors: 3." in page.summary.text() and "Windows-1252, semicolon" in page.summary.text()
    assert not page.import_button.isEnabled()


def test_import_only_after_a_clean_dry_run_of_the_same_file(qtbot, page, client, monkeypatch, tmp_path):
    rows = new_rows(client, 3)
    path = tmp_path / "offers.csv"
    path.write_bytes(to_csv(rows).encode("utf-16"))
    choose(qtbot, page, monkeypatch, path)
    assert page.model.rowCount() == 0 and "3 to create, 0 to update, 0 unchanged" in page.summary.text()
    assert page.import_button.isEnabled()
    path.write_bytes(to_csv(rows[:2]).encode("utf-16"))  # saved again after its check
    with qtbot.waitSignal(page.checked, timeout=30_000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "changed since its check" in page.summary.text() or "2 to create" in page.summary.text()
    qtbot.waitUntil(lambda: "2 to create" in page.summary.text())
    assert not list(client.seller.offers(q=rows[0]["sku"]))
    with qtbot.waitSignal(page.imported, timeout=30_000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "2 created, 0 updated, 0 unchanged. Imported." in page.summary.text()
    assert not page.import_button.isEnabled()
    assert {o.sku for o in client.seller.offers(q=rows[0]["sku"].split("-")[0])} == {rows[0]["sku"], rows[1]["sku"]}


def test_update_only_box_rechecks_and_a_dropped_file_is_checked(qtbot, page, client, tmp_path):
    rows = new_rows(client, 2)
    path = tmp_path / "new.csv"
    path.write_bytes(to_csv(rows).encode())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(20, 20), *args)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(page.checked, timeout=30_000):
        QApplication.sendEvent(page, QDropEvent(QPointF(20, 20), *args))
    assert page.import_button.isEnabled()
    with qtbot.waitSignal(page.checked, timeout=30_000):
        page.update_only.setChecked(True)
    assert [page.model.index(r, 3).data() for r in range(page.model.rowCount())] == ["unknown_sku"] * 2
    assert not page.import_button.isEnabled()


def test_unreadable_file_and_export(qtbot, page, client, monkeypatch, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    choose(qtbot, page, monkeypatch, path)
    assert page.summary.text() == "photo.csv cannot be read; nothing was sent."
    assert page.model.index(0, 4).data() == "This file is not text (a workbook or a picture?). Save it as CSV."
    out = tmp_path / "export.csv"
    op = page.export_to(out, None)
    with qtbot.waitSignal(op.finished, timeout=30_000):
        pass
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows and "offers exported to export.csv" in page.summary.text()


def test_a_stale_export_lists_its_changes_and_waits_for_the_sellers_choice(qtbot, qtmodeltester, page, client,
                                                                          monkeypatch, tmp_path):
    """Issue 29, bug 5: re-importing an old export listed "2 to update" and undid the server's edits."""
    from desktop.api_client.types import OfferPatch
    from desktop.models.seller.import_check import select_rows

    rows = new_rows(client, 2)
    assert client.seller.import_csv(to_csv(rows), dry_run=False).created == 2
    skus = [r["sku"] for r in rows]
    exported = list(csv.DictReader(io.StringIO(select_rows(client.seller.export_csv(), skus))))
    assert [r["sku"] for r in exported] == skus and all(r["version"] for r in exported)
    sold = next(iter(client.seller.offers(q=skus[0])))
    client.seller.update_offer(sold.id, OfferPatch(stock_units=3), version=sold.version)  # a sale, say
    exported[1]["stock_units"] = "25"  # the seller's own edit in the file
    path = tmp_path / "old-export.csv"
    path.write_bytes(to_csv(exported, ";").encode("cp1252"))

    choose(qtbot, page, monkeypatch, path)
    qtmodeltester.check(page.changes_model)
    assert page.model.rowCount() == 0 and page.changes_table.isVisible() and page.stale_choice.isVisible()
    shown = [[page.changes_model.index(r, c).data() for c in range(6)] for r in range(page.changes_model.rowCount())]
    assert shown == [
        ["2", skus[0], "Changed on the server since the export", "stock_units", "3", "10"],
        ["3", skus[1], "", "stock_units", "10", "25"],
    ]
    assert "version 1 → 2" in page.changes_model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert page.changes_model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) is None
    assert "2 to update" in page.summary.text() and "1 row(s) change offers edited on the server" in page.summary.text()
    assert not page.import_button.isEnabled()  # the seller has not chosen
    page.skip_stale.click()
    assert page.import_button.isEnabled()
    with qtbot.waitSignal(page.imported, timeout=30_000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "left as they are: 1." in page.summary.text() and not page.stale_choice.isVisible()
    stock = {o.sku: o.stock_units for o in client.seller.offers(q=skus[0].split("-")[0])}
    assert stock == {skus[0]: 3, skus[1]: 25}
