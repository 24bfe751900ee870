"""The new-offer form (issue 29): no message before anything is typed; a field's message once it is left
(or on a try to create), then following the typing; and nothing moves as messages come and go."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QApplication

from desktop.views.seller.offer_form import NewOfferDialog


def _form(qtbot) -> NewOfferDialog:
    warehouses = [SimpleNamespace(id=7, code="LYS", city="Lyon", country="FR")]
    dialog = NewOfferDialog(None, [(3, None, "Wood")], warehouses=warehouses)
    qtbot.addWidget(dialog)
    dialog.resize(460, dialog.sizeHint().height())
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _places(dialog: NewOfferDialog) -> dict[str, tuple[int, int]]:
    return {name: (edit.y(), edit.height()) for name, edit in dialog.inputs.items()} | {
        "create": (dialog.create_button.y(), dialog.create_button.height())}


def test_no_message_before_a_field_is_left(qtbot):
    dialog = _form(qtbot)
    assert {name: label.text() for name, label in dialog.errors.items() if label.text()} == {}
    assert not dialog.create_button.isEnabled()  # still: sku, title and price are missing
    qtbot.keyClicks(dialog.inputs["sku"], "OAK")
    assert dialog.errors["sku"].text() == "" and dialog.errors["title"].text() == ""
    dialog.inputs["title"].setFocus()
    qtbot.waitUntil(dialog.inputs["title"].hasFocus)
    dialog.inputs["unit_price"].setFocus()  # the title left empty
    qtbot.waitUntil(lambda: "1 to" in dialog.errors["title"].text())
    assert dialog.errors["unit_price"].text() == ""
    qtbot.keyClicks(dialog.inputs["title"], "Oak boards")  # then it follows the typing
    assert dialog.errors["title"].text() == ""


def test_a_try_to_create_shows_every_message_and_nothing_moves(qtbot):
    dialog = _form(qtbot)
    before = _places(dialog)
    dialog.inputs["stock_units"].setText("-3")
    dialog.submit()  # as Enter would: every field's message
    shown = {name for name, label in dialog.errors.items() if label.text()}
    assert {"sku", "title", "unit_price", "stock_units"} <= shown
    long = dialog.errors["stock_units"]
    assert long.toolTip() == long.text() and long.height() == long.fontMetrics().height()
    QApplication.processEvents()  # let the layout settle
    assert _places(dialog) == before
    for name, text in (("sku", "OAK-1"), ("title", "Oak boards"), ("unit_price", "4,00"), ("stock_units", "30")):
        dialog.inputs[name].setText(text)
    assert not any(label.text() for label in dialog.errors.values()) and dialog.create_button.isEnabled()
    assert _places(dialog) == before
