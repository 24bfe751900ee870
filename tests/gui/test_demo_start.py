"""``bulkdesk --demo``'s splash: Cancel reaches the wait for the demo server through the op's context."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from desktop.views.shell.demo_start import start_demo


def test_cancel_on_the_splash_stops_the_wait_and_the_demo_server(qtbot, app_folders):
    ready: list[object] = []
    failed: list[str] = []
    demo = start_demo(app_folders, ready.append, failed.append)
    try:
        splash = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
        # the splash's Cancel button: the op's work sees context.cancelled() and raises InterruptedError
        qtbot.mouseClick(splash.findChild(QPushButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: failed == [""], timeout=15_000)
        assert ready == []
        assert not demo.is_running()
    finally:
        demo.stop()
