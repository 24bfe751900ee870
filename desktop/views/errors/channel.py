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

import functools
import logging
import sys
import threading
import weakref
from types import TracebackType
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.api_client import (
    AuthExpiredError,
    OfflineError,
)
from desktop.views.background import gui_thread
from desktop.views.errors.report import ErrorReport, describe

if TYPE_CHECKING:
    from desktop.views.errors.dialog import ErrorDialog

__all__ = ["ErrorChannel", "ErrorDialog", "ErrorReport", "describe", "report_exception"]

log = logging.getLogger(__name__)


class ErrorChannel(QObject):
    """Where every error ends. One dialog at a time: errors while it is open are added to it."""

    offline = Signal(object)  # OfflineError
    auth_expired = Signal(object)  # AuthExpiredError
    dialog_shown = Signal(object)  # ErrorDialog

    def __init__(self, window: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self.dialog: ErrorDialog | None = None
        self._previous_hooks: tuple | None = None
        gui_thread.start()  # reports from other threads come through it

    def set_window(self, window: QWidget | None) -> None:
        """The window error dialogs open over when the reporter names none."""
        self._window = window

    # -- reporting ---------------------------------------------------------------------------------
    def report(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Report ``exc``. From the GUI thread it is handled now, from another thread a bit later, by the
        GUI thread (this channel, or the one installed by then if this one is gone)."""
        if gui_thread.is_gui_thread():
            self._report(exc, parent)
        else:  # weak references: this thread must never hold the last reference to a Qt object
            gui_thread.post(functools.partial(_report_later, weakref.ref(self), exc,
                                              None if parent is None else weakref.ref(parent)))
            gui_thread.wake()

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
        from desktop.views.errors.dialog import ErrorDialog  # its widgets' classes: not before the first error

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


def _report_later(
    channel_ref: weakref.ref[ErrorChannel] | None, exc: BaseException, parent_ref: weakref.ref[QWidget] | None
) -> None:
    """On the GUI thread: a report from another thread, to its channel or else the installed one."""
    channel = channel_ref() if channel_ref is not None else None
    if channel is None or not shiboken6.isValid(channel):
        channel = _channel
    parent = parent_ref() if parent_ref is not None else None
    if parent is not None and not shiboken6.isValid(parent):
        parent = None
    if channel is None:
        log.error("unhandled error (no error channel installed)", exc_info=exc)
        return
    channel._report(exc, parent)


def report_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """Send ``exc`` to the installed channel (or log it when none is installed, e.g. in a unit test)."""
    if not gui_thread.is_gui_thread():  # the installed channel is looked up by the GUI thread
        gui_thread.post(functools.partial(_report_later, None, exc, None if parent is None else weakref.ref(parent)))
        if not gui_thread.wake():
            log.error("unhandled error (reported while the app closes)", exc_info=exc)
        return
    if _channel is None:
        log.error("unhandled error (no error channel installed)", exc_info=exc)
        return
    _channel.report(exc, parent)


def current_channel() -> ErrorChannel | None:
    return _channel


def __getattr__(name: str) -> Any:
    if name == "ErrorDialog":  # in errors/dialog.py, imported with the first error shown
        from desktop.views.errors.dialog import ErrorDialog

        return ErrorDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
