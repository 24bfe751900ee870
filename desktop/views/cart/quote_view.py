"""How the Cart page shows a quote: one box per warehouse (= one seller order) with a row per line
(quantity editor, prices, its issues with a one-click fix, the next volume price with what is missing to
reach it), the minimum order value as a progress bar;
the lines whose offer vanished in a box of their own. The texts keep the "CartPage" context.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cart import MAX_QUANTITY, CartLine, Quote, QuoteGroup, QuoteIssue, QuoteLine
from desktop.models.price_tiers import packagings_to_reach
from desktop.views.locale.counts import counts
from desktop.views.locale.formatting import format_money, html_text

__all__ = ["CART_STYLE", "LineActions", "LineRow", "fix_quantity", "fix_text", "group_box", "issue_text", "orphans_box",
           "quote_status", "shows_lines"]


# the page's style sheet for these widgets (and its own: the total, the pending checkout, the status)
CART_STYLE = """
#cartIssue { color: #b3261e; }
#cartIssueNote { color: palette(placeholder-text); }
#cartTotal { font-size: 16px; font-weight: 600; }
#cartLineTotal { font-weight: 600; }
#cartShortfall { color: #8a5300; }
#cartTierHint { color: #1f6f3f; }
#pendingCheckout { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; }
#cartStatus { color: palette(placeholder-text); }
"""


class LineActions(Protocol):
    """What a line's widgets do on the page (desktop/views/cart/cart_page.CartPage)."""

    def packaging_label(self, line: QuoteLine) -> str: ...

    def stock_units(self, offer_id: int) -> int | None: ...

    def set_quantity(self, offer_id: int, packaging_id: int, quantity: int) -> None: ...

    def remove_line(self, offer_id: int, packaging_id: int) -> None: ...

    def apply_fix(self, offer_id: int, packaging_id: int, quantity: int) -> None: ...


def issue_text(issue: QuoteIssue) -> str:
    if issue.code == "below_moq" and issue.moq_units:
        return counts().below_moq(issue.moq_units)
    if issue.code == "insufficient_stock" and issue.available_units is not None:
        return counts().only_available(issue.available_units)
    if issue.code == "out_of_stock":
        return QCoreApplication.translate("CartPage", "Out of stock.")
    if issue.code == "offer_not_found":
        return QCoreApplication.translate("CartPage", "This offer is no longer available.")
    if issue.code == "unknown_packaging":
        return QCoreApplication.translate("CartPage", "This packaging is no longer offered.")
    if issue.code == "price_changed" and issue.expected_unit_price and issue.unit_price:
        return QCoreApplication.translate("CartPage", "The price changed from %1 to %2 per unit.").replace(
            "%1", format_money(issue.expected_unit_price)).replace("%2", format_money(issue.unit_price))
    return issue.message or issue.code


def fix_text(issue: QuoteIssue, quantity: int, line: QuoteLine) -> str:
    if quantity <= 0:
        return QCoreApplication.translate("CartPage", "Remove")
    units = quantity * (line.units // line.quantity if line.units and line.quantity else 1)
    if issue.code == "below_moq":
        return counts().raise_to(units)
    return counts().lower_to(units)


def fix_quantity(issue: QuoteIssue, line: QuoteLine, other_units: int) -> int | None:
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


class LineRow:
    """The widgets of one line in a group's grid."""

    def __init__(self, page: LineActions, grid: QGridLayout, row: int, line: QuoteLine,
                 group_lines: tuple[QuoteLine, ...]) -> None:
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
        self.spin.setAccessibleDescription(f"{name}, {packaging.text()}")  # which line's quantity
        self.spin.valueChanged.connect(
            lambda value: page.set_quantity(line.offer_id, line.packaging_id, value))
        unit = self.unit_label = QLabel(format_money(line.unit_price))
        unit.setObjectName("cartUnitPrice")
        if line.tier_min_units is not None:  # a volume price applies to this offer's lines
            unit.setText(f"{format_money(line.unit_price)}<br><span style='color:gray'>"
                         f"{html_text(counts().volume_price_from(line.tier_min_units))}</span>")
        unit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        units_text = counts().units(line.units) if line.units is not None else ""
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
        # the grid rows the line takes: its own, its issues', the next volume price's hint
        self.row_count = 1 + len(line.issues)
        self.tier_hint: QLabel | None = None
        self.tier_button: QPushButton | None = None
        if self._tier_row(page, grid, row + self.row_count):
            self.row_count += 1

    def _tier_row(self, page: LineActions, grid: QGridLayout, row: int) -> bool:
        """"Add 3 × Carton of 12 to reach €2.60 per unit" and a button adding them; False: no row (no
        next volume price, or one beyond the stock)."""
        line, upcoming = self.line, self.line.next_tier
        if upcoming is None or not line.units or not line.quantity:
            return False
        pack = max(1, line.units // line.quantity)
        packs = packagings_to_reach(upcoming.min_units, upcoming.units_missing, pack, page.stock_units(line.offer_id))
        if not packs:  # beyond the stock (as last synced)
            return False
        box = QHBoxLayout()
        packaging = page.packaging_label(line)
        self.tier_hint = QLabel(counts().next_tier_hint(packs, packaging, pack, format_money(upcoming.unit_price)))
        self.tier_hint.setObjectName("cartTierHint")
        self.tier_hint.setWordWrap(True)
        box.addWidget(self.tier_hint, 1)
        if line.quantity + packs <= MAX_QUANTITY:
            self.tier_button = QPushButton(QCoreApplication.translate("CartPage", "Add"))
            self.tier_button.setObjectName(f"tier-{line.offer_id}-{line.packaging_id}")
            self.tier_button.setAccessibleName(self.tier_hint.text())
            quantity = line.quantity + packs
            self.tier_button.clicked.connect(lambda: page.set_quantity(line.offer_id, line.packaging_id, quantity))
            box.addWidget(self.tier_button)
        holder = QWidget()
        holder.setLayout(box)
        box.setContentsMargins(0, 0, 0, 6)
        grid.addWidget(holder, row, 0, 1, 6)
        return True

    def _issue_row(self, page: LineActions, grid: QGridLayout, row: int, issue: QuoteIssue, other_units: int) -> None:
        box = QHBoxLayout()
        label = QLabel("⚠ " + issue_text(issue))
        label.setObjectName("cartIssue")
        label.setWordWrap(True)
        box.addWidget(label, 1)
        quantity = fix_quantity(issue, self.line, other_units)
        if quantity is not None:
            button = QPushButton(fix_text(issue, quantity, self.line))
            button.setObjectName(f"fix-{issue.code}-{self.line.offer_id}-{self.line.packaging_id}")
            offer_id, packaging_id = self.line.offer_id, self.line.packaging_id
            button.clicked.connect(lambda: page.apply_fix(offer_id, packaging_id, quantity))
            box.addWidget(button)
            self.fix_buttons.append(button)
        holder = QWidget()
        holder.setLayout(box)
        box.setContentsMargins(0, 0, 0, 6)
        grid.addWidget(holder, row, 0, 1, 6)


def group_box(page: LineActions, group: QuoteGroup, rows: dict[tuple[int, int], LineRow]) -> QGroupBox:
    """A warehouse's box: its lines (their rows go into ``rows``), the minimum order, the subtotal."""
    place = ", ".join(filter(None, (group.warehouse_city, group.warehouse_country)))
    title = QCoreApplication.translate("CartPage", "%1 — ships from %2").replace(
        "%1", group.seller_name).replace("%2", place)
    box = QGroupBox(title)
    box.setObjectName(f"group-{group.warehouse_id}")
    layout = QVBoxLayout(box)
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setColumnStretch(0, 1)
    for col, text in enumerate((QCoreApplication.translate("CartPage", "Item"),
                                QCoreApplication.translate("CartPage", "Packaging"),
                                QCoreApplication.translate("CartPage", "Quantity"),
                                QCoreApplication.translate("CartPage", "Unit price"),
                                QCoreApplication.translate("CartPage", "Line total"))):
        header = QLabel(text)
        header.setStyleSheet("color: gray;")
        if col >= 3:
            header.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(header, 0, col)
    row = 1
    for line in group.lines:
        line_row = rows[(line.offer_id, line.packaging_id)] = LineRow(page, grid, row, line, group.lines)
        row += line_row.row_count
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
            text = QCoreApplication.translate("CartPage", "Add %1 from this warehouse (minimum order %2)").replace(
                "%1", format_money(shortfall)).replace("%2", format_money(minimum))
        else:
            text = QCoreApplication.translate("CartPage", "Minimum order %1 reached").replace(
                "%1", format_money(minimum))
        note = QLabel(text)
        note.setObjectName("cartShortfall" if shortfall is not None else "cartIssueNote")
        note.setWordWrap(True)
        foot.addWidget(bar)
        foot.addWidget(note, 1)
    else:
        foot.addStretch(1)
    subtotal = QLabel(QCoreApplication.translate("CartPage", "Subtotal %1").replace(
        "%1", format_money(group.subtotal)))
    subtotal.setObjectName("cartLineTotal")
    foot.addWidget(subtotal)
    layout.addLayout(foot)
    return box


def orphans_box(issues: list[QuoteIssue], remove: Callable[[int, int], None]) -> tuple[QGroupBox, list[QPushButton]]:
    """The lines whose offer (or packaging) vanished, each with its "Remove" button."""
    box = QGroupBox(QCoreApplication.translate("CartPage", "No longer available"))
    grid = QVBoxLayout(box)
    buttons: list[QPushButton] = []
    for issue in issues:
        row = QHBoxLayout()
        label = QLabel("⚠ " + issue_text(issue) + f"  (#{issue.offer_id})")
        label.setObjectName("cartIssue")
        row.addWidget(label, 1)
        button = QPushButton(QCoreApplication.translate("CartPage", "Remove"))
        button.setObjectName(f"fix-{issue.code}-{issue.offer_id}-{issue.packaging_id}")
        offer_id, packaging_id = issue.offer_id, issue.packaging_id
        button.clicked.connect(lambda _=False, o=offer_id, p=packaging_id: remove(o, p))
        row.addWidget(button)
        grid.addLayout(row)
        buttons.append(button)
    return box, buttons


def quote_status(quote: Quote, *, online: bool, synced_at: Callable[[], datetime | None]) -> tuple[str, str]:
    """The status line above the groups and the note by the total: checked by the server just now, on
    its way, or (offline) checked locally against the catalog as of its last sync."""
    excluding = QCoreApplication.translate("CartPage", "Excluding shipping, chosen per seller at checkout.")
    if quote.local and online:
        # online: either nothing to check (an empty cart) or the server's answer is on its way
        checking = QCoreApplication.translate("CartPage", "Checking prices and stock…")
        return (checking if quote.groups or quote.issues else ""), excluding
    if quote.local:
        synced = synced_at()
        when = (QLocale().toString(synced.astimezone(), QLocale.FormatType.ShortFormat)
                if isinstance(synced, datetime) else QCoreApplication.translate("CartPage", "never"))
        return (QCoreApplication.translate("CartPage", "Offline — stock as of %1").replace("%1", when),
                QCoreApplication.translate("CartPage", "Shipping is chosen at checkout. Prices and stock are "
                                                       "checked again when you are online."))
    return QCoreApplication.translate("CartPage", "Prices and stock checked just now"), excluding


def shows_lines(quote: Quote | None, lines: list[CartLine]) -> bool:
    """Whether ``quote`` is of exactly these cart lines (offer, packaging, quantity); a line whose offer
    vanished shows as an issue of the quote, whatever its quantity."""
    if quote is None:
        return False
    shown = {(ln.offer_id, ln.packaging_id, ln.quantity) for g in quote.groups for ln in g.lines}
    shown |= {(i.offer_id, i.packaging_id, None) for i in quote.issues}
    current = {(ln.offer_id, ln.packaging_id, ln.quantity) for ln in lines}
    vanished = {(o, p) for o, p, q in shown if q is None}
    return {c for c in current if (c[0], c[1]) not in vanished} == {s for s in shown if s[2] is not None} \
        and len(lines) == len(shown)
