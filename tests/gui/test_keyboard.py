"""Keyboard use (issue 30): no trap in the tables, Down selects the first row, Return searches and opens,
F6 cycles the regions, the shortcuts do their jobs and the Help window lists them. Keys are sent to the
widget that has the focus, as a keyboard would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QPushButton, QTableView, QVBoxLayout

from desktop.views.window.keyboard import SHORTCUTS, keyboard_view
from tests.gui.catalog_support import synced_ui_fixture, ui_fixture  # noqa: F401 - fixtures

NO_MOD = Qt.KeyboardModifier.NoModifier


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=NO_MOD) -> None:
    """A key to whatever has the focus (as the keyboard sends it)."""
    target = focused()
    assert target is not None, "nothing has the focus"
    qtbot.keyClick(target, key, modifier)


def active(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


# -- the table helper on its own -----------------------------------------------------------------------
@pytest.fixture
def table_in_dialog(qtbot):
    dialog = QDialog()
    table = keyboard_view(QTableView())
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setModel(QStringListModel(["one", "two", "three"], dialog))
    default = QPushButton("OK")
    default.setDefault(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(default)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    active(qtbot, dialog)
    return dialog, table, default


def test_a_plain_qt_table_traps_tab_and_the_helper_frees_it(qtbot, table_in_dialog):
    assert QTableView().tabKeyNavigation()  # Qt's default: the trap the helper exists for
    _dialog, table, default = table_in_dialog
    assert not table.tabKeyNavigation()
    table.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is default
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is table


def test_down_on_no_selection_selects_the_first_row(qtbot, table_in_dialog):
    _dialog, table, _default = table_in_dialog
    table.setFocus()
    assert not table.selectionModel().hasSelection()
    press(qtbot, Qt.Key.Key_Down)
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    press(qtbot, Qt.Key.Key_Down)  # then the arrows move as ever
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]
    table.model().setStringList(["a", "b"])  # a fresh fill: nothing current, nothing selected
    assert not table.selectionModel().hasSelection()
    press(qtbot, Qt.Key.Key_Up)
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]


def test_return_on_a_row_activates_it_and_not_the_default_button(qtbot, table_in_dialog):
    dialog, table, default = table_in_dialog
    clicked = []
    default.clicked.connect(lambda: clicked.append(True))
    table.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(table.activated, timeout=1000) as blocker:
        press(qtbot, Qt.Key.Key_Return)
    assert isinstance(blocker.args[0], QModelIndex) and blocker.args[0].row() == 0
    assert clicked == [] and dialog.isVisible()


# -- the catalog -----------------------------------------------------------------------------------------
def test_tab_leaves_the_offer_table_for_add_to_cart_and_shift_tab_comes_back(qtbot, synced_ui):
    page = synced_ui.page
    active(qtbot, synced_ui.window)
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert page.detail.offer_id == page.model.offer_id(0)
    tabs = 0
    while focused() is not page.detail.add_button:
        press(qtbot, Qt.Key.Key_Tab)
        tabs += 1
        assert tabs <= 12, f"Tab went {tabs} times without reaching Add to cart (now on {focused()!r})"
        assert focused() is page.table or not page.table.isAncestorOf(focused())
    assert tabs >= 1
    for _ in range(tabs):
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is page.table


def test_the_sellers_link_in_the_detail_opens_from_the_keyboard(qtbot, synced_ui):
    page = synced_ui.page
    active(qtbot, synced_ui.window)
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    for _ in range(12):  # Tab from the table reaches the "Sold by" link
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is page.detail.seller_label:
            break
    assert focused() is page.detail.seller_label
    press(qtbot, Qt.Key.Key_Tab)  # Qt's way: the next Tab goes to the label's (first) link
    assert focused() is page.detail.seller_label and page.detail.seller_label.selectedText()
    with qtbot.waitSignal(page.detail.seller_requested, timeout=2000) as blocker:
        press(qtbot, Qt.Key.Key_Return)
    assert blocker.args == [int(page.detail.offer["seller"]["id"])]
    qtbot.waitUntil(lambda: page.seller_dialog is not None and page.seller_dialog.isVisible(), timeout=5000)
    page.seller_dialog.close()


def test_down_in_a_freshly_filled_table_selects_the_first_row_and_the_detail_follows(qtbot, synced_ui):
    page = synced_ui.page
    active(qtbot, synced_ui.window)
    page.table.setFocus()
    with qtbot.waitSignal(page.results_changed, timeout=10_000):
        page.tabs.setCurrentIndex(2)  # a new search fills the table again
    assert page.model.rowCount() > 1 and not page.table.selectionModel().hasSelection()
    press(qtbot, Qt.Key.Key_Down)
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [0]
    assert page.detail.offer_id == page.model.offer_id(0)
    press(qtbot, Qt.Key.Key_Down)
    assert page.detail.offer_id == page.model.offer_id(1)


def test_return_in_the_search_runs_it_and_goes_to_the_results(qtbot, synced_ui):
    page = synced_ui.page
    active(qtbot, synced_ui.window)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: the search box
    assert focused() is page.search_edit
    word = page.cache.offer(page.model.offer_id(0))["title"].split()[0]
    qtbot.keyClicks(page.search_edit, word)
    with qtbot.waitSignal(page.results_changed, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    assert page.search_edit.text() == word and page.model.rowCount() >= 1
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Down)
    assert page.detail.offer_id == page.model.offer_id(0)
    press(qtbot, Qt.Key.Key_Return)  # Return on the row opens it: the quantity, to type one
    assert focused() is page.detail.quantity_spin


def test_the_quantity_and_add_to_cart_shortcuts_order_with_the_quantity(qtbot, synced_ui):
    page = synced_ui.page
    active(qtbot, synced_ui.window)
    page.table.setFocus()
    for row in range(page.model.rowCount()):  # an offer whose first packaging can be bought three times
        page.table.selectRow(row)
        if (page.detail.offer or {}).get("stock_units", 0) >= 3 * int(page.detail.current_packaging()["units"]):
            break
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is page.detail.quantity_spin
    qtbot.keyClicks(page.detail.quantity_spin, "3")
    with qtbot.waitSignal(page.detail.added_to_cart, timeout=2000):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    lines = synced_ui.cart().lines()
    assert [(line.offer_id, line.quantity) for line in lines] == [(page.detail.offer_id, 3)]


def test_f6_cycles_the_regions_and_shift_f6_goes_back(qtbot, synced_ui):
    page, window = synced_ui.page, synced_ui.window
    active(qtbot, window)
    page.table.selectRow(0)  # an offer in the detail (with none, the detail has nothing to focus: skipped)
    window.nav.setFocus()
    seen = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_F6)
        seen.append(focused())
    assert seen[0] is page.search_edit  # the filters: the search box first
    assert seen[1] is page.table  # the results
    assert page.detail.isAncestorOf(seen[2])  # the detail
    assert seen[3] is window.nav  # round again
    press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert page.detail.isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F6 as F6
    assert focused() is window.nav


def test_the_shortcuts_window_lists_every_installed_shortcut(qtbot, synced_ui):
    window = synced_ui.window
    active(qtbot, window)
    press(qtbot, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    listed = {k for keys in dialog.keys_listed() for k in keys.split(", ")}
    native = QKeySequence.SequenceFormat.NativeText
    installed = {s.key().toString(native) for s in window.findChildren(QShortcut)}
    installed |= {seq.toString(native) for a in window.findChildren(QAction) for seq in a.shortcuts()}
    installed.discard("")
    assert {"F6", "Ctrl+F", "Ctrl+Return", "Ctrl+1", "F5", "F1"} <= installed  # the walk saw them
    assert installed <= listed, f"installed but not listed: {sorted(installed - listed)}"
    assert len(dialog.keys_listed()) == len(SHORTCUTS) + len(window.page_actions)
    assert not dialog.table.tabKeyNavigation()
    dialog.reject()


def test_the_shortcuts_window_speaks_french(qtbot, french, synced_ui):
    dialog = synced_ui.window.show_shortcuts()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.windowTitle() == "Raccourcis clavier"
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert rows[0] == ["F6, Ctrl+F6", "Partout", "Aller à la zone suivante : navigation, filtres, résultats, détail"]
    assert rows[-1] == ["Ctrl+2", "Aller à", "Aller à : Cart"]  # the page's title, as the window has it
    assert all(where and what for _keys, where, what in rows)
    dialog.reject()
