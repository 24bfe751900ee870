"""The Cart page: lines grouped per warehouse (= one seller order each) as the quote groups them, with
quantity editors, prices, the quote's issues inline with a one-click fix, each group's minimum order
value as a progress bar, the total in the display currency, quick order / CSV, and "Checkout…".

    page = CartPage(store, client, session, server_url=url, cache=cache, currency=lambda: "EUR")
    page.view_orders_requested.connect(lambda: window.show_page("orders"))
    page.sign_in_requested.connect(shell.sign_in)

The cart store commits every change before returning; the quote follows (cart_model.CartQuoter).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cart import MAX_QUANTITY, Cart, CartStore, Quote, QuoteGroup, QuoteIssue, QuoteLine, cart_to_csv

from ..formatting import format_money, html_text
from ..main_window import EmptyState
from .cart_model import CartQuoter

__all__ = ["CartPage"]

_STYLE = """
#cartIssue { color: #b3261e; }
#cartIssueNote { color: palette(placeholder-text); }
#cartTotal { font-size: 16px; font-weight: 600; }
#cartLineTotal { font-weight: 600; }
#cartShortfall { color: #8a5300; }
#pendingCheckout { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; }
#cartStatus { color: palette(placeholder-text); }
"""


def _fix_quantity(issue: QuoteIssue, line: QuoteLine, other_units: int) -> int | None:
    """The packagings that fix ``issue`` on ``line``; 0 = remove the line; None = no one-click fix."""
    if line.units is None or line.quantity <= 0:
        return 0 if issue.code == "unknown_packaging" else None
    pack = max(1, line.units // line.quantity)
    if issue.code == "below_moq" and issue.moq_units:
        return min(MAX_QUANTITY, max(1, math.ceil((issue.moq_units - other_units) / pack)))
    if issue.code == "insufficient_stock" and issue.available_units is not None:
        return max(0, (issue.available_units - other_units) // pack)
    if issue.code in ("out_of_stock", "offer_not_found"):
        return 0
    return None


class _LineRow:
    """The widgets of one line in a group's grid."""

    def __init__(self, page: CartPage, grid: QGridLayout, row: int, line: QuoteLine, group_lines: tuple) -> None:
        self.line = line
        name = line.title or QCoreApplication.translate("CartPage", "Offer %1").replace("%1", str(line.offer_id))
        title = QLabel(f"<b>{html_text(name)}</b><br><span style='color:gray'>{html_text(line.sku)}</span>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        title.setMinimumWidth(220)
        packaging = QLabel(page.packaging_label(line))
        packaging.setWordWrap(True)
        self.spin = QSpinBox()
        self.spin.setObjectName(f"qty-{line.offer_id}-{line.packaging_id}")
        self.spin.setRange(1, MAX_QUANTITY)
        self.spin.setValue(line.quantity)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccessibleName(QCoreApplication.translate("CartPage", "Quantity (packagings)"))
        self.spin.valueChanged.connect(
            lambda value: page.set_quantity(line.offer_id, line.packaging_id, value))
        unit = QLabel(format_money(line.unit_price))
        unit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        units_text = (QCoreApplication.translate("CartPage", "%1 units").replace("%1", QLocale().toString(line.units))
                      if line.units is not None else "")
        total = QLabel(f"{format_money(line.line_total)}<br><span style='color:gray'>{units_text}</span>")
        total.setObjectName("cartLineTotal")
        total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(QCoreApplication.translate("CartPage", "Remove this line"))
        remove.setAccessibleName(QCoreApplication.translate("CartPage", "Remove this line"))
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda: page.remove_line(line.offer_id, line.packaging_id))
        grid.addWidget(title, row, 0)
        grid.addWidget(packaging, row, 1)
        grid.addWidget(self.spin, row, 2)
        grid.addWidget(unit, row, 3)
        grid.addWidget(total, row, 4)
        grid.addWidget(remove, row, 5)
        self.fix_buttons: list[QPushButton] = []
        other_units = sum(
            (ln.units or 0) for ln in group_lines
            if ln.offer_id == line.offer_id and ln.packaging_id != line.packaging_id
        )
        for n, issue in enumerate(line.issues, start=1):
            self._issue_row(page, grid, row + n, issue, other_units)

    def _issue_row(self, page: CartPage, grid: QGridLayout, row: int, issue: QuoteIssue, other_units: int) -> None:
        box = QHBoxLayout()
        label = QLabel("⚠ " + page.issue_text(issue))
        label.setObjectName("cartIssue")
        label.setWordWrap(True)
        box.addWidget(label, 1)
        quantity = _fix_quantity(issue, self.line, other_units)
        if quantity is not None:
            button = QPushButton(page.fix_text(issue, quantity, self.line))
            button.setObjectName(f"fix-{issue.code}-{self.line.offer_id}-{self.line.packaging_id}")
            offer_id, packaging_id = self.line.offer_id, self.line.packaging_id
            button.clicked.connect(lambda: page.apply_fix(offer_id, packaging_id, quantity))
            box.addWidget(button)
            self.fix_buttons.append(button)
        holder = QWidget()
        holder.setLayout(box)
        box.setContentsMargins(0, 0, 0, 6)
        grid.addWidget(holder, row, 0, 1, 6)



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
        client: Any,
        session: Any,
        *,
        server_url: str,
        cache: Any = None,
        token_store: Any = None,
        details_path: Path | None = None,
        currency: Callable[[], str] = lambda: "EUR",
        online: Callable[[], bool] = lambda: True,
        checkout: Callable[..., Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cartPage")
        # ``checkout(page, resume=...)`` makes the checkout dialog (the checkout area's CheckoutWizard,
        # given by the composition root: the cart area does not import the checkout area)
        self._checkout = checkout
        self.setStyleSheet(_STYLE)
        self.store = store
        self.client = client
        self.session = session
        self.server_url = server_url
        self.cache = cache
        self.token_store = token_store
        self.details_path = details_path or store.path.with_name("checkout-details.json")
        self.currency = currency
        self._online = online
        self.quoter = CartQuoter(client, cache, currency=currency, online=self.is_online, parent=self)
        self.quoter.quote_changed.connect(self._show_quote)
        self.quoter.busy_changed.connect(self._busy)
        self.wizard: Any = None
        self.rows: dict[tuple[int, int], _LineRow] = {}
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
        self.quick_button = QPushButton(self.tr("Quick order…"))
        self.quick_button.setToolTip(self.tr("Paste or import SKU and quantity rows"))
        self.quick_button.clicked.connect(self.open_quick_order)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.clear_button = QPushButton(self.tr("Empty the cart"))
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
        self.checkout_button = QPushButton(self.tr("Checkout…"))
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
        lines = self.cart().lines()
        quote = self.quoter.quote
        shown = set()
        if quote is not None:
            shown = {(ln.offer_id, ln.packaging_id, ln.quantity) for g in quote.groups for ln in g.lines}
            shown |= {(i.offer_id, i.packaging_id, None) for i in quote.issues}
        current = {(ln.offer_id, ln.packaging_id, ln.quantity) for ln in lines}
        vanished = {(o, p) for o, p, q in shown if q is None}
        if quote is None or {c for c in current if (c[0], c[1]) not in vanished} != {
            s for s in shown if s[2] is not None
        } or len(lines) != len(shown):
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

    def add_lines(self, lines: list) -> int:
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

    def issue_text(self, issue: QuoteIssue) -> str:
        loc = QLocale()
        if issue.code == "below_moq" and issue.moq_units:
            return self.tr("Below the minimum order of %1 units.").replace("%1", loc.toString(issue.moq_units))
        if issue.code == "insufficient_stock" and issue.available_units is not None:
            return self.tr("Only %1 units are available.").replace("%1", loc.toString(issue.available_units))
        if issue.code == "out_of_stock":
            return self.tr("Out of stock.")
        if issue.code == "offer_not_found":
            return self.tr("This offer is no longer available.")
        if issue.code == "unknown_packaging":
            return self.tr("This packaging is no longer offered.")
        return issue.message or issue.code

    def fix_text(self, issue: QuoteIssue, quantity: int, line: QuoteLine) -> str:
        if quantity <= 0:
            return self.tr("Remove")
        units = quantity * (line.units // line.quantity if line.units and line.quantity else 1)
        if issue.code == "below_moq":
            return self.tr("Raise to %1 units").replace("%1", QLocale().toString(units))
        return self.tr("Lower to %1 units").replace("%1", QLocale().toString(units))

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
            box = self._group_box(group)
            self.group_boxes[group.warehouse_id] = box
            self.groups_layout.insertWidget(self.groups_layout.count() - 1, box)
        # lines whose offer vanished belong to no group
        orphans = []
        for issue in quote.issues:
            orphans.append(issue)
        self._show_orphans(orphans)
        self.total_label.setText(self.tr("Total %1").replace("%1", format_money(quote.total)))
        if quote.local and self.is_online():
            # online: either nothing to check (an empty cart) or the server's answer is on its way
            self.status_label.setText(self.tr("Checking prices and stock…") if quote.groups or quote.issues else "")
            self.total_note.setText(self.tr("Excluding shipping, chosen per seller at checkout."))
        elif quote.local:
            synced = self.quoter.synced_at()
            when = (QLocale().toString(synced.astimezone(), QLocale.FormatType.ShortFormat)
                    if isinstance(synced, datetime) else self.tr("never"))
            self.status_label.setText(self.tr("Offline — stock as of %1").replace("%1", when))
            self.total_note.setText(self.tr("Shipping is chosen at checkout. Prices and stock are checked "
                                            "again when you are online."))
        else:
            self.status_label.setText(self.tr("Prices and stock checked just now"))
            self.total_note.setText(self.tr("Excluding shipping, chosen per seller at checkout."))
        self.checkout_button.setEnabled(bool(quote.groups) and quote.ok)
        self.checkout_button.setToolTip("" if quote.ok else self.tr("Fix the issues above first."))
        if focused_key in self.rows:
            self.rows[focused_key].spin.setFocus()
        self.quote_shown.emit(quote)

    def _show_orphans(self, issues: list[QuoteIssue]) -> None:
        self.orphan_buttons: list[QPushButton] = []
        layout = self.groups_layout
        if not issues:
            self.orphans_label.hide()
            return
        box = QGroupBox(self.tr("No longer available"))
        grid = QVBoxLayout(box)
        for issue in issues:
            row = QHBoxLayout()
            label = QLabel("⚠ " + self.issue_text(issue) + f"  (#{issue.offer_id})")
            label.setObjectName("cartIssue")
            row.addWidget(label, 1)
            button = QPushButton(self.tr("Remove"))
            button.setObjectName(f"fix-{issue.code}-{issue.offer_id}-{issue.packaging_id}")
            offer_id, packaging_id = issue.offer_id, issue.packaging_id
            button.clicked.connect(lambda _=False, o=offer_id, p=packaging_id: self.remove_line(o, p))
            row.addWidget(button)
            grid.addLayout(row)
            self.orphan_buttons.append(button)
        layout.insertWidget(layout.count() - 1, box)
        self.orphans_label.hide()

    def _group_box(self, group: QuoteGroup) -> QGroupBox:
        place = ", ".join(filter(None, (group.warehouse_city, group.warehouse_country)))
        title = self.tr("%1 — ships from %2").replace("%1", group.seller_name).replace("%2", place)
        box = QGroupBox(title)
        box.setObjectName(f"group-{group.warehouse_id}")
        layout = QVBoxLayout(box)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(0, 1)
        for col, text in enumerate((self.tr("Item"), self.tr("Packaging"), self.tr("Quantity"),
                                    self.tr("Unit price"), self.tr("Line total"))):
            header = QLabel(text)
            header.setStyleSheet("color: gray;")
            if col >= 3:
                header.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(header, 0, col)
        row = 1
        for line in group.lines:
            self.rows[(line.offer_id, line.packaging_id)] = _LineRow(self, grid, row, line, group.lines)
            row += 1 + len(line.issues)
        layout.addLayout(grid)

        minimum = group.min_order_value
        foot = QHBoxLayout()
        if minimum is not None and minimum.amount > 0:
            bar = QProgressBar()
            bar.setObjectName("minOrderProgress")
            bar.setRange(0, 100)
            bar.setValue(min(100, int(group.subtotal.amount * 100 / minimum.amount)))
            bar.setTextVisible(False)
            bar.setMaximumHeight(8)
            bar.setMaximumWidth(220)
            shortfall = next((i.shortfall for i in group.issues if i.code == "below_min_order_value"), None)
            if shortfall is not None:
                text = self.tr("Add %1 from this warehouse (minimum order %2)").replace(
                    "%1", format_money(shortfall)).replace("%2", format_money(minimum))
            else:
                text = self.tr("Minimum order %1 reached").replace("%1", format_money(minimum))
            note = QLabel(text)
            note.setObjectName("cartShortfall" if shortfall is not None else "cartIssueNote")
            note.setWordWrap(True)
            foot.addWidget(bar)
            foot.addWidget(note, 1)
        else:
            foot.addStretch(1)
        subtotal = QLabel(self.tr("Subtotal %1").replace("%1", format_money(group.subtotal)))
        subtotal.setObjectName("cartLineTotal")
        foot.addWidget(subtotal)
        layout.addLayout(foot)
        return box

    # -- quick order and CSV -----------------------------------------------------------------------
    def open_quick_order(self) -> Any:
        from .quick_order_dialog import QuickOrderDialog

        dialog = QuickOrderDialog(self.cache, self.client, self.add_lines, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_csv(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the cart"), "cart.csv",
                                                  self.tr("CSV files (*.csv)"))
            if not path:
                return None
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
    def open_checkout(self, *, resume: bool = False) -> Any:
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

    def resume_checkout(self) -> Any:
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
