"""The accessibility checks of the walk (tests/support/accessibility.py) catch what they exist for, and
the helpers of desktop/views/window/accessible.py give what a screen reader reads (issue 30)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtGui import QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from desktop.views.window import accessible
from desktop.views.window.status import StatusBar
from tests.support.accessibility import findings, spoken_name, tab_traps


def _page(qtbot) -> QWidget:
    page = QWidget()
    page.setObjectName("page")
    qtbot.addWidget(page)
    return page


def test_each_kind_of_finding_is_caught(qtbot):
    page = _page(qtbot)
    form = QFormLayout(page)
    search = QLineEdit(placeholderText="Search offers")  # named by its placeholder only
    sort = QComboBox()
    sort.addItems(["Relevance", "Price"])
    sort.setAccessibleName("Sort by")  # on Linux a combo box is named by its value: not enough
    spin = QSpinBox()
    row = QHBoxLayout()
    row.addWidget(QLabel("Quantity"))  # a label beside the spin box, not its buddy
    row.addWidget(spin)
    table = QTableView()
    model = QStandardItemModel(2, 3, table)
    table.setModel(model)
    table.horizontalHeader().hide()
    picture = QLabel()
    picture.setPixmap(QPixmap(8, 8))
    icon_button = QPushButton()
    for widget in (search, sort, table, picture, icon_button):
        form.addRow(widget)
    form.addRow(row)
    page.show()
    found = "\n".join(findings(page))
    for expected in ("no accessible name: QLineEdit in #page placeholder 'Search offers'",
                     "no accessible name: QComboBox in #page value 'Relevance'",
                     "no accessible name: QSpinBox", "no accessible name: QTableView",
                     "no accessible name: QPushButton",
                     "label without its buddy: QLabel in #page 'Quantity' next to QSpinBox",
                     "column headers not exposed: QTableView", "image without a description: QLabel"):
        assert expected in found, found
    assert len(found.splitlines()) == 8, found
    assert tab_traps(page) == ["tabKeyNavigation on: QTableView in #page"]


def test_named_controls_pass_and_a_combo_box_gets_its_label_relation(qtbot):
    page = _page(qtbot)
    form = QFormLayout(page)
    search = QLineEdit(placeholderText="Search offers")
    search.setAccessibleName("Search")
    sort = QComboBox()
    sort.addItems(["Relevance"])
    accessible.name(sort, "Sort by")
    quantity = QSpinBox()
    form.addRow("&Quantity", quantity)  # a form's text label is the field's buddy
    table = QTableView()
    table.setModel(QStandardItemModel(2, 3, table))
    table.setAccessibleName("Offers")
    table.setTabKeyNavigation(False)
    picture = QLabel()
    picture.setPixmap(QPixmap(8, 8))
    picture.setAccessibleName("Picture of a pallet")
    for widget in (search, sort, table, picture, QPushButton("Add to cart")):
        form.addRow(widget)
    page.show()
    assert findings(page) == []
    assert tab_traps(page) == []
    assert spoken_name(sort) == "Sort by" and spoken_name(quantity) == "Quantity"
    accessible.name(sort, "Order by")  # named again: the same hidden label, its new text
    assert spoken_name(sort) == "Order by"
    assert len(sort.findChildren(QLabel, "accessibleLabel")) == 1


def test_the_status_bar_announces_going_offline_and_a_finished_sync_not_its_first_state(qtbot):
    status = StatusBar()
    qtbot.addWidget(status)
    accessible.announced.clear()
    status.set_last_sync(datetime(2026, 1, 2, 9, 30, tzinfo=UTC))  # read from the cache at start
    assert accessible.announced == []
    status.set_online(False)
    assert accessible.announced == [("Offline", True)]  # assertive: the user's next action may fail
    assert spoken_name(status.online_icon) == "Offline"  # the icon is not the only sign
    status.set_online(True)
    status.set_last_sync(datetime(2026, 1, 2, 9, 45, tzinfo=UTC))
    assert accessible.announced[1] == ("Online", False)
    assert accessible.announced[2][0] == status.sync_label.text() and status.sync_label.text().startswith("Last sync")


def test_a_passing_status_bar_message_is_announced(qtbot):
    status = StatusBar()
    qtbot.addWidget(status)
    accessible.announced.clear()
    status.showMessage("Added 2 × 1 of “Pallet” to the cart.", 5000)
    status.clearMessage()  # its end is not announced
    assert accessible.announced == [("Added 2 × 1 of “Pallet” to the cart.", False)]
