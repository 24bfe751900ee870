"""A new offer: the form, with the seller's warehouses (``GET /seller/warehouses``, off the GUI thread)
and the server's rules checked per field before it is queued; volume prices in rows (TiersEditor),
checked against the form's MOQ and price as they are typed.

A field's message shows once the seller has left the field (or tried to create the offer), never on
an empty form, and then follows the typing; each message has a line of its own reserved (elided, the
whole text in its tooltip), so nothing moves under the mouse as messages come and go (issue 29).

    dialog = NewOfferDialog(client, categories, parent)
    dialog.created.connect(lambda offer: runner.apply(NewOffer(offer)))   # the OfferCreate JSON
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.models.seller import rules
from desktop.models.seller.fields import patch_body, to_wire
from desktop.views.background.tasks import QueryOp

from .texts import collection_text, field_name, parse_typed, problem_text
from .tiers_editor import TiersEditor

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient

__all__ = ["NewOfferDialog"]

_FIELDS = ("sku", "title", "unit_price", "stock_units", "moq_units", "packagings", "collections")


class FieldError(QLabel):
    """A field's message on one line of its own, always there (empty when all is well), elided to the
    width it has; ``message()`` and the tooltip hold the whole text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message = ""
        self.setStyleSheet("color: #c53030")
        self.setFixedHeight(self.fontMetrics().height())
        self.setMinimumWidth(1)

    def message(self) -> str:
        return self._message

    def setText(self, text: str) -> None:
        self._message = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:  # the whole message (what the seller reads in the tooltip when elided)
        return self._message

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._message, Qt.TextElideMode.ElideRight, max(1, self.width()))
        super().setText(shown)


class NewOfferDialog(QDialog):
    #: the OfferCreate JSON, valid by the server's rules
    created = Signal(dict)

    def __init__(self, client: MarketplaceClient, categories: list[tuple[int, int | None, str]],
                 parent: QWidget | None = None,
                 warehouses: list[Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New offer"))
        self.client = client
        form = QFormLayout(self)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}
        #: the fields whose message shows: left once, or all after a try to create
        self.touched: set[str] = set()
        defaults = {"stock_units": "0", "moq_units": "1", "packagings": self.tr("unit:1")}
        for name in _FIELDS:
            edit = QLineEdit(defaults.get(name, ""))
            edit.textChanged.connect(self.validate)
            edit.editingFinished.connect(lambda name=name: self._touch(name))
            edit.installEventFilter(self)  # left without a change (editingFinished says nothing then)
            self.inputs[name] = edit
            error = FieldError()
            self.errors[name] = error
            form.addRow(field_name(name), edit)
            form.addRow("", error)
        self.tiers = TiersEditor(self)
        self.tiers.changed.connect(self.validate)
        self.errors["price_tiers"] = FieldError()
        form.insertRow(2 * _FIELDS.index("unit_price") + 2, field_name("price_tiers"), self.tiers)
        form.insertRow(2 * _FIELDS.index("unit_price") + 3, "", self.errors["price_tiers"])
        self.inputs["packagings"].setPlaceholderText(self.tr("unit:1|carton:12|pallet:600"))
        self.inputs["collections"].setPlaceholderText(", ".join(collection_text(c) for c in rules.COLLECTIONS))
        self.category = QComboBox()
        parents = {p for _i, p, _n in categories}
        for id_, _parent, name in sorted(categories, key=lambda c: c[2]):
            if id_ not in parents:
                self.category.addItem(name, id_)
        self.warehouse = QComboBox()
        self.warehouse.currentIndexChanged.connect(self.validate)
        self.category.currentIndexChanged.connect(self.validate)
        self.warehouse.setPlaceholderText(self.tr("Loading warehouses…"))
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(self.tr("&Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.op: QueryOp | None = None
        if warehouses is not None:
            self.set_warehouses(warehouses)
        elif client is not None:
            self.op = QueryOp(self, client.seller.warehouses, self.set_warehouses, self._warehouses_failed)
            self.op.run_in_background()
        self.validate()

    def set_warehouses(self, warehouses: list[Any]) -> None:
        self.warehouse.clear()
        for w in warehouses:
            self.warehouse.addItem(f"{w.code} — {w.city}, {w.country}", w.id)
        if warehouses:
            self.warehouse.setCurrentIndex(0)
        self.validate()

    def _warehouses_failed(self, exc: BaseException) -> None:
        self.warehouse.setPlaceholderText(self.tr("Warehouses unavailable offline"))

    def values(self) -> dict[str, Any] | None:
        """The offer as JSON, or None while a field breaks a rule (each field shows its message)."""
        values: dict[str, Any] = {}
        for name, edit in self.inputs.items():
            try:
                values[name] = to_wire(name, parse_typed(name, edit.text()))
                self.errors[name].setText("")
            except rules.RuleError as exc:
                self.errors[name].setText(problem_text(exc.problem) if name in self.touched else "")
                values[name] = None
        tiers = self._tiers(values)
        if tiers is None or any(v is None and n != "collections" for n, v in values.items()):
            return None
        if self.category.currentData() is None or self.warehouse.currentData() is None:
            return None
        body = patch_body(values)
        body["collections"] = values.get("collections") or []
        body["category_id"] = self.category.currentData()
        body["warehouse_id"] = self.warehouse.currentData()
        if tiers:  # none: not sent (OfferCreate.price_tiers None)
            body.update(patch_body({"price_tiers": tiers}))
        return body

    def _tiers(self, values: dict[str, Any]) -> list | None:
        """The volume prices (JSON form), checked against the MOQ and price when those are valid."""
        moq, price = values.get("moq_units"), values.get("unit_price")
        tiers, problem = self.tiers.read(moq, Decimal(price) if price is not None else None)
        self.errors["price_tiers"].setText(problem_text(problem) if problem else "")
        return tiers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            name = next((n for n, edit in self.inputs.items() if edit is watched), None)
            if name is not None and name not in self.touched:
                self._touch(name)
        return super().eventFilter(watched, event)

    def _touch(self, name: str) -> None:
        self.touched.add(name)
        self.validate()

    def validate(self) -> bool:
        ok = self.values() is not None
        self.create_button.setEnabled(ok)
        return ok

    def submit(self) -> None:
        self.touched.update(self.inputs)
        body = self.values()
        if body is None:
            return
        self.created.emit(body)
        self.accept()
