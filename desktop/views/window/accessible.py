"""What a screen reader needs beyond what Qt gives by itself (issue 30).

- ``name(widget, text)``: an accessible name for a control with no visible label. A combo box needs more
  than ``setAccessibleName`` on Linux: Qt's AT-SPI bridge names a combo box by its current value and
  gives its label only as a ``Label`` relation (a buddy ``QLabel``), so the combo box also gets a hidden
  buddy label with the same text.
- ``announce(widget, text)``: a status change read out without moving the focus (a live region's
  equivalent): a ``QAccessibleAnnouncementEvent``, polite unless ``assertive``.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

__all__ = ["announce", "announced", "name"]

#: what was announced, newest last (the last 50): what a screen reader was told, for tests and logs
announced: list[tuple[str, bool]] = []


def name(widget: QWidget, text: str) -> None:
    widget.setAccessibleName(text)
    if isinstance(widget, QComboBox):
        label = widget.findChild(QLabel, "accessibleLabel")
        if label is None:
            label = QLabel(widget)
            label.setObjectName("accessibleLabel")
            label.hide()
            label.setBuddy(widget)
        label.setText(text)


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    if not text:
        return
    announced.append((text, assertive))
    del announced[:-50]
    if not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
