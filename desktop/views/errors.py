"""The one error channel (after napari's notifications): every unexpected error reaches the user as ONE
short dialog — a title, a human sentence, "Copy details" (request id + traceback) and a Details
expander. Being offline is not an error dialog: it goes to the offline banner. An expired session
asks to sign in again.

    channel = ErrorChannel()
    channel.install()                      # sys.excepthook + threading.excepthook → channel
    channel.offline.connect(...)           # OfflineError
    channel.auth_expired.connect(...)      # AuthExpiredError
    report_exception(exc, parent_widget)   # from anywhere; tasks.py calls it for failed ops

Reports may come from any thread: they are handed to the GUI thread by a queued signal.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from dataclasses import dataclass
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import (
    ApiStatusError,
    ApiTimeoutError,
    AuthExpiredError,
    MalformedResponseError,
    OfflineError,
)

__all__ = ["ErrorChannel", "ErrorDialog", "ErrorReport", "describe", "report_exception"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErrorReport:
    title: str
    message: str
    details: str
    request_id: str | None = None


def _app_version() -> str:
    try:
        from importlib import metadata

        return metadata.version("bulkdesk")
    except Exception:
        return "?"


def describe(exc: BaseException) -> ErrorReport:
    """A short title and a human sentence for ``exc``, and the details a support person needs."""
    request_id = getattr(exc, "request_id", None)
    if isinstance(exc, ApiStatusError):
        status = exc.status
        if status >= 500:
            title = QCoreApplication.translate("errors", "The marketplace had a problem")
            message = QCoreApplication.translate(
                "errors", "The server could not complete the request. Try again in a moment."
            )
        elif status == 403:
            title = QCoreApplication.translate("errors", "Not allowed")
            message = exc.detail or QCoreApplication.translate(
                "errors", "Your account is not allowed to do this."
            )
        elif status == 404:
            title = QCoreApplication.translate("errors", "Not found")
            message = exc.detail or QCoreApplication.translate(
                "errors", "This item no longer exists on the marketplace."
            )
        elif status == 409:
            title = QCoreApplication.translate("errors", "Could not be done")
            message = exc.detail or QCoreApplication.translate(
                "errors", "Something changed meanwhile. Refresh and try again."
            )
        elif status == 429:
            title = QCoreApplication.translate("errors", "Too many requests")
            message = exc.detail or QCoreApplication.translate("errors", "Wait a moment and try again.")
        else:
            title = QCoreApplication.translate("errors", "The marketplace refused the request")
            message = exc.detail or exc.title or QCoreApplication.translate(
                "errors", "The request was not accepted."
            )
    elif isinstance(exc, ApiTimeoutError):
        title = QCoreApplication.translate("errors", "The marketplace is slow to answer")
        message = QCoreApplication.translate(
            "errors", "The server did not answer in time. Try again in a moment."
        )
    elif isinstance(exc, MalformedResponseError):
        title = QCoreApplication.translate("errors", "Unexpected answer from the marketplace")
        message = QCoreApplication.translate(
            "errors", "The server answered in a way this version of Bulkdesk does not understand."
        )
    else:
        title = QCoreApplication.translate("errors", "Something went wrong")
        message = QCoreApplication.translate(
            "errors", "An unexpected error occurred. Copy the details and send them to your support contact."
        )
    lines = [f"Bulkdesk {_app_version()}, Python {sys.version.split()[0]}"]
    if request_id:
        lines.append(f"Request id: {request_id}")
    code = getattr(exc, "code", None)
    if code:
        lines.append(f"Code: {code}")
    lines.append("")
    lines.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip())
    return ErrorReport(title=title, message=message, details="\n".join(lines), request_id=request_id)


class ErrorDialog(QDialog):
    """Title, message, [Copy details] [Details ▸] [Close]. Later errors are appended to the details."""

    def __init__(self, report: ErrorReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Bulkdesk — Error"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self._reports: list[ErrorReport] = [report]

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(report.title)
        self.title_label.setObjectName("errorTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.message_label = QLabel(report.message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_label = QLabel()
        self.more_label.setObjectName("errorMore")
        self.more_label.hide()

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(self.message_label)
        text.addWidget(self.more_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)

        self.details = QPlainTextEdit(report.details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(180)
        self.details.hide()

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setCheckable(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.details_button.toggled.connect(self._toggle_details)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @property
    def reports(self) -> list[ErrorReport]:
        return list(self._reports)

    def add_report(self, report: ErrorReport) -> None:
        self._reports.append(report)
        extra = len(self._reports) - 1
        self.more_label.setText(self.tr("%n more error(s) occurred meanwhile.", "", extra))
        self.more_label.show()
        self.details.setPlainText(self.details_text())

    def details_text(self) -> str:
        sep = "\n\n" + "-" * 60 + "\n"
        return sep.join(f"{r.title}\n{r.message}\n{r.details}" for r in self._reports)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()


class ErrorChannel(QObject):
    """Where every error ends. One dialog at a time: errors while it is open are added to it."""

    offline = Signal(object)  # OfflineError
    auth_expired = Signal(object)  # AuthExpiredError
    dialog_shown = Signal(object)  # ErrorDialog
    _incoming = Signal(object, object)  # exception, parent widget (crosses threads)

    def __init__(self, window: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self.dialog: ErrorDialog | None = None
        self._previous_hooks: tuple | None = None
        self._incoming.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def set_window(self, window: QWidget | None) -> None:
        """The window error dialogs open over when the reporter names none."""
        self._window = window

    # -- reporting ---------------------------------------------------------------------------------
    def report(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Report ``exc``. From the GUI thread it is handled now, from another thread a bit later."""
        if threading.current_thread() is threading.main_thread():
            self._report(exc, parent)
        else:
            self._incoming.emit(exc, parent)

    def _report(self, exc: BaseException, parent: QWidget | None) -> None:
        if isinstance(exc, OfflineError):
            log.info("offline: %s", exc)
            self.offline.emit(exc)
            return
        if isinstance(exc, AuthExpiredError):
            log.info("session expired: %s", exc)
            self.auth_expired.emit(exc)
            return
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("error reported to the user", exc_info=exc)
        report = describe(exc)
        current = self.current_dialog()
        if current is not None:
            current.add_report(report)
            return
        owner = parent if parent is not None and parent.isVisible() else None
        owner = owner or self._window or QApplication.activeWindow()
        dialog = ErrorDialog(report, owner.window() if owner is not None else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        dialog.destroyed.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.show()
        self.dialog_shown.emit(dialog)

    def current_dialog(self) -> ErrorDialog | None:
        """The open error dialog, if any."""
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            self.dialog = None
            return None
        return dialog

    def _dialog_closed(self, *_: object) -> None:
        self.dialog = None

    # -- hooks -------------------------------------------------------------------------------------
    def install(self) -> None:
        """Make this the channel of :func:`report_exception`, ``sys.excepthook`` and threads' hook."""
        global _channel
        _channel = self
        if self._previous_hooks is None:
            self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        global _channel
        if _channel is self:
            _channel = None
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = None

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        try:
            self.report(exc)
        except Exception:  # the channel itself failed: say it on stderr rather than loop
            sys.__excepthook__(exc_type, exc, tb)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.report(args.exc_value)


_channel: ErrorChannel | None = None


def report_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """Send ``exc`` to the installed channel (or log it when none is installed, e.g. in a unit test)."""
    if _channel is None:
        log.error("unhandled error (no error channel installed)", exc_info=exc)
        return
    _channel.report(exc, parent)


def current_channel() -> ErrorChannel | None:
    return _channel
