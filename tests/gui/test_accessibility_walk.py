"""A screen-reader user's walk through every page and dialog (issue 30), against the real reference server
(demo data), offscreen: the same pages and dialogs as the French walk, each widget tree checked with
``tests/support/accessibility.py`` (names, buddies, column headers, image descriptions), and the tables
checked for Tab traps in a test of its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.models.seller.bulk import Target
from desktop.models.settings import SettingsStore
from desktop.views.background import tasks
from desktop.views.checkout.wizard import DETAILS
from desktop.views.seller.bulk_edit_dialog import BulkEditDialog
from desktop.views.seller.import_page import ImportPage
from desktop.views.seller.offer_form import NewOfferDialog
from desktop.views.seller.tiers_editor import TiersDialog
from desktop.views.seller.tracking_upload import TrackingUploadDialog
from desktop.views.shell.shell import Shell
from tests.support.accessibility import findings, tab_traps
from tests.support.checkout import DETAILS_VALUES

BUYER, SELLER, PASSWORD = "buyer@demo.test", "seller@demo.test", "demo-password"
Look = Callable[[str, QWidget], None]


def _idle(qtbot) -> None:
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
    QApplication.processEvents()


def _dialog(qtbot, look: Look, where: str, dialog) -> None:
    assert dialog is not None, f"{where}: no dialog opened"
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    _idle(qtbot)
    look(where, dialog)
    dialog.reject()


@pytest.fixture
def shell(qtbot, live_server, app_folders, token_store, error_channel, tmp_path):
    store = SettingsStore(app_folders.config / "settings.json", tmp_path / "no-policy.json")
    shell = Shell(live_server.url, paths=app_folders, settings=store, token_store=token_store, channel=error_channel)
    qtbot.addWidget(shell.window)
    shell.window.resize(1280, 800)
    shell.start()
    qtbot.waitUntil(lambda: shell.is_ready and shell.catalog_page.model.rowCount() > 0
                    and not shell.sync_controller.running, timeout=45_000)
    yield shell
    shell.shutdown()
    assert error_channel.current_dialog() is None, error_channel.current_dialog().details_text()


def walk(qtbot, shell: Shell, look: Look) -> int:
    """Every page and dialog, each handed to ``look``; returns how many places were looked at."""
    w = shell.window
    places: list[str] = []

    def seen(where: str, root: QWidget) -> None:
        places.append(where)
        look(where, root)

    seen("signed-out", w)
    _dialog(qtbot, seen, "sign-in", shell.sign_in())
    _dialog(qtbot, seen, "create-account", shell.create_account())
    _dialog(qtbot, seen, "settings", shell.open_settings())

    shell.session.signed_in_with(shell.client.auth.login(BUYER, PASSWORD))
    catalog = shell.catalog_page
    assert w.show_page("catalog")
    qtbot.waitUntil(lambda: catalog.model.rowCount() > 0, timeout=30_000)
    catalog.table.selectRow(0)
    _idle(qtbot)
    seen("catalog", w)
    _dialog(qtbot, seen, "contact-seller", catalog.detail.contact_seller())
    catalog.detail.add_to_cart()

    assert w.show_page("cart")
    quoter = shell.cart_page.quoter
    qtbot.waitUntil(lambda: quoter.quote is not None and not quoter.quote.local and not quoter.pending
                    and len(quoter.quote.groups) == 1, timeout=20_000)
    _idle(qtbot)
    seen("cart", w)
    _dialog(qtbot, seen, "quick-order", shell.cart_page.open_quick_order())
    wizard = shell.cart_page.open_checkout()
    qtbot.waitUntil(wizard.isVisible, timeout=5000)
    for name, value in DETAILS_VALUES.items():
        wizard.details.fields[name].setText(value)
    for index, step in enumerate(("details", "shipping", "payment", "review")):  # never submitted
        _idle(qtbot)
        assert wizard.current() == DETAILS + index, f"checkout stayed at step {wizard.current()}"
        seen(f"checkout-{step}", wizard)
        if step != "review":
            wizard.next()
    wizard.reject()
    _dialog(qtbot, seen, "seller-profile", catalog.open_seller(int(catalog.detail.offer["seller"]["id"])))

    orders = shell.orders_page
    assert w.show_page("orders")
    qtbot.waitUntil(lambda: orders.model.rowCount() > 0, timeout=30_000)
    rows = [orders.model.row_at(r) for r in range(orders.model.rowCount())]
    for status, request in (("awaiting_preparation", orders.detail.request_cancel),
                            ("delivered", orders.detail.request_review)):
        ref = next(r.ref for r in rows if r.shipping_status == status)
        assert orders.select_ref(ref)
        qtbot.waitUntil(lambda ref=ref: orders.detail.current is not None and orders.detail.current.ref == ref,
                        timeout=10_000)
        _idle(qtbot)
        seen(f"orders-{status}-page", w)
        _dialog(qtbot, seen, f"orders-{status}", request())

    shell.session.sign_out()
    _idle(qtbot)
    shell.session.signed_in_with(shell.client.auth.login(SELLER, PASSWORD))
    assert w.show_page("seller")
    seller = shell.seller_page
    qtbot.waitUntil(lambda: seller.fulfilment.model.rowCount() > 0, timeout=30_000)
    for index in range(seller.tabs.count()):
        seller.tabs.setCurrentIndex(index)
        _idle(qtbot)
        seen(f"seller-{index}", w)
    seller.tabs.setCurrentIndex(0)
    f = seller.fulfilment
    for preset, request in (("to_ship", lambda: f.request_ship()), ("to_prepare", f.request_cancel)):
        f.set_preset(preset)
        qtbot.waitUntil(lambda: f.model.rowCount() > 0, timeout=10_000)
        first_cell = f.table.visualRect(f.model.index(0, 0)).center()
        qtbot.mouseClick(f.table.viewport(), Qt.MouseButton.LeftButton, pos=first_cell)
        _idle(qtbot)
        seen(f"seller-order-{preset}", w)
        _dialog(qtbot, seen, f"seller-{preset}", request())

    targets = [Target(1, "SKU-1", {"unit_price": "10.00", "stock_units": 50, "collections": []}),
               Target(2, "SKU-2", {"unit_price": "4.00", "stock_units": 5, "collections": []})]
    bulk = BulkEditDialog(targets, w)
    bulk.open()
    bulk.value.setText("40")
    _dialog(qtbot, seen, "seller-bulk-edit", bulk)
    categories = [(c.id, c.parent_id, c.name) for c in shell.client.catalog.categories()]
    new_offer = NewOfferDialog(shell.client, categories, w)
    new_offer.open()
    new_offer.tiers.add_row(10, "9.50")
    _dialog(qtbot, seen, "seller-new-offer", new_offer)
    tiers = TiersDialog(1, "SKU-1", {"unit_price": "10.00", "moq_units": 5, "price_tiers": [[10, "9.50"]]}, w)
    tiers.open()
    _dialog(qtbot, seen, "seller-volume-prices", tiers)
    importer = ImportPage(shell.client.seller, parent=w)
    importer.setWindowFlag(Qt.WindowType.Window)
    importer.show()
    _idle(qtbot)
    seen("seller-import", importer)
    importer.close()
    upload = TrackingUploadDialog(shell.client.seller, parent=w)
    upload.open()
    _dialog(qtbot, seen, "seller-tracking-upload", upload)
    return len(places)


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}: {item}" for where, items in found.items() for item in items)


def test_every_control_on_every_page_and_dialog_has_a_name_a_screen_reader_can_announce(qtbot, shell):
    found: dict[str, list[str]] = {}

    def look(where: str, root: QWidget) -> None:
        if items := findings(root):
            found[where] = items

    assert walk(qtbot, shell, look) >= 25  # the pages, their states and the dialogs
    assert not found, f"{sum(map(len, found.values()))} accessibility findings:\n" + _report(found)


def test_no_table_on_any_page_or_dialog_traps_the_tab_key(qtbot, shell):
    found: dict[str, list[str]] = {}

    def look(where: str, root: QWidget) -> None:
        if items := tab_traps(root):
            found[where] = items

    assert walk(qtbot, shell, look) >= 25
    assert not found, "tables that keep Tab inside them (WCAG 2.1.2):\n" + _report(found)
