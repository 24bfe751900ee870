"""The Orders page's filters: the search box, the payment and shipping status menus, the date preset
and range, the sort, and the chips that show (and clear) what is filtered.

    bar = OrderFilterBar()
    bar.changed.connect(page.apply_filters)   # any filter changed (typing: after a short pause)
    cache.search(bar.query())

Setting several filters at once (:meth:`OrderFilterBar.set_filters`) emits ``changed`` once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget

from desktop.models.orders_cache import PAYMENT_STATUSES, SHIPPING_STATUSES, OrderQuery

from ..order_display.orders_model import payment_text, shipping_text
from ..window import accessible

__all__ = ["NO_DATE", "SEARCH_DELAY_MS", "OrderFilterBar"]

SEARCH_DELAY_MS = 250
NO_DATE = QDate(2000, 1, 1)  # the QDateEdit minimum, shown as "—": no bound


class _Filters(TypedDict, total=False):
    payment_status: tuple[str, ...] | None
    shipping_status: tuple[str, ...] | None
    created_from: date | None
    created_to: date | None
    q: str | None


class OrderFilterBar(QWidget):
    """The filter row; :attr:`chips_box` is placed by the page (next to the count)."""

    #: a filter (or the sort) changed: search again
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort = "-created_at"
        self._batch = False
        self._setting_dates = False
        self.chips: dict[str, QToolButton] = {}

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("ordersSearch")
        self.search_edit.setPlaceholderText(self.tr("Search orders: reference, seller, SKU, title…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._emit)
        self.search_edit.textChanged.connect(lambda _t: self.search_timer.start())
        self.search_edit.returnPressed.connect(self._emit)

        self.payment_button, self.payment_actions = self._status_menu(
            self.tr("&Payment"), PAYMENT_STATUSES, payment_text)
        self.shipping_button, self.shipping_actions = self._status_menu(
            self.tr("&Shipping"), SHIPPING_STATUSES, shipping_text)

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("datePreset")
        for key, text in (("any", self.tr("Any date")), ("7", self.tr("Last 7 days")),
                          ("30", self.tr("Last 30 days")), ("90", self.tr("Last 90 days")),
                          ("year", self.tr("This year")), ("custom", self.tr("Custom dates"))):
            self.preset_combo.addItem(text, key)
        self.preset_combo.activated.connect(self.preset_chosen)
        accessible.name(self.preset_combo, self.tr("Date"))
        self.from_edit = _date_edit()
        self.to_edit = _date_edit()
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.search_edit, 3)
        row.addWidget(self.payment_button)
        row.addWidget(self.shipping_button)
        row.addWidget(self.preset_combo)
        self.from_label = QLabel(self.tr("From"))
        self.to_label = QLabel(self.tr("to"))
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        row.addWidget(self.from_label)
        row.addWidget(self.from_edit)
        row.addWidget(self.to_label)
        row.addWidget(self.to_edit)

        self.chips_box = QWidget()
        self.chips_layout = QHBoxLayout(self.chips_box)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(4)

    # -- widgets -------------------------------------------------------------------------------------
    def _status_menu(self, title: str, statuses: tuple[str, ...],
                     text: Callable[[str], str]) -> tuple[QToolButton, dict[str, QAction]]:
        button = QToolButton()
        button.setText(title)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(button)
        actions: dict[str, QAction] = {}
        for status in statuses:
            action = menu.addAction(text(status))
            action.setCheckable(True)
            action.setData(status)
            action.toggled.connect(lambda _on: self._emit())
            actions[status] = action
        button.setMenu(menu)
        button.setProperty("baseTitle", title)
        return button, actions

    # -- the filters ---------------------------------------------------------------------------------
    @property
    def batching(self) -> bool:
        """Inside :meth:`set_filters`: ``changed`` comes once, at its end."""
        return self._batch

    def _emit(self) -> None:
        if not self._batch:
            self.changed.emit()

    def query(self) -> OrderQuery:
        return OrderQuery(
            payment_status=tuple(s for s, a in self.payment_actions.items() if a.isChecked()),
            shipping_status=tuple(s for s, a in self.shipping_actions.items() if a.isChecked()),
            created_from=_date_or_none(self.from_edit.date()),
            created_to=_date_or_none(self.to_edit.date()),
            q=self.search_edit.text().strip() or None,
            sort=self.sort,  # type: ignore[arg-type]
        )

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self._emit()

    def set_filters(self, *, payment_status: tuple[str, ...] | None = None,
                    shipping_status: tuple[str, ...] | None = None, created_from: date | None = None,
                    created_to: date | None = None, q: str | None = None, sort: str | None = None,
                    preset: str | None = None) -> None:
        """Set every filter at once (None = none); ``changed`` once."""
        self._batch = True
        try:
            for actions, chosen in ((self.payment_actions, payment_status or ()),
                                    (self.shipping_actions, shipping_status or ())):
                for status, action in actions.items():
                    action.setChecked(status in chosen)
            if preset is not None:
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))
                self.preset_chosen()
            else:
                self.from_edit.setDate(_qdate(created_from))
                self.to_edit.setDate(_qdate(created_to))
            self.search_edit.setText(q or "")
            self.search_timer.stop()
            if sort is not None:
                self.sort = sort
        finally:
            self._batch = False
        self.changed.emit()

    def clear_filters(self) -> None:
        self.set_filters(preset="any")

    def preset_chosen(self, *_: object) -> None:
        key = self.preset_combo.currentData()
        today = datetime.now(UTC).date()
        start: date | None
        if key == "any":
            start, end = None, None
        elif key == "year":
            start, end = date(today.year, 1, 1), None
        elif key in ("7", "30", "90"):
            start, end = today - timedelta(days=int(key) - 1), None
        else:
            return
        self._setting_dates = True
        try:
            self.from_edit.setDate(_qdate(start))
            self.to_edit.setDate(_qdate(end))
        finally:
            self._setting_dates = False
        self._emit()

    def _dates_edited(self, *_: object) -> None:
        if self._setting_dates:
            return
        if not self._batch:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(
                "any" if self.from_edit.date() == NO_DATE and self.to_edit.date() == NO_DATE else "custom"))
        self._emit()

    # -- chips ---------------------------------------------------------------------------------------
    def update_chips(self) -> None:
        """One chip per active filter (a click clears it), and "Clear all"; the menus' counts."""
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        query = self.query()
        self.chips = {}
        if query.payment_status:
            self._chip("payment", self.tr("Payment: %1").replace(
                "%1", ", ".join(payment_text(s) for s in query.payment_status)), self._clear_payment)
        if query.shipping_status:
            self._chip("shipping", self.tr("Shipping: %1").replace(
                "%1", ", ".join(shipping_text(s) for s in query.shipping_status)), self._clear_shipping)
        if query.created_from or query.created_to:
            text = self.preset_combo.currentText() if self.preset_combo.currentData() not in ("custom", "any") \
                else self.tr("%1 – %2").replace("%1", query.created_from.isoformat() if query.created_from else "…") \
                .replace("%2", query.created_to.isoformat() if query.created_to else "…")
            self._chip("dates", self.tr("Date: %1").replace("%1", text), self._clear_dates)
        if query.q:
            self._chip("search", self.tr("Search: “%1”").replace("%1", query.q), self._clear_search)
        if self.chips:
            self._chip("all", self.tr("Clear all"), self.clear_filters)
        self.chips_layout.addStretch(1)
        for button, actions in ((self.payment_button, self.payment_actions),
                                (self.shipping_button, self.shipping_actions)):
            n = sum(a.isChecked() for a in actions.values())
            base = button.property("baseTitle")
            button.setText(f"{base} ({n})" if n else base)

    def _chip(self, key: str, text: str, clear: Callable[[], None]) -> None:
        chip = QToolButton()
        chip.setObjectName("filterChip")
        chip.setText(text + (" ✕" if key != "all" else ""))
        chip.setToolTip(self.tr("Clear this filter") if key != "all" else self.tr("Clear every filter"))
        chip.setAutoRaise(key == "all")
        chip.clicked.connect(lambda: clear())
        self.chips[key] = chip
        self.chips_layout.addWidget(chip)

    def _clear_search(self) -> None:
        self.search_edit.clear()
        self._emit()

    def _clear_payment(self) -> None:
        self.set_filters(**{**self._current(), "payment_status": None})

    def _clear_shipping(self) -> None:
        self.set_filters(**{**self._current(), "shipping_status": None})

    def _clear_dates(self) -> None:
        self.set_filters(**{**self._current(), "created_from": None, "created_to": None}, preset="any")

    def _current(self) -> _Filters:
        q = self.query()
        return {"payment_status": q.payment_status, "shipping_status": q.shipping_status,
                "created_from": q.created_from, "created_to": q.created_to, "q": q.q}


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _date_or_none(value: QDate) -> date | None:
    return None if value == NO_DATE or not value.isValid() else date(value.year(), value.month(), value.day())


def _qdate(value: date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)
