"""Pending changes: every outbox entry not yet settled (and the last ones sent), with its status —
waiting, sending, sent, conflict, refused with the server's message — and Retry, Discard, Resolve.

    view = PendingChangesView(runner, listings)    # runner: OutboxRunner
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller import DiscardEntries, Entry, ListingsStore, Resolution, RetryEntries, Status
from desktop.views.locale.formatting import format_datetime, format_int
from desktop.views.window import accessible
from desktop.views.window.keyboard import keyboard_view
from desktop.views.window.theme import status_colour

from ..order_display.orders_model import shipping_text
from .conflict_dialog import ConflictDialog
from .outbox_runner import OutboxRunner
from .texts import conflict_text, field_name, kind_text, status_text, value_text

__all__ = ["PendingChangesView"]

_COLOURS = {Status.CONFLICT: "error", Status.REFUSED: "error", Status.SENT: "success"}


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PendingChangesView(QWidget):
    def __init__(self, runner: OutboxRunner, listings: ListingsStore | None = None,
                 parent: QWidget | None = None, *, above: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.listings = listings
        self.entries: list[Entry] = []
        self.dialog: ConflictDialog | None = None
        self._problems: set[int] | None = None  # the entries needing a decision at the last reload
        self.summary = QLabel()
        self.table = keyboard_view(QTableWidget(0, 5))
        self.table.setAccessibleName(self.tr("Pending changes"))
        self.table.setHorizontalHeaderLabels([self.tr("Queued"), self.tr("Change"), self.tr("Offer / order"),
                                              self.tr("Status"), self.tr("Server's message")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((130, 360, 170, 110)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.resolve_selected())
        self.table.activated.connect(lambda _i: self.resolve_selected())  # Return, as a double click
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.discard_button = QPushButton(self.tr("&Discard"))
        self.resolve_button = QPushButton(self.tr("Resolve &conflict…"))
        self.send_button = QPushButton(self.tr("Send &now"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.send_button.clicked.connect(runner.kick)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.resolve_button, self.retry_button, self.discard_button, self.send_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        if above is not None:  # the changes kept for other marketplaces (kept_elsewhere.py)
            layout.addWidget(above)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        runner.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.entries = self.runner.entries()[::-1]  # newest first
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            message = entry.message or ""
            if entry.status == Status.CONFLICT:
                message = conflict_text((entry.detail or {}).get("fields"))
            elif entry.errors:
                message = "; ".join(f"{e.get('field')}: {e.get('message')}" for e in entry.errors) or message
            target = self._target(entry)
            cells = (format_datetime(entry.created_at), self._describe(entry), target, status_text(entry.status),
                     message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and entry.status in _COLOURS:
                    item.setForeground(QBrush(status_colour(_COLOURS[entry.status])))
                if column in (1, 4):
                    item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                self.table.setItem(row, column, item)
        open_ = [e for e in self.entries if e.status != Status.SENT]
        problems = sum(1 for e in open_ if e.status in (Status.CONFLICT, Status.REFUSED))
        if not self.entries:
            self.summary.setText(self.tr("Nothing pending: every change has reached the marketplace."))
        else:
            text = self.tr("%1 pending").replace("%1", format_int(len(open_)))
            if problems:
                text += " · " + self.tr("%1 need your decision").replace("%1", format_int(problems))
            if not self.runner.online:
                text += " · " + self.tr("offline: they go out when the marketplace answers")
            self.summary.setText(text)
        problem_ids = {e.id for e in open_ if e.status in (Status.CONFLICT, Status.REFUSED)}
        if self._problems is not None and problem_ids - self._problems:  # a refusal or conflict came
            accessible.announce(self.summary, self.summary.text(), assertive=True)
        self._problems = problem_ids
        self._update_buttons()

    def _describe(self, entry: Entry) -> str:
        if entry.kind == "offer_edit":
            fields = entry.payload.get("fields", {})
            parts = [f"{field_name(n)} → {_short(value_text(n, v))}" for n, v in fields.items()]
            if entry.payload.get("stock_delta"):
                parts.append(f"{field_name('stock_units')} {int(entry.payload['stock_delta']):+d}")
            return ", ".join(parts)
        if entry.kind == "offer_create":
            return f"{kind_text(entry.kind)}: {entry.payload.get('offer', {}).get('title', '')}"
        if entry.kind == "shipping":
            text = f"{kind_text(entry.kind)} → {shipping_text(entry.payload.get('status'))}"
            payload = entry.payload
            tracking = " ".join(str(v) for v in (payload.get("carrier"), payload.get("tracking_number")) if v)
            return f"{text} · {tracking}" if tracking else text
        if entry.kind == "cancel_order":
            reason = entry.payload.get("reason")
            return f"{kind_text(entry.kind)} · {_short(str(reason))}" if reason else kind_text(entry.kind)
        if entry.kind == "answer":
            return self.tr("Answer: %1").replace("%1", _short(" ".join(str(entry.payload.get("message", "")).split())))
        return entry.label or kind_text(entry.kind)

    def _target(self, entry: Entry) -> str:
        if entry.kind == "answer":
            return self.tr("Question %1").replace("%1", entry.target)
        return str(entry.base.get("sku") or entry.target)

    def selected(self) -> list[Entry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.entries[r] for r in rows if 0 <= r < len(self.entries)]

    def select_entry(self, entry_id: int) -> None:
        for row, entry in enumerate(self.entries):
            if entry.id == entry_id:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.retry_button.setEnabled(any(e.status in (Status.CONFLICT, Status.REFUSED) for e in chosen))
        self.discard_button.setEnabled(any(e.status not in (Status.SENDING, Status.SENT) for e in chosen))
        self.resolve_button.setEnabled(len(chosen) == 1 and chosen[0].status == Status.CONFLICT)

    def retry_selected(self) -> None:
        self.runner.apply(RetryEntries(self.selected()))

    def discard_selected(self) -> None:
        self.runner.apply(DiscardEntries(self.selected()))  # the target's later writes may go now

    def resolve_selected(self) -> ConflictDialog | None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].status != Status.CONFLICT:
            return None
        entry = chosen[0]
        self.dialog = ConflictDialog(entry, self)
        self.dialog.resolved.connect(lambda choices: self._resolved(entry, choices))
        self.dialog.open()
        return self.dialog

    def _resolved(self, entry: Entry, choices: dict) -> None:
        self.runner.apply(Resolution(entry, choices))
