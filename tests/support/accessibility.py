"""What a screen reader would find wrong in a widget tree (issue 30): read through Qt's own accessibility
interfaces (what Qt's AT-SPI bridge serves), so a finding here is a finding for Orca too.

``findings(root)`` lists, for the visible widgets under ``root``:
- a focusable control with no accessible name: its ``QAccessible`` name is empty, a line edit named only
  by its placeholder, a combo box named only by its current value (on Linux Qt names a combo box by its
  value and gives the label as a ``Label`` relation: so a combo box needs a buddy label or an
  ``accessibleName``), an item view with neither;
- a ``QLabel`` next to an input (the row's label in a form, the widget before it in a box or grid) that
  is not that input's buddy, unless the input has a name of its own (the label is then a unit: "units:");
- an item view with several columns whose column headers are hidden (not exposed);
- an image (a ``QLabel`` showing a pixmap) with no name or description.

``tab_traps(root)`` lists the item views with ``tabKeyNavigation`` on (Tab moves from cell to cell and
never leaves the table: WCAG 2.1.2).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

__all__ = ["describe", "findings", "spoken_name", "tab_traps"]

INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit, QAbstractItemView)


def describe(widget: QWidget) -> str:
    """A widget as a finding names it: its class, object name and a parent's, and what it shows."""
    parts = [type(widget).__name__]
    if widget.objectName():
        parts.append(f"#{widget.objectName()}")
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName():
        parent = parent.parentWidget()
    if parent is not None:
        parts.append(f"in #{parent.objectName()}")
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        parts.append(f"placeholder {widget.placeholderText()!r}")
    elif isinstance(widget, QComboBox):
        parts.append(f"value {widget.currentText()!r}")
    elif isinstance(widget, QLabel | QAbstractButton):
        parts.append(repr(widget.text()[:40]))
    return " ".join(parts)


def _labels(widget: QWidget) -> list[str]:
    """The texts of the labels Qt relates to ``widget`` (its buddies: the ``Label`` relation)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return []
    return [other.text(QAccessible.Text.Name) for other, relation in interface.relations()
            if relation & QAccessible.RelationFlag.Label and other is not None]


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget`` (empty when it has none of its own)."""
    if widget.accessibleName().strip() and not isinstance(widget, QComboBox):
        return widget.accessibleName().strip()
    labels = [text for text in _labels(widget) if text.strip()]
    if labels:
        return labels[0].strip()
    if isinstance(widget, QComboBox | QLineEdit | QAbstractSpinBox | QAbstractItemView | QTextEdit
                  | QPlainTextEdit):
        return ""  # its value, placeholder or contents: not a name
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget is root or widget.isVisibleTo(root)


def _focusable(widget: QWidget) -> bool:
    if isinstance(widget, QTabBar):
        return False  # its tabs are named by their texts; the bar itself is not a control
    if widget.focusProxy() is not None:
        return False  # the proxy is the control
    if widget.parentWidget() is not None and isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
        return False  # a spin box's or combo box's own line edit: the box is the control
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isEnabled()


def _neighbours(layout: QLayout) -> list[tuple[QWidget, QWidget]]:
    """(label-side widget, widget after it) pairs of ``layout`` and its sub-layouts."""
    pairs: list[tuple[QWidget, QWidget]] = []
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and field and label.widget() and field.widget():
                pairs.append((label.widget(), field.widget()))
    elif isinstance(layout, QGridLayout):
        cells = {}
        for i in range(layout.count()):
            row, column, _rs, _cs = layout.getItemPosition(i)
            cells[(row, column)] = layout.itemAt(i).widget()
        for (row, column), widget in cells.items():
            after = cells.get((row, column + 1))
            if widget is not None and after is not None:
                pairs.append((widget, after))
    elif isinstance(layout, QBoxLayout) and layout.direction() in (QBoxLayout.Direction.LeftToRight,
                                                                   QBoxLayout.Direction.RightToLeft):
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        pairs += [(a, b) for a, b in pairwise(widgets) if a is not None and b is not None]
    for i in range(layout.count()):
        child = layout.itemAt(i).layout()
        if child is not None:
            pairs += _neighbours(child)
    return pairs


def _named_itself(widget: QWidget) -> bool:
    """An input given its own name (``setAccessibleName``): a label beside it is not its label (a unit,
    a dash). Not a combo box: on Linux it is named by its label relation only."""
    return bool(widget.accessibleName().strip()) and not isinstance(widget, QComboBox)


def findings(root: QWidget) -> list[str]:
    found: list[str] = []
    widgets = [w for w in [root, *root.findChildren(QWidget)] if _shown(w, root)]
    for widget in widgets:
        if isinstance(widget, (QAbstractButton, *INPUTS)) and _focusable(widget) and not spoken_name(widget):
            found.append(f"no accessible name: {describe(widget)}")
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            header = widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            if widget.model().columnCount() > 1 and header.isHidden():
                found.append(f"column headers not exposed: {describe(widget)}")
        if (isinstance(widget, QLabel) and widget.pixmap() is not None and not widget.pixmap().isNull()
                and not (widget.accessibleName().strip() or widget.accessibleDescription().strip())):
            found.append(f"image without a description: {describe(widget)}")
        layout = widget.layout()
        if layout is not None:
            for label, after in _neighbours(layout):
                if (isinstance(label, QLabel) and any(c.isalnum() for c in label.text())
                        and isinstance(after, INPUTS) and _shown(label, root) and _shown(after, root)
                        and label.buddy() is not after and not _named_itself(after)):
                    found.append(f"label without its buddy: {describe(label)} next to {describe(after)}")
    return found


def tab_traps(root: QWidget) -> list[str]:
    return [f"tabKeyNavigation on: {describe(w)}" for w in root.findChildren(QAbstractItemView)
            if _shown(w, root) and w.tabKeyNavigation()]
