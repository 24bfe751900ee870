"""The questions inbox's table model: the seller's questions, unanswered first, newest first in each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.api_client.types import Question
from desktop.views.locale.formatting import format_short_date

__all__ = ["COLUMNS", "ID_ROLE", "QuestionsModel", "inbox_order"]

COLUMNS = ("status", "asked", "buyer", "offer", "sku", "message")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def inbox_order(questions: Iterable[Question]) -> list[Question]:
    """Unanswered first; newest first within each."""
    return sorted(questions, key=lambda q: (q.answer is not None, -q.created_at.timestamp(), -q.id))


class QuestionsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Question] = []
        self.pending: dict[int, str] = {}  # question id → an answer waiting in the outbox

    def set_pending(self, pending: dict[int, str]) -> None:
        self.pending = dict(pending)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(COLUMNS) - 1))

    def set_questions(self, questions: Iterable[Question]) -> None:
        self.beginResetModel()
        self._items = inbox_order(questions)
        self.endResetModel()

    def replace(self, question: Question) -> int:
        """Put the server's newer copy of a question in (it may move: answered ones go down); its row."""
        self.set_questions([question if q.id == question.id else q for q in self._items])
        return self.row_of(question.id)

    def question(self, row: int) -> Question | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def questions(self) -> list[Question]:
        return list(self._items)

    def row_of(self, question_id: int) -> int:
        return next((i for i, q in enumerate(self._items) if q.id == question_id), -1)

    def unanswered(self) -> int:
        """Questions still waiting for the seller (an answer queued in the outbox is the seller's done)."""
        return sum(q.answer is None and q.id not in self.pending for q in self._items)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return {
            "status": QCoreApplication.translate("QuestionsModel", "Status"),
            "asked": QCoreApplication.translate("QuestionsModel", "Asked"),
            "buyer": QCoreApplication.translate("QuestionsModel", "Buyer"),
            "offer": QCoreApplication.translate("QuestionsModel", "Offer"),
            "sku": QCoreApplication.translate("QuestionsModel", "SKU"),
            "message": QCoreApplication.translate("QuestionsModel", "Question"),
        }[COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        q = self.question(index.row())
        if q is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "status": QCoreApplication.translate("QuestionsModel", "Answered") if q.answer is not None
                else QCoreApplication.translate("QuestionsModel", "Pending") if q.id in self.pending
                else QCoreApplication.translate("QuestionsModel", "To answer"),
                "asked": format_short_date(q.created_at),
                "buyer": q.buyer_company or "",
                "offer": q.offer_title or "",
                "sku": q.offer_sku or "",
                "message": " ".join(q.message.split()),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in ("message", "offer"):
            return q.message if column == "message" else q.offer_title
        if role == Qt.ItemDataRole.FontRole and q.answer is None and q.id not in self.pending:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return q.id
        return None
