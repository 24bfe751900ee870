"""Keyboard use on the orders page and the seller's listings (issue 30): Ctrl+F and Return in the orders
search, Down and Return in their table; F2, Ctrl+E in the listings. Against the real reference server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.views.seller.bulk_edit_dialog import BulkEditDialog
from tests.gui import seller_support
from tests.gui.orders_support import make_page, synced
from tests.gui.seller_support import listings_page

desk = seller_support.desk  # fixture
CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def active(qtbot, widget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)


@pytest.fixture
def orders(qtbot, buyer, app_folders, token_store, cart_store):
    page = make_page(qtbot, buyer, app_folders, token_store, cart_store)
    synced(qtbot, page)
    page.show()
    qtbot.waitExposed(page)
    active(qtbot, page)
    yield page
    page.close_cache()


def test_orders_search_from_ctrl_f_to_the_results_and_the_detail(qtbot, orders):
    orders.table.setFocus()
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is orders.search_edit
    ref = orders.model.row_at(3).ref
    qtbot.keyClicks(orders.search_edit, ref)
    with qtbot.waitSignal(orders.filters_applied, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    assert focused() is orders.table and orders.model.rowCount() >= 1
    assert not orders.table.selectionModel().hasSelection()
    press(qtbot, Qt.Key.Key_Down)  # a freshly filled table: Down selects the first order, the detail follows
    assert orders.model.row_at(0).ref == ref
    qtbot.waitUntil(lambda: orders.detail.current is not None and orders.detail.current.ref == ref, timeout=10_000)
    press(qtbot, Qt.Key.Key_Return)  # Return on the row: into its detail
    assert orders.detail.isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    assert not orders.table.hasFocus()  # Tab goes on, never back into the table's cells


def test_listings_f2_edits_the_cell_and_ctrl_e_opens_the_bulk_edit(qtbot, desk):
    page = listings_page(qtbot, desk)
    qtbot.waitExposed(page)
    active(qtbot, page)
    page.apply_filters()
    assert page.model.rowCount() > 1
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [0]
    press(qtbot, Qt.Key.Key_Right)  # from the pending mark to the SKU… to a cell one can edit
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    assert page.table.state() == QAbstractItemView.State.EditingState
    press(qtbot, Qt.Key.Key_Escape)
    assert page.table.state() != QAbstractItemView.State.EditingState
    press(qtbot, Qt.Key.Key_E, CTRL)
    dialogs = [d for d in page.findChildren(BulkEditDialog) if d.isVisible()]
    assert len(dialogs) == 1
    qtbot.addWidget(dialogs[0])
    dialogs[0].reject()


@pytest.fixture
def cart_env(qtbot, live_server, token_store, app_folders):
    from tests.support.cart import close_env, make_env

    env = make_env(qtbot, live_server, token_store, app_folders)
    yield env
    close_env(qtbot, env)


def test_the_checkout_shortcut_checks_out_the_cart_once_it_can(qtbot, cart_env):
    from tests.support.cart import shop_offers

    env = cart_env
    active(qtbot, env.page)
    _shop, offer = shop_offers(env, price="2.50", pack_units=10)
    env.cart().add(offer.id, offer.packaging_id, 4)
    env.page.reload()
    env.wait_quote(qtbot, lambda q: q.ok)
    env.page.quick_button.setFocus()
    press(qtbot, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert env.page.wizard is not None
    qtbot.waitUntil(env.page.wizard.isVisible, timeout=5000)
    env.page.wizard.reject()


def test_ctrl_shift_p_shows_the_pending_changes(qtbot):
    from PySide6.QtWidgets import QLabel

    from desktop.views.seller.seller_page import SellerPage

    page = SellerPage()
    qtbot.addWidget(page)
    for key in ("orders", "listings", "pending"):
        page.add_tab(key, QLabel(key), key.title())
    page.show_tab("orders")
    page.show()
    qtbot.waitExposed(page)
    active(qtbot, page)
    page.tabs.tabBar().setFocus()
    press(qtbot, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert page.current_key() == "pending"
