"""Tracking upload by CSV against the real server: the report checks each row against the seller's
orders, nothing is sent while a row has an error, then the orders are marked shipped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.models.seller.tracking_csv import TrackingUpdate, apply_tracking, check_tracking
from desktop.views.seller.tracking_upload import TrackingUploadDialog
from tests.api_client.live import BUYER, create_offer, place_order, signed_in
from tests.seller import live_csv

client = live_csv.client  # the demo seller (a fixture)


@pytest.fixture(scope="module")
def my_orders(live_server, client):
    """Two paid orders of the test's own, awaiting preparation (only a paid order ships)."""
    buyer = signed_in(live_server.url, BUYER)
    admin = signed_in(live_server.url, "admin@demo.test")
    refs = []
    for _ in range(2):
        offer = create_offer(client)
        group = place_order(buyer, offer, 1).order_group
        admin.request("POST", f"/admin/payment-groups/{group.ref}/received")
        refs.append(group.orders[0].ref)
    buyer.close()
    admin.close()
    return refs


def test_the_report_checks_every_row_then_the_orders_are_marked_shipped(qtbot, qtmodeltester, client, my_orders,
                                                                       monkeypatch, tmp_path):
    a, b = my_orders
    path = tmp_path / "tracking.csv"
    path.write_bytes(f"Order ref;Carrier;Tracking number\r\n{a};dhl;JD014600006101234567\r\n"
                     f"NOPE-1;DHL;1234567890\r\n{b};;\r\n{a};UPS;1Z999AA10123456784\r\n".encode("cp1252"))
    dialog = TrackingUploadDialog(client.seller)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(dialog.model)
    shown = [[dialog.model.index(r, c).data() for c in range(5)] for r in range(dialog.model.rowCount())]
    assert shown == [
        ["3", "NOPE-1", "order_ref", "unknown_order", "You have no order NOPE-1."],
        ["4", b, "tracking_number", "missing_tracking_number",
         "The tracking number is missing."],
        ["5", a, "order_ref", "duplicate_order", f"Order {a} is also on row 2."],
    ]
    assert not dialog.apply_button.isEnabled() and "3 rows with errors" in dialog.summary.text()
    path.write_bytes(f"order_ref,carrier,tracking_number\r\n{a},dhl,JD014600006101234567\r\n"
                     f"{b},Own van,VAN-7\r\n".encode())
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        dialog.load_file(path)
    assert [dialog.model.index(0, c).data() for c in (0, 3)] == ["3", "unknown_carrier"]  # a warning
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.applied, timeout=30_000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "2 orders marked shipped."
    orders = {o.ref: o for o in client.seller.orders(q=a)} | {o.ref: o for o in client.seller.orders(q=b)}
    assert orders[a].shipping_status == "shipped" and orders[a].tracking.carrier == "DHL"
    assert orders[a].tracking.url and orders[b].tracking.number == "VAN-7" and orders[b].tracking.url is None
    again = check_tracking(client.seller, path.read_bytes())
    assert again.clean and again.updates == [] and again.unchanged == 2  # uploading twice does nothing


def test_apply_keeps_refusals_and_goes_on(client, my_orders):
    result = apply_tracking([TrackingUpdate(2, "NO-SUCH-ORDER", "DHL", "1")],
                            lambda u: client.seller.update_shipping(u.order_ref, "shipped", tracking_number="1"))
    assert result.shipped == [] and len(result.refused) == 1 and result.not_sent == []
