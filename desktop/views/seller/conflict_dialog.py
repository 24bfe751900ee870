"""A conflicting edit, per field: the value it started from, mine, the server's, when it changed; the
seller keeps mine, takes theirs or edits, per field or for all. Nothing is decided without them, and
nothing the server would refuse: an MOQ, a price or volume prices that do not fit together as chosen.

    dialog = ConflictDialog(entry, parent)
    dialog.resolved.connect(lambda choices: runner.apply(Resolution(entry, choices)))   # models.seller.conflicts
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller import Entry, rules
from desktop.models.seller.conflicts import MINE, THEIRS, conflict_fields
from desktop.models.seller.fields import FieldValue, offer_fields, to_wire
from desktop.views.locale.formatting import format_datetime
from desktop.views.window.keyboard import keyboard_view

from .texts import edit_text, field_name, parse_typed, problem_text, value_text

__all__ = ["ConflictDialog"]

_COLUMNS = 6
EDIT = "edit"


class ConflictDialog(QDialog):
    #: {field: MINE | THEIRS | ("edit", JSON value)}
    resolved = Signal(dict)

    def __init__(self, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.fields = conflict_fields(entry)
        sku = entry.base.get("sku") or entry.target
        self.setWindowTitle(self.tr("Conflict: %1").replace("%1", str(sku)))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Offer %1 changed on the marketplace after you edited it. Choose, for each "
                               "field, which value to keep.").replace("%1", str(sku)), wordWrap=True)
        layout.addWidget(intro)
        self.table = keyboard_view(QTableWidget(len(self.fields), _COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Started from"), self.tr("Mine"),
                                              self.tr("Theirs"), self.tr("Changed"), self.tr("Keep")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.choices: dict[str, QComboBox] = {}
        self.editors: dict[str, QLineEdit] = {}
        # the values the seller types (Edit…), under the table, each labelled with its field
        self.edit_form = QFormLayout()
        self.edit_labels: dict[str, QLabel] = {}
        for row, item in enumerate(self.fields):
            name = item.name
            cells = (field_name(name), value_text(name, item.base), self._mine_text(item.mine, name),
                     value_text(name, item.theirs), format_datetime(item.changed_at) if item.changed_at else "")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.clashes and column in (2, 3):
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
            combo = QComboBox()
            combo.addItem(self.tr("Keep mine"), MINE)
            combo.addItem(self.tr("Take theirs"), THEIRS)
            combo.addItem(self.tr("Edit…"), EDIT)
            combo.currentIndexChanged.connect(self._validate)
            self.choices[name] = combo
            self.table.setCellWidget(row, 5, combo)
            editor = QLineEdit(edit_text(name, item.mine) if not isinstance(item.mine, str) or name != "stock_units"
                               else "")
            editor.setPlaceholderText(field_name(name))
            editor.textChanged.connect(self._validate)
            self.editors[name] = editor
            label = QLabel(self.tr("%1, your value:").replace("%1", field_name(name)))
            label.setBuddy(editor)
            self.edit_labels[name] = label
            self.edit_form.addRow(label, editor)
            self.edit_form.setRowVisible(editor, False)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.edit_form)
        self.all_mine = QPushButton(self.tr("Keep mine for all"))
        self.all_theirs = QPushButton(self.tr("Take theirs for all"))
        self.all_mine.clicked.connect(lambda: self._all(MINE))
        self.all_theirs.clicked.connect(lambda: self._all(THEIRS))
        self.problem = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.all_mine, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.all_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = self.buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(820, 140 + 32 * max(2, len(self.fields)))

    @staticmethod
    def _mine_text(value: FieldValue, name: str) -> str:
        return str(value) if name == "stock_units" and isinstance(value, str) else value_text(name, value)

    def _all(self, choice: str) -> None:
        for combo in self.choices.values():
            combo.setCurrentIndex(combo.findData(choice))

    def set_choice(self, name: str, choice: str, text: str | None = None) -> None:
        combo = self.choices[name]
        combo.setCurrentIndex(combo.findData(choice))
        if text is not None:
            self.editors[name].setText(text)

    def _validate(self) -> dict[str, Any] | None:
        result: dict[str, Any] = {}
        problem = None
        for name, combo in self.choices.items():
            choice = combo.currentData()
            editor = self.editors[name]
            self.edit_form.setRowVisible(editor, choice == EDIT)
            if choice == EDIT:
                try:
                    result[name] = (EDIT, to_wire(name, parse_typed(name, editor.text())))
                except rules.RuleError as exc:
                    problem = f"{field_name(name)}: {problem_text(exc.problem)}"
            else:
                result[name] = choice
        if problem is None:  # the offer as the choices leave it: the MOQ, the price and the tiers together
            problem = self._tiers_problem(result)
        self.problem.setText(problem or "")
        self.apply_button.setEnabled(problem is None)
        return None if problem else result

    def _tiers_problem(self, result: dict[str, Any]) -> str | None:
        current = (self.entry.detail or {}).get("current")
        if not current:
            return None
        mine = {item.name: item.mine for item in self.fields}
        chosen = {name: (choice[1] if isinstance(choice, tuple) else mine[name])
                  for name, choice in result.items() if choice != THEIRS and name != "stock_units"}
        problems = rules.check_after(offer_fields(current), chosen)
        return next((f"{field_name(n)}: {problem_text(p)}" for n, p in problems.items()), None)

    def apply(self) -> None:
        choices = self._validate()
        if choices is None:
            return
        self.resolved.emit(choices)
        self.accept()
