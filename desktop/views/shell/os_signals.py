"""SIGTERM and SIGINT quit the Qt app cleanly (the event loop is woken so Python's handler runs)."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

__all__ = ["install_signal_handlers"]

log = logging.getLogger("desktop.app")


def install_signal_handlers(app: QApplication) -> Callable[[], None]:
    """SIGTERM / SIGINT quit the Qt app cleanly. A pipe (a socket pair on Windows) wakes the event loop
    so Python's handler runs (Qt's loop otherwise never returns to the interpreter). Returns an
    uninstall function."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    if os.name == "posix":  # a pipe: the socket module costs start-up time for nothing here
        read_fd, write_fd = os.pipe()
        os.set_blocking(read_fd, False)
        os.set_blocking(write_fd, False)

        def drain() -> None:
            with contextlib.suppress(OSError):
                os.read(read_fd, 64)

        def close() -> None:
            os.close(read_fd)
            os.close(write_fd)
    else:
        import socket

        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        read_fd, write_fd = reader.fileno(), writer.fileno()

        def drain() -> None:
            with contextlib.suppress(OSError):
                reader.recv(64)

        def close() -> None:
            reader.close()
            writer.close()

    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(drain)
    previous_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    handled = [s for s in (signal.SIGTERM, signal.SIGINT) if s is not None]
    previous = {s: signal.getsignal(s) for s in handled}

    def handler(signum: int, _frame: object) -> None:
        log.info("signal %s: quitting", signum)
        app.quit()

    for s in handled:
        signal.signal(s, handler)

    def uninstall() -> None:
        for s, h in previous.items():
            signal.signal(s, h)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        close()

    return uninstall
