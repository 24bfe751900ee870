"""Step 1 — who is buying: the signed-in account, or a guest email; sign in / create an account
without losing the cart (the cart page merges the guest cart into the account's cart)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.views.shell.collaborators import AccountState

__all__ = ["WhoStep"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class WhoStep(QWidget):
    sign_in_requested = Signal()
    create_account_requested = Signal()

    def __init__(self, session: AccountState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.signed_in_label = QLabel()
        self.signed_in_label.setWordWrap(True)
        self.account_radio = QRadioButton(self.tr("Use my account"))
        self.guest_radio = QRadioButton(self.tr("Check out as a guest"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.account_radio)
        self.choice.addButton(self.guest_radio)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("Email for the order confirmation"))
        self.email.setAccessibleName(self.tr("Guest email"))
        self.error = QLabel()
        self.error.setObjectName("cartIssue")
        self.sign_in_button = QPushButton(self.tr("Sign in…"))
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.create_button = QPushButton(self.tr("Create an account…"))
        self.create_button.clicked.connect(self.create_account_requested)
        self.note = QLabel(self.tr("Signing in keeps your cart: its lines are added to your account's cart."))
        self.note.setWordWrap(True)
        self.note.setObjectName("cartIssueNote")
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.signed_in_label)
        layout.addWidget(self.account_radio)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addSpacing(12)
        layout.addWidget(self.guest_radio)
        layout.addWidget(self.email)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.guest_radio.toggled.connect(self.email.setEnabled)
        self.refresh()

    def refresh(self) -> None:
        signed_in = bool(self.session.signed_in)
        if signed_in:
            self.signed_in_label.setText(self.tr("Signed in as <b>%1</b>.").replace("%1", self.session.email))
            self.account_radio.setChecked(True)
        else:
            self.signed_in_label.setText(self.tr("Sign in to order with your account, or check out as a "
                                                 "guest with an email address."))
            self.guest_radio.setChecked(True)
        self.account_radio.setVisible(signed_in)
        self.guest_radio.setVisible(not signed_in)
        self.email.setVisible(not signed_in)
        self.sign_in_button.setVisible(not signed_in)
        self.create_button.setVisible(not signed_in)
        self.note.setVisible(not signed_in)
        self.email.setEnabled(not signed_in)

    def guest_email(self) -> str | None:
        return None if self.session.signed_in else self.email.text().strip()

    def validate(self) -> bool:
        self.error.clear()
        if self.session.signed_in:
            return True
        if not _EMAIL.match(self.email.text().strip()):
            self.error.setText(self.tr("Enter a valid email address, or sign in."))
            self.email.setFocus()
            return False
        return True
