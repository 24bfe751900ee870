"""A keyboard user walks the whole application against the real reference server (demo data): every page
(the catalog with an offer open, the cart with a line, the orders with one open, the seller's tabs) and
every dialog reachable without changing anything. In each window: no item view keeps Tab to itself
(tabKeyNavigation off: Tab leaves, the arrows move inside), and no two visible controls (or two items of
one menu) share a mnemonic, the letter Alt goes to."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabBar,
    QWidget,
)

from desktop.models.seller.bulk import Target
from desktop.models.settings import SettingsStore
from desktop.views.background import tasks
from desktop.views.seller.bulk_edit_dialog import BulkEditDialog
from desktop.views.seller.offer_form import NewOfferDialog
from desktop.views.seller.tiers_editor import TiersDialog
from desktop.views.seller.tracking_upload import TrackingUploadDialog
from desktop.views.shell.shell import Shell
from tests.support.checkout import DETAILS_VALUES

BUYER, SELLER, PASSWORD = "buyer@demo.test", "seller@demo.test", "demo-password"


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` ("&&" is a literal ampersand), lower-cased; None without one."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _name(w: QWidget, text: str) -> str:
    return f"{type(w).__name__}({w.objectName() or text!r})"


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, where) for every mnemonic Alt reaches in ``root`` as shown now: its menu bar's titles,
    visible buttons, group boxes, tabs, and plain-text labels."""
    found: list[tuple[str, str]] = []

    def note(w: QWidget, text: str) -> None:
        letter = mnemonic(text)
        if letter:
            found.append((letter, _name(w, text)))

    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            if action.isVisible():
                note(root.menuBar(), action.text())
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.window() is not root:
            continue
        if isinstance(w, QAbstractButton):
            note(w, w.text())
        elif isinstance(w, QGroupBox):
            note(w, w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    note(w, w.tabText(i))
        elif isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.RichText and "<" not in w.text():
            note(w, w.text())
    return found


#: the windows where every button with a text has a mnemonic, but Qt's standard buttons (OK, Cancel, Close:
#: the platform theme gives them theirs, KDE's does): every window the walk looks at
EVERY_BUTTON = ("catalog", "cart", "orders-delivered", "orders-awaiting_preparation-dialog", "orders-delivered-dialog",
                "seller-listings", "sign-in", "create-account",
                "contact-seller", "quick-order", "checkout-details", "checkout-shipping", "checkout-payment",
                "checkout-review", "settings", "settings-seller", "seller-orders", "seller-order-to_ship",
                "seller-order-to_prepare", "seller-pending", "seller-questions", "seller-import", "seller-to_ship",
                "seller-to_prepare", "seller-bulk-edit", "seller-new-offer", "seller-volume-prices",
                "seller-tracking-upload", "signed-out", "orders-awaiting_preparation", "seller-profile", "shortcuts")


def standard(button: QAbstractButton) -> bool:
    """One of Qt's standard buttons of a QDialogButtonBox."""
    box = button.parent()
    return isinstance(box, QDialogButtonBox) and box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton


class Walk:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.views = 0
        self.windows = 0
        self.without: set[str] = set()  # buttons with a text and no mnemonic (printed, for the record)

    def look(self, where: str, root: QWidget) -> None:
        self.windows += 1
        for view in root.findChildren(QAbstractItemView):
            self.views += 1
            if view.tabKeyNavigation():
                self.problems.append(f"{where}: {type(view).__name__}({view.objectName()!r}) keeps Tab "
                                     f"(tabKeyNavigation on)")
        for b in root.findChildren(QAbstractButton):
            if (b.isVisibleTo(root) and re.search(r"[^\W\d]", b.text()) and not mnemonic(b.text())
                    and b.objectName() != "accountButton"):  # it shows who is signed in
                self.without.add(f"{where}: {b.text()!r}")
                # a count ("11 low on stock": the Stock filter's "Low stock" does the same from the keyboard)
                if where in EVERY_BUTTON and not b.text()[:1].isdigit() and not standard(b):
                    self.problems.append(f"{where}: {_name(b, b.text())} has no mnemonic")
        seen: dict[str, str] = {}
        for letter, name in mnemonics(root):
            if letter in seen:
                self.problems.append(f"{where}: Alt+{letter.upper()} is both {seen[letter]} and {name}")
            seen.setdefault(letter, name)
        menus = root.findChildren(QMenu) + ([root.menuBar()] if isinstance(root, QMainWindow) else [])
        for menu in menus:
            letters: dict[str, str] = {}
            for action in menu.actions():
                letter = mnemonic(action.text()) if action.isVisible() else None
                if letter and letter in letters:
                    self.problems.append(f"{where}: menu {menu.title()!r}: Alt+{letter.upper()} is both "
                                         f"{letters[letter]!r} and {action.text()!r}")
                if letter:
                    letters[letter] = action.text()


def _idle(qtbot) -> None:
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
    QApplication.processEvents()


def _dialog(qtbot, walk: Walk, where: str, dialog) -> None:
    assert dialog is not None, f"{where}: no dialog opened"
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    _idle(qtbot)
    walk.look(where, dialog)
    dialog.reject()


@pytest.fixture(params=["en", "fr"])
def app_shell(request, qtbot, live_server, app_folders, token_store, error_channel, tmp_path):
    store = SettingsStore(app_folders.config / "settings.json", tmp_path / "no-policy.json")
    if request.param == "fr":
        request.getfixturevalue("french")
        store.set("language", "fr")
    shell = Shell(live_server.url, paths=app_folders, settings=store, token_store=token_store,
                  channel=error_channel)
    qtbot.addWidget(shell.window)
    shell.window.resize(1280, 800)
    shell.start()
    qtbot.waitUntil(lambda: shell.is_ready and shell.catalog_page.model.rowCount() > 0
                    and not shell.sync_controller.running, timeout=45_000)
    yield shell
    shell.shutdown()


def test_no_window_traps_tab_or_shares_a_mnemonic(qtbot, app_shell, error_channel):
    shell, w = app_shell, app_shell.window
    walk = Walk()
    walk.look("signed-out", w)
    _dialog(qtbot, walk, "sign-in", shell.sign_in())
    _dialog(qtbot, walk, "create-account", shell.create_account())
    _dialog(qtbot, walk, "settings", shell.open_settings())
    _dialog(qtbot, walk, "shortcuts", w.show_shortcuts())

    shell.session.signed_in_with(shell.client.auth.login(BUYER, PASSWORD))
    catalog = shell.catalog_page
    assert w.show_page("catalog")
    qtbot.waitUntil(lambda: catalog.model.rowCount() > 0, timeout=30_000)
    catalog.table.selectRow(0)
    _idle(qtbot)
    walk.look("catalog", w)
    _dialog(qtbot, walk, "contact-seller", catalog.detail.contact_seller())
    seller_id = int(catalog.detail.offer["seller"]["id"])
    _dialog(qtbot, walk, "seller-profile", catalog.open_seller(seller_id))
    catalog.detail.add_to_cart()

    assert w.show_page("cart")
    quoter = shell.cart_page.quoter
    qtbot.waitUntil(lambda: quoter.quote is not None and not quoter.quote.local and not quoter.pending,
                    timeout=20_000)
    _idle(qtbot)
    walk.look("cart", w)
    _dialog(qtbot, walk, "quick-order", shell.cart_page.open_quick_order())
    wizard = shell.cart_page.open_checkout()
    qtbot.waitUntil(wizard.isVisible, timeout=5000)
    for name, value in DETAILS_VALUES.items():
        wizard.details.fields[name].setText(value)
    for step in ("details", "shipping", "payment", "review"):  # never submitted
        _idle(qtbot)
        walk.look(f"checkout-{step}", wizard)
        if step != "review":
            wizard.next()
    wizard.reject()

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
        walk.look(f"orders-{status}", w)
        _dialog(qtbot, walk, f"orders-{status}-dialog", request())

    shell.session.sign_out()
    _idle(qtbot)
    shell.session.signed_in_with(shell.client.auth.login(SELLER, PASSWORD))
    seller_settings = shell.open_settings()
    assert seller_settings.seller_box.isVisibleTo(seller_settings)  # the seller workspace box is walked too
    _dialog(qtbot, walk, "settings-seller", seller_settings)
    assert w.show_page("seller")
    seller = shell.seller_page
    qtbot.waitUntil(lambda: seller.fulfilment.model.rowCount() > 0, timeout=30_000)
    for index in range(seller.tabs.count()):
        seller.tabs.setCurrentIndex(index)
        _idle(qtbot)
        walk.look(f"seller-{seller.keys()[index]}", w)
    seller.tabs.setCurrentIndex(0)
    f = seller.fulfilment
    for preset, request in (("to_ship", lambda: f.request_ship()), ("to_prepare", f.request_cancel)):
        f.set_preset(preset)
        qtbot.waitUntil(lambda: f.model.rowCount() > 0, timeout=10_000)
        f.table.setFocus()
        qtbot.keyClick(f.table, Qt.Key.Key_Down)  # the keyboard opens the first order's summary
        assert f.selected_refs() == [f.model.row_at(0).ref]
        _idle(qtbot)
        walk.look(f"seller-order-{preset}", w)
        _dialog(qtbot, walk, f"seller-{preset}", request())

    targets = [Target(1, "SKU-1", {"unit_price": "10.00", "stock_units": 50, "collections": []}),
               Target(2, "SKU-2", {"unit_price": "4.00", "stock_units": 5, "collections": []})]
    bulk = BulkEditDialog(targets, w)
    bulk.open()
    bulk.value.setText("40")
    _dialog(qtbot, walk, "seller-bulk-edit", bulk)
    categories = [(c.id, c.parent_id, c.name) for c in shell.client.catalog.categories()]
    new_offer = NewOfferDialog(shell.client, categories, w)
    new_offer.open()
    new_offer.tiers.add_row(10, "9.50")
    _dialog(qtbot, walk, "seller-new-offer", new_offer)
    tiers = TiersDialog(1, "SKU-1", {"unit_price": "10.00", "moq_units": 5, "price_tiers": [[10, "9.50"]]}, w)
    tiers.open()
    _dialog(qtbot, walk, "seller-volume-prices", tiers)
    upload = TrackingUploadDialog(shell.client.seller, parent=w)
    upload.open()
    _dialog(qtbot, walk, "seller-tracking-upload", upload)

    assert error_channel.current_dialog() is None, error_channel.current_dialog().details_text()
    assert walk.windows >= 25 and walk.views >= 12, (walk.windows, walk.views)  # the walk saw them
    print("buttons without a mnemonic:", len(walk.without), *sorted(walk.without), sep="\n  ")
    assert not walk.problems, "\n".join(walk.problems)


def test_the_walk_notices_a_trap_and_a_shared_mnemonic(qtbot):
    from PySide6.QtWidgets import QTableView, QVBoxLayout

    root = QWidget()
    layout = QVBoxLayout(root)
    layout.addWidget(QTableView())  # Qt's default: tabKeyNavigation on
    for text in ("&Save", "&Send", "Clos&e", "Fish && &chips"):
        layout.addWidget(QPushButton(text))
    qtbot.addWidget(root)
    root.show()
    walk = Walk()
    walk.look("test", root)
    assert len(walk.problems) == 2, walk.problems
    assert "keeps Tab" in walk.problems[0] and "Alt+S" in walk.problems[1]
    assert mnemonic("Fish && &chips") == "c" and mnemonic("R&&D") is None


def test_one_key_per_page_in_the_whole_window(qtbot, app_shell):
    """Ctrl+F is the catalog's search on the catalog and the orders' on the orders page, F5 their refresh
    and the catalog's sync elsewhere (one window, no ambiguous key); F6 goes round the orders' regions."""
    shell, w = app_shell, app_shell.window
    shell.session.signed_in_with(shell.client.auth.login(BUYER, PASSWORD))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    w.nav.setFocus()
    qtbot.keyClick(w.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is shell.catalog_page.search_edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    orders = shell.orders_page
    assert w.current_page_key() == "orders"
    qtbot.waitUntil(lambda: orders.model.rowCount() > 0, timeout=30_000)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is orders.search_edit
    _idle(qtbot)  # no sync of either running
    with qtbot.waitSignal(orders.synced, timeout=20_000):  # F5 on the orders page: their refresh (not an
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)  # ambiguous key that runs nothing)
    assert not shell.sync_controller.running
    orders.table.selectRow(0)
    qtbot.waitUntil(lambda: orders.detail.current is not None, timeout=10_000)
    w.nav.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen[0] is orders.search_edit and seen[1] is orders.table
    assert orders.detail.isAncestorOf(seen[2]) and seen[3] is w.nav
    assert w.show_page("catalog")
    with qtbot.waitSignal(shell.sync_controller.started, timeout=5000):  # elsewhere F5 syncs the catalog
        qtbot.keyClick(w.nav, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not shell.sync_controller.running, timeout=30_000)
