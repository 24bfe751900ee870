"""Quitting with changes not yet sent: say so, and offer to wait, as a mail client does with its outbox.

    dialog = UnsentChangesDialog(unsent=area.unsent, changed=runner.changed, send=runner.kick, parent=window)
    dialog.quit_now.connect(app_quit)       # Quit anyway, or every change sent while waiting
    dialog.open()                           # Cancel (or Esc): nothing happens, the app goes on

Either way the changes stay kept in the outbox: quitting anyway sends them at the next start.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

__all__ = ["UnsentChangesDialog"]


class UnsentChangesDialog(QDialog):
    # quit now (the seller said so, or nothing is left to send while waiting)
    quit_now = Signal()

    def __init__(self, *, unsent: Callable[[], int], changed: SignalInstance | None = None,
                 send: Callable[[], object] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes not sent"))
        self._unsent, self._send = unsent, send
        self.waiting = False
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.detail = QLabel(self.tr("They are kept: if you quit now, they are sent the next time Bulkdesk "
                                     "starts and the marketplace answers."))
        self.detail.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.wait_button = QPushButton(self.tr("Wait and send"))
        self.quit_button = QPushButton(self.tr("Quit anyway"))
        buttons.addButton(self.wait_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.rejected.connect(self.reject)
        self.wait_button.clicked.connect(self.wait_and_send)
        self.quit_button.clicked.connect(self._quit)
        self.wait_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        if changed is not None:
            changed.connect(self.recount)
        self.recount()

    def recount(self) -> None:
        count = self._unsent()
        if self.waiting and count == 0:
            self._quit()
            return
        self.message.setText(self.tr("%n change(s) not yet sent to the marketplace.", "", count))
        if self.waiting:
            self.detail.setText(self.tr("Sending… Bulkdesk quits once the marketplace has them. Changes it "
                                        "refuses need your decision: Cancel to see them."))

    def wait_and_send(self) -> None:
        self.waiting = True
        self.wait_button.setEnabled(False)
        if self._send is not None:
            self._send()
        self.recount()

    def _quit(self) -> None:
        if self.isVisible():
            self.accept()
        self.quit_now.emit()
