"""The watched import folder against the real server: a dropped file is dry-run, its report shown (a
notification and a dialog), imported on confirmation and moved to processed/; unreadable → failed/."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.views.seller.folder_watch import FolderWatcher
from tests.seller import live_csv
from tests.seller.live_csv import new_rows, to_csv

client = live_csv.client  # the demo seller (a fixture)


@pytest.fixture
def watcher(qtbot, client, tmp_path):
    notes: list[tuple[str, str]] = []
    made = FolderWatcher(client.seller, tmp_path, settle_ms=200, notify=lambda t, m: notes.append((t, m)))
    made.notes = notes
    made.start()
    yield made
    made.stop()
    for dialog in list(made.dialogs.values()):
        dialog.close()


def test_a_dropped_file_is_dry_run_confirmed_imported_and_moved(qtbot, watcher, client, tmp_path):
    rows = new_rows(client, 3)
    partial = tmp_path / "lots.csv"
    with qtbot.waitSignal(watcher.checked, timeout=30_000) as checked:
        partial.write_bytes(to_csv(rows, ";").encode("utf-16"))
    path, check = checked.args
    assert path == partial and check.clean and check.created == 3
    assert watcher.notes[-1][0] == "Import folder: lots.csv" and "3 to create" in watcher.notes[-1][1]
    assert not list(client.seller.offers(q=rows[0]["sku"]))  # nothing written before the seller's word
    dialog = watcher.dialogs["lots.csv"]
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.import_button.isEnabled()
    with qtbot.waitSignal(watcher.imported, timeout=30_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    moved, done = imported.args
    assert moved == tmp_path / "processed" / "lots.csv" and moved.exists() and not partial.exists()
    assert done.applied and len(list(client.seller.offers(q=rows[0]["sku"].split("-")[0]))) == 3
    assert "3 created" in watcher.notes[-1][1] and not dialog.isVisible()


def test_a_report_with_errors_cannot_be_imported_and_an_unreadable_file_moves_to_failed(qtbot, watcher, client,
                                                                                           tmp_path):
    rows = new_rows(client, 2, stock_units="-1")
    with qtbot.waitSignal(watcher.checked, timeout=30_000) as checked:
        (tmp_path / "bad-rows.csv").write_bytes(to_csv(rows).encode())
    dialog = watcher.dialogs["bad-rows.csv"]
    qtbot.addWidget(dialog)
    assert not checked.args[1].clean and dialog.model.rowCount() == 2 and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "bad-rows.csv").exists()  # stays, offered again once saved again
    with qtbot.waitSignal(watcher.failed, timeout=30_000) as failed:
        (tmp_path / "sheet.csv").write_bytes(b"PK\x03\x04\x00\x00binary workbook")
    assert failed.args[0] == tmp_path / "failed" / "sheet.csv" and failed.args[0].exists()
    assert watcher.notes[-1][1] == "sheet.csv cannot be read; moved to failed/."
