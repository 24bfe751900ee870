"""Sign in and create an account. The call runs off the GUI thread; the server's problem codes land on
the field they concern (invalid_credentials → password, email_taken → email, weak_password → password,
validation_error → each field by name), too_many_attempts → a general message with the wait.

The dialogs know nothing of the client: they get a callable (``login(email, password)`` or
``register(email, password, company, role)``) returning the AuthSession, and emit ``signed_in(session)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import ApiStatusError, OfflineError, ThrottledError
from desktop.views.background.tasks import MutationOp
from desktop.views.errors import channel as errors

if TYPE_CHECKING:
    from desktop.api_client.types import AuthSession

__all__ = ["AccountDialog", "CreateAccountDialog", "SignInDialog"]

# the EU/EEA and nearby countries of the marketplace, for the company's country
COUNTRIES = (
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "UA",
)  # fmt: skip


class AccountDialog(QDialog):
    """A form whose fields can each show an error under them, plus a general error line."""

    signed_in = Signal(object)  # AuthSession

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.fields: dict[str, QWidget] = {}
        self.field_errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.general_error = QLabel()
        self.general_error.setObjectName("formError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("formHint")
        # parented now: a button made default before the box is in the dialog is not the dialog's default,
        # and Return in a field then pressed the first other push button ("Create account…" on sign-in)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        self._op: MutationOp | None = None

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)  # the field's accessible name (the row's label is the box's otherwise)
        self.form.addRow(caption, box)
        self.fields[name] = widget
        self.field_errors[name] = error
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, n=name: self.set_field_error(n, None))

    # -- errors ------------------------------------------------------------------------------------
    def set_field_error(self, name: str, message: str | None) -> None:
        label = self.field_errors[name]
        widget = self.fields[name]
        label.setText(message or "")
        label.setVisible(bool(message))
        widget.setAccessibleDescription(message or "")  # read out with the field's name
        widget.setProperty("invalid", bool(message))
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def field_error(self, name: str) -> str | None:
        label = self.field_errors[name]
        return label.text() if not label.isHidden() else None

    def set_general_error(self, message: str | None) -> None:
        self.general_error.setText(message or "")
        self.general_error.setVisible(bool(message))

    def clear_errors(self) -> None:
        for name in self.fields:
            self.set_field_error(name, None)
        self.set_general_error(None)

    def field_for(self, server_field: str | None) -> str | None:
        """Our field name for the server's (``company.country`` → ``country``)."""
        if not server_field:
            return None
        if server_field in self.fields:
            return server_field
        last = server_field.rsplit(".", 1)[-1]
        aliases = {"name": "company", "vat_number": "vat_number", "country": "country"}
        if server_field.startswith("company.") and aliases.get(last) in self.fields:
            return aliases[last]
        return last if last in self.fields else None

    def code_message(self, code: str | None, fallback: str | None) -> str | None:
        """Our own (translated) sentence for a problem code the user can act on."""
        messages = {
            "invalid_credentials": self.tr("The email or the password is wrong."),
            "email_taken": self.tr("An account with this email already exists."),
            "weak_password": self.tr("Use at least 10 characters."),
            "required": self.tr("Required."),
            "too_long": self.tr("Too long."),
            "too_short": self.tr("Too short."),
        }
        return messages.get(code or "", fallback)

    def show_error(self, exc: BaseException) -> None:
        """Put the server's answer where it belongs; anything unexpected goes to the error channel."""
        self.clear_errors()
        if isinstance(exc, OfflineError):
            self.set_general_error(
                self.tr("Cannot reach the marketplace. Check the connection and try again.")
            )
            return
        if isinstance(exc, ThrottledError) or (isinstance(exc, ApiStatusError) and exc.code == "too_many_attempts"):
            wait = exc.retry_after if isinstance(exc, ThrottledError) else None
            if wait:
                minutes = max(1, math.ceil(wait / 60))
                self.set_general_error(
                    self.tr("Too many failed attempts. Wait %n minute(s) and try again.", "", minutes)
                )
            else:
                self.set_general_error(self.tr("Too many failed attempts. Wait a few minutes and try again."))
            return
        if not isinstance(exc, ApiStatusError):
            errors.report_exception(exc, self)
            return
        placed = False
        top_field = {"invalid_credentials": "password", "email_taken": "email", "weak_password": "password"}
        if exc.code in top_field and top_field[exc.code] in self.fields:
            self.set_field_error(top_field[exc.code], self.code_message(exc.code, exc.detail))
            placed = True
        for item in exc.errors:
            name = self.field_for(item.field)
            if name is not None:
                if not self.field_error(name):
                    self.set_field_error(name, self.code_message(item.code, item.message))
                placed = True
        if not placed:
            if exc.status >= 500:
                errors.report_exception(exc, self)
            else:
                self.set_general_error(exc.detail or exc.title or self.tr("The request was not accepted."))

    # -- running -----------------------------------------------------------------------------------
    def run(self, call: Callable[[], AuthSession], busy_text: str) -> MutationOp:
        self.clear_errors()
        self.set_busy(True, busy_text)
        self._op = MutationOp(self, call, self._succeeded, self._failed, label="account")
        return self._op.run_in_background()

    @property
    def op(self) -> MutationOp | None:
        """The running (or last) call: tests wait on ``op.finished``."""
        return self._op

    def set_busy(self, busy: bool, text: str = "") -> None:
        for widget in self.fields.values():
            widget.setEnabled(not busy)
        for button in self.buttons.buttons():
            if button is not self.cancel_button:
                button.setEnabled(not busy)
        self.busy_label.setText(text if busy else "")

    def _succeeded(self, auth_session: AuthSession) -> None:
        self.set_busy(False)
        self.signed_in.emit(auth_session)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)


class SignInDialog(AccountDialog):
    """Email + password. ``create_account_requested`` / ``guest_requested`` for the other two ways in."""

    create_account_requested = Signal()
    guest_requested = Signal()

    def __init__(
        self,
        login: Callable[[str, str], AuthSession],
        parent: QWidget | None = None,
        *,
        email: str = "",
        server: str = "",
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self._login = login
        self.setWindowTitle(self.tr("Sign in"))
        heading = QLabel(self.tr("Sign in to %1").replace("%1", server) if server else self.tr("Sign in"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        self.reason_label = QLabel(reason)
        self.reason_label.setObjectName("formHint")
        self.reason_label.setWordWrap(True)
        self.reason_label.setVisible(bool(reason))

        self.email = QLineEdit(email)
        self.email.setPlaceholderText(self.tr("name@company.com"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("email", self.tr("Email"), self.email)
        self.add_field("password", self.tr("Password"), self.password)

        self.sign_in_button = self.buttons.addButton(
            self.tr("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.create_button = QPushButton(self.tr("C&reate account…"))
        self.create_button.setFlat(True)
        self.guest_button = QPushButton(self.tr("Continue as &guest"))
        self.guest_button.setFlat(True)
        self.create_button.clicked.connect(self._create_instead)
        self.guest_button.clicked.connect(self._guest_instead)
        others = QHBoxLayout()
        others.addWidget(self.create_button)
        others.addWidget(self.guest_button)
        others.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.reason_label)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addLayout(others)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.buttons)
        (self.password if email else self.email).setFocus()

    def submit(self) -> MutationOp | None:
        email, password = self.email.text().strip(), self.password.text()
        self.clear_errors()
        if not email:
            self.set_field_error("email", self.tr("Enter your email."))
        if not password:
            self.set_field_error("password", self.tr("Enter your password."))
        if not email or not password:
            return None
        return self.run(lambda: self._login(email, password), self.tr("Signing in…"))

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        if self.field_error("password"):
            self.password.selectAll()
            self.password.setFocus()

    def _create_instead(self) -> None:
        self.create_account_requested.emit()
        self.reject()

    def _guest_instead(self) -> None:
        self.guest_requested.emit()
        self.reject()


class CreateAccountDialog(AccountDialog):
    """Email, password, company (name, country, VAT number) and role (buyer or seller)."""

    def __init__(
        self,
        register: Callable[[str, str, dict[str, str], str], AuthSession],
        parent: QWidget | None = None,
        *,
        email: str = "",
        country: str = "",
    ) -> None:
        super().__init__(parent)
        self._register = register
        self.setWindowTitle(self.tr("Create account"))
        heading = QLabel(self.tr("Create a company account"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)

        self.email = QLineEdit(email)
        self.email.setPlaceholderText(self.tr("name@company.com"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("At least 10 characters"))
        self.company = QLineEdit()
        self.country = QComboBox()
        self.country.addItems(COUNTRIES)
        if country in COUNTRIES:
            self.country.setCurrentText(country)
        self.vat_number = QLineEdit()
        self.vat_number.setPlaceholderText(self.tr("Optional"))
        self.role = QComboBox()
        self.role.addItem(self.tr("Buyer — order surplus lots"), "buyer")
        self.role.addItem(self.tr("Seller — list surplus stock"), "seller")
        self.add_field("email", self.tr("Email"), self.email)
        self.add_field("password", self.tr("Password"), self.password)
        self.add_field("company", self.tr("Company"), self.company)
        self.add_field("country", self.tr("Country"), self.country)
        self.add_field("vat_number", self.tr("VAT number"), self.vat_number)
        self.add_field("role", self.tr("Account type"), self.role)

        self.create_button = self.buttons.addButton(
            self.tr("&Create account"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.buttons)

    def submit(self) -> MutationOp | None:
        email, password = self.email.text().strip(), self.password.text()
        company = {"name": self.company.text().strip(), "country": self.country.currentText()}
        if self.vat_number.text().strip():
            company["vat_number"] = self.vat_number.text().strip()
        role = self.role.currentData()
        self.clear_errors()
        missing = False
        for name, value in (("email", email), ("password", password), ("company", company["name"])):
            if not value:
                self.set_field_error(name, self.tr("Required."))
                missing = True
        if missing:
            return None
        return self.run(
            lambda: self._register(email, password, company, role), self.tr("Creating the account…")
        )
