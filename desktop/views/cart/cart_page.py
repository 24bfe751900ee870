"""The Cart page: lines grouped per warehouse (= one seller order each) as the quote groups them, with
quantity editors, prices, the quote's issues inline with a one-click fix, each group's minimum order
value as a progress bar, the total in the display currency, quick order / CSV, and "Checkout…".

    page = CartPage(store, client, session, server_url=url, cache=cache, currency=lambda: "EUR",
                    checkout=partial(CheckoutWizard, details=details_store, guest_client=guest_clients))
    page.view_orders_requested.connect(lambda: window.show_page("orders"))
    page.sign_in_requested.connect(shell.sign_in)

The cart store commits every change before returning; the quote follows (cart_model.CartQuoter).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cart import Cart, CartLine, CartStore, Quote, QuoteIssue, QuoteLine, cart_to_csv
from desktop.views.locale.formatting import format_money
from desktop.views.window.file_dialogs import remember_folder, start_folder
from desktop.views.window.keyboard import install
from desktop.views.window.main_window import EmptyState

from .cart_model import CartQuoter
from .quote_view import CART_STYLE, LineRow, group_box, issue_text, orphans_box, quote_status, shows_lines

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from desktop.api_client import MarketplaceClient
    from desktop.models.catalog_cache import CatalogCache
    from desktop.views.shell.collaborators import AccountState

    from .quick_order_dialog import QuickOrderDialog

__all__ = ["CartPage", "CheckoutDialog", "CheckoutFactory"]

class CheckoutFactory(Protocol):
    """Makes the checkout dialog over the page (the checkout area's wizard, with its details store and
    guest clients, bound by the composition root: the cart area does not import the checkout area)."""

    def __call__(self, page: CartPage, *, resume: bool = False) -> CheckoutDialog: ...


class CheckoutDialog(Protocol):
    """What the page does with the checkout dialog (a QDialog)."""

    view_orders_requested: SignalInstance
    finished: SignalInstance

    def setAttribute(self, attribute: Qt.WidgetAttribute, on: bool = True) -> None: ...

    def open(self) -> None: ...

    def raise_(self) -> None: ...


class CartPage(QWidget):
    #: the user asked to sign in / create an account (the shell opens its dialogs)
    sign_in_requested = Signal()
    create_account_requested = Signal()
    #: "View orders" on the confirmation: the shell shows the Orders page
    view_orders_requested = Signal()
    #: a quote (server or local) was shown: tests wait on it
    quote_shown = Signal(object)
    #: a short message for the status bar
    status_message = Signal(str)

    def __init__(
        self,
        store: CartStore,
        client: MarketplaceClient,
        session: AccountState,
        *,
        server_url: str,
        cache: CatalogCache | None = None,
        currency: Callable[[], str] = lambda: "EUR",
        online: Callable[[], bool] = lambda: True,
        checkout: CheckoutFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cartPage")
        # ``checkout(page, resume=...)`` makes the checkout dialog (see CheckoutFactory)
        self._checkout = checkout
        self.setStyleSheet(CART_STYLE)
        self.store = store
        self.client = client
        self.session = session
        self.server_url = server_url
        self.cache = cache
        self.currency = currency
        self._online = online
        self.quoter = CartQuoter(client, cache, currency=currency, online=self.is_online, parent=self)
        self.quoter.quote_changed.connect(self._show_quote)
        self.quoter.busy_changed.connect(self._busy)
        self.wizard: CheckoutDialog | None = None
        self.rows: dict[tuple[int, int], LineRow] = {}
        self.group_boxes: dict[int, QGroupBox] = {}
        self._account: str | None = None
        self._build()
        session.changed.connect(self._session_changed)
        self._session_changed()

    # -- state -------------------------------------------------------------------------------------
    def account(self) -> str | None:
        """The cart's account key: the signed-in account's email; None = the guest cart (the same rule as
        the shell's ``current_cart``, which the catalog and orders pages add lines through)."""
        return self.session.email if self.session.signed_in else None

    def cart(self) -> Cart:
        return self.store.cart(self.server_url, self.account())

    def is_online(self) -> bool:
        return bool(self._online())

    def set_online(self, online: bool) -> None:
        """Back online: check the cart with the server again."""
        if online:
            self.quoter.refresh()

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Cart"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.status_label = QLabel()
        self.status_label.setObjectName("cartStatus")
        self.quick_button = QPushButton(self.tr("&Quick order…"))
        self.quick_button.setToolTip(self.tr("Paste or import SKU and quantity rows"))
        self.quick_button.clicked.connect(self.open_quick_order)
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.clear_button = QPushButton(self.tr("E&mpty the cart"))
        self.clear_button.clicked.connect(self.clear_cart)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.quick_button)
        top.addWidget(self.export_button)
        top.addWidget(self.clear_button)

        self.pending_frame = QFrame()
        self.pending_frame.setObjectName("pendingCheckout")
        pending = QHBoxLayout(self.pending_frame)
        self.pending_label = QLabel(self.tr("An order was being submitted — check and finish it."))
        self.pending_label.setWordWrap(True)
        self.resume_button = QPushButton(self.tr("Check and finish"))
        self.resume_button.clicked.connect(self.resume_checkout)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.clicked.connect(self.discard_pending)
        pending.addWidget(self.pending_label, 1)
        pending.addWidget(self.resume_button)
        pending.addWidget(self.discard_button)
        self.pending_frame.hide()

        self.empty = EmptyState(
            "cart", self.tr("Your cart is empty"),
            self.tr("Add lots from the catalog, or paste SKUs and quantities with Quick order. "
                    "The cart is kept on this computer."),
        )
        self.groups_widget = QWidget()
        self.groups_layout = QVBoxLayout(self.groups_widget)
        self.groups_layout.setContentsMargins(0, 0, 6, 0)
        self.groups_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.groups_widget)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.scroll)

        self.orphans_label = QLabel()
        self.orphans_label.setObjectName("cartIssue")
        self.orphans_label.setWordWrap(True)
        self.total_label = QLabel()
        self.total_label.setObjectName("cartTotal")
        self.total_note = QLabel()
        self.total_note.setObjectName("cartIssueNote")
        self.total_note.setWordWrap(True)
        self.checkout_button = QPushButton(self.tr("Chec&kout…"))
        self.checkout_button.setObjectName("checkoutButton")
        self.checkout_button.setDefault(True)
        self.checkout_button.clicked.connect(self.open_checkout)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_note, 1)
        bottom.addWidget(self.total_label)
        bottom.addSpacing(12)
        bottom.addWidget(self.checkout_button)
        self.footer = QWidget()
        self.footer.setLayout(bottom)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pending_frame)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.orphans_label)
        layout.addWidget(self.footer)
        install(self, "checkout", self._checkout_key, context=Qt.ShortcutContext.WindowShortcut)

    def _checkout_key(self) -> None:
        """The checkout shortcut: as the Checkout button, when it can be pressed."""
        if self.checkout_button.isVisible() and self.checkout_button.isEnabled():
            self.checkout_button.click()

    def regions(self) -> list[QWidget | tuple[QWidget, ...]]:
        """The page's regions for F6: the actions on top, the lines, the total and Checkout."""
        return [(self.quick_button, self.export_button, self.clear_button, self.pending_frame), self.groups_widget,
                self.footer]

    # -- reloading ---------------------------------------------------------------------------------
    def _session_changed(self) -> None:
        account = self.account()
        if account is not None and self.session.signed_in:
            guest = self.store.cart(self.server_url, None)
            if len(guest):
                self.store.merge_guest_cart(self.server_url, account)  # nothing of the guest cart is lost
        if account != self._account or self.session.signed_in:
            self._account = account
            self.reload()

    def reload(self, *, immediately: bool = False) -> None:
        """Read the cart store again (after any change) and re-check the cart."""
        cart = self.cart()
        lines = cart.lines()
        self.pending_frame.setVisible(cart.pending_checkout() is not None and self.wizard is None)
        self.stack.setCurrentWidget(self.scroll if lines else self.empty)
        for w in (self.export_button, self.clear_button):
            w.setEnabled(bool(lines))
        self.footer.setVisible(bool(lines))
        self.quoter.set_lines(lines, immediately=immediately)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._reload_if_changed)

    def _reload_if_changed(self) -> None:
        """Lines added elsewhere (the catalog) show when the page is shown again."""
        if not self.isVisible():
            return
        if not shows_lines(self.quoter.quote, self.cart().lines()):
            self.reload()

    # -- editing -----------------------------------------------------------------------------------
    def set_quantity(self, offer_id: int, packaging_id: int, quantity: int) -> None:
        with contextlib.suppress(KeyError):  # the line was removed meanwhile
            self.cart().set_quantity(offer_id, packaging_id, quantity)
        self.reload()

    def remove_line(self, offer_id: int, packaging_id: int) -> None:
        self.cart().remove(offer_id, packaging_id)
        self.reload()

    def apply_fix(self, offer_id: int, packaging_id: int, quantity: int) -> None:
        """A one-click fix: the quantity that resolves the issue, or 0 to remove the line."""
        if quantity <= 0:
            self.remove_line(offer_id, packaging_id)
        else:
            self.set_quantity(offer_id, packaging_id, quantity)

    def clear_cart(self) -> None:
        answer = QMessageBox.question(self, self.tr("Empty the cart"),
                                      self.tr("Remove every line from the cart?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.cart().clear()
            self.reload()

    def add_lines(self, lines: list[CartLine]) -> int:
        cart = self.cart()
        added = 0
        for line in lines:
            try:
                cart.add(line.offer_id, line.packaging_id, line.quantity)
                added += 1
            except ValueError:
                continue
        self.reload()
        return added

    # -- showing the quote -------------------------------------------------------------------------
    def packaging_label(self, line: QuoteLine) -> str:
        offer = self.quoter.offers([line.offer_id]).get(line.offer_id) if self.cache is not None else None
        for packaging in (offer or {}).get("packagings") or ():
            if int(packaging["id"]) == line.packaging_id:
                return str(packaging.get("label") or "")
        if line.units and line.quantity:
            return self.tr("Pack of %1").replace("%1", QLocale().toString(line.units // line.quantity))
        return ""

    def stock_units(self, offer_id: int) -> int | None:
        """The offer's stock as last synced (None: not in the catalog cache)."""
        offer = self.quoter.offers([offer_id]).get(offer_id) if self.cache is not None else None
        return None if offer is None else int(offer.get("stock_units") or 0)

    def issue_text(self, issue: QuoteIssue) -> str:
        return issue_text(issue)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status_label.setText(self.tr("Checking prices and stock…"))

    def _show_quote(self, quote: Quote) -> None:
        focus = self.focusWidget()
        focused_key = next((k for k, r in self.rows.items() if r.spin is focus), None)
        # clear the old groups
        while self.groups_layout.count() > 1:
            item = self.groups_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows.clear()
        self.group_boxes.clear()
        for group in quote.groups:
            box = group_box(self, group, self.rows)
            self.group_boxes[group.warehouse_id] = box
            self.groups_layout.insertWidget(self.groups_layout.count() - 1, box)
        self._show_orphans(list(quote.issues))  # lines whose offer vanished belong to no group
        self.total_label.setText(self.tr("Total %1").replace("%1", format_money(quote.total)))
        status, note = quote_status(quote, online=self.is_online(), synced_at=self.quoter.synced_at)
        self.status_label.setText(status)
        self.total_note.setText(note)
        self.checkout_button.setEnabled(bool(quote.groups) and quote.ok)
        self.checkout_button.setToolTip("" if quote.ok else self.tr("Fix the issues above first."))
        if focused_key in self.rows:
            self.rows[focused_key].spin.setFocus()
        self.quote_shown.emit(quote)

    def _show_orphans(self, issues: list[QuoteIssue]) -> None:
        self.orphan_buttons: list[QPushButton] = []
        self.orphans_label.hide()
        if issues:
            box, self.orphan_buttons = orphans_box(issues, self.remove_line)
            self.groups_layout.insertWidget(self.groups_layout.count() - 1, box)

    # -- quick order and CSV -----------------------------------------------------------------------
    def open_quick_order(self) -> QuickOrderDialog:
        from .quick_order_dialog import QuickOrderDialog

        dialog = QuickOrderDialog(self.cache, self.client, self.add_lines, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_csv(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the cart"), start_folder("csv", "cart.csv"),
                                                  self.tr("CSV files (*.csv)"))
            if not path:
                return None
            remember_folder("csv", path)
        lines = self.cart().lines()
        offers = self.quoter.offers([ln.offer_id for ln in lines])
        quote = self.quoter.quote
        for group in quote.groups if quote else ():  # offers missing from the cache: the quote's SKUs
            for ln in group.lines:
                offers.setdefault(ln.offer_id, {"id": ln.offer_id, "sku": ln.sku, "packagings": [
                    {"id": ln.packaging_id, "label": self.packaging_label(ln), "units": 1}]})
        Path(path).write_text(cart_to_csv(lines, offers), encoding="utf-8")
        self.status_message.emit(self.tr("Cart exported to %1").replace("%1", path))
        return path

    # -- checkout ----------------------------------------------------------------------------------
    def open_checkout(self, *, resume: bool = False) -> CheckoutDialog:
        if self.wizard is not None:
            self.wizard.raise_()
            return self.wizard
        if self._checkout is None:
            raise RuntimeError("this cart page was made without a checkout")
        wizard = self._checkout(self, resume=resume)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.finished.connect(self._wizard_closed)
        wizard.view_orders_requested.connect(self.view_orders_requested)
        self.wizard = wizard
        self.pending_frame.hide()
        wizard.open()
        return wizard

    def resume_checkout(self) -> CheckoutDialog:
        return self.open_checkout(resume=True)

    def discard_pending(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Discard the order being submitted"),
            self.tr("If the order reached the marketplace, it exists anyway: check the Orders page. "
                    "Discard the pending submission?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.cart().clear_pending_checkout()
            self.reload()

    def _wizard_closed(self, *_: object) -> None:
        self.wizard = None
        self.reload(immediately=True)
