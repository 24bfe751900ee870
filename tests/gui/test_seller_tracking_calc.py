"""Issue 29, bug 4, through the fulfilment screen and its outbox against the real server, with tracking
CSVs LibreOffice Calc saved in a French locale (tests/seller/files/make_tracking_calc_fr.sh): the header
"N° de suivi" is read, a number Calc turned into 3,40434161234568E+017 is refused with why and how to
keep it as text, and once sent each row is listed Sent or Refused (the server's words), the summary
counting only what the server accepted; Mark shipped cannot send the file a second time."""

from __future__ import annotations

from desktop.models.seller import Status
from tests.gui.fulfilment_support import desk, on_server, seller, synced  # noqa: F401 (fixtures)
from tests.seller.support import paid_orders
from tests.seller.tracking_files import calc_file


def rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_calc_file_is_checked_then_each_row_is_reported_as_the_server_answered(
        qtbot, desk, seller, live_server, tmp_path):  # noqa: F811
    buyer, _offer, refs = paid_orders(live_server.url, seller, 3)
    buyer.close()
    placeholders = dict(zip(("REF-A", "REF-B", "REF-C"), refs, strict=True))
    f, outbox = desk.fulfilment, desk.workspace.desk.outbox
    synced(qtbot, desk)
    f.tracking_button.click()
    dialog = f.dialog

    damaged = tmp_path / "suivi.csv"
    damaged.write_bytes(calc_file("tracking-calc-fr-general.csv", placeholders))
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        dialog.load_file(damaged)
    assert [r[:4] for r in rows(dialog)] == [["2", refs[0], "tracking_number", "scientific_notation"]]
    message = dialog.model.index(0, 4).data()
    assert message.startswith("3,40434161234568E+017 is a number in scientific notation")
    assert "Format the column as Text" in message
    # shown in full, wrapped over several lines, not cut off in its cell
    qtbot.waitUntil(lambda: dialog.table.rowHeight(0) > 2 * dialog.table.fontMetrics().height(), timeout=5_000)
    assert dialog.table.wordWrap()
    assert not dialog.apply_button.isEnabled() and "1 row with errors" in dialog.summary.text()

    kept = tmp_path / "suivi-texte.csv"
    kept.write_bytes(calc_file("tracking-calc-fr-text.csv", placeholders))
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        dialog.load_file(kept)
    assert rows(dialog) == [] and dialog.report.clean and len(dialog.report.updates) == 3
    assert dialog.apply_button.isEnabled()
    # meanwhile the third order is shipped on the web with another number: the server refuses that row
    seller.seller.update_shipping(refs[2], "shipped", carrier="GLS", tracking_number="98765432109")

    dialog.apply_button.click()
    assert not dialog.apply_button.isEnabled()
    qtbot.waitUntil(lambda: len(dialog.answers) == 3 and None not in dialog.answers.values(), timeout=30_000)
    qtbot.waitUntil(lambda: not desk.workspace.desk.runner.busy, timeout=30_000)
    shown = rows(dialog)
    assert [r[:2] for r in shown] == [["2", refs[0]], ["3", refs[1]], ["4", refs[2]]]
    assert [r[3] for r in shown] == ["sent", "sent", "refused"]
    assert shown[0][4] == shown[1][4] == "Sent"
    assert shown[2][4].startswith("Refused: ") and "cannot become shipped" in shown[2][4]
    assert dialog.summary.text() == "2 orders marked shipped. 1 refused (see below)."
    assert on_server(seller, refs[0]).tracking.number == "00340434161234567890"
    assert on_server(seller, refs[2]).tracking.number == "98765432109"

    # a second click sends nothing again: the file was sent once
    entries = len(outbox.entries())
    assert not dialog.apply_button.isEnabled()
    dialog.start_apply()
    assert len(outbox.entries()) == entries
    assert [e.status for e in outbox.entries(kind="shipping") if e.target in refs[:2]] == [Status.SENT] * 2
    dialog.reject()


def test_a_file_without_a_tracking_column_says_why_in_full(qtbot, desk, tmp_path):  # noqa: F811
    f = desk.fulfilment
    synced(qtbot, desk)
    f.tracking_button.click()
    dialog = f.dialog
    path = tmp_path / "colis.csv"
    path.write_bytes("Commande;Colis\nO-1;42\n".encode("cp1252"))
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        dialog.load_file(path)
    text = dialog.summary.text()
    assert text.startswith("colis.csv cannot be read; nothing was sent.")
    assert ("Row 1, column tracking_number: the first row must name the columns (order_ref, carrier, "
            "tracking_number); no column tracking_number was found.") in text
    dialog.reject()
