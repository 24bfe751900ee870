"""``bulkdesk --demo``: the demo marketplace child process, with a splash until it answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.models.infrastructure.paths import AppPaths
from desktop.views.background import tasks

if TYPE_CHECKING:
    from desktop.models.infrastructure.demo_server import DemoServer

__all__ = ["start_demo"]


def start_demo(paths: AppPaths, on_ready: Callable[[DemoServer], None], on_failed: Callable[[str], None],
               parent: QWidget | None = None) -> DemoServer:
    """Start the demo server child and a splash; ``on_ready`` once /health answers (off the GUI thread)."""
    from desktop.models.infrastructure.demo_server import DemoServer

    demo = DemoServer(paths.data / "demo")
    demo.start()  # on the GUI thread: a fast fork; waiting is what happens in the background
    splash = QProgressDialog(
        QCoreApplication.translate("app", "Starting the demo marketplace…"),
        QCoreApplication.translate("app", "Cancel"), 0, 0, parent,
    )
    splash.setWindowTitle("Bulkdesk")
    splash.setMinimumDuration(0)
    splash.setMinimumWidth(360)
    splash.setAutoClose(False)
    splash.setAutoReset(False)
    splash.setWindowModality(Qt.WindowModality.ApplicationModal)

    def ready(_r: object) -> None:
        splash.close()
        splash.deleteLater()
        on_ready(demo)

    def failed(exc: BaseException) -> None:
        splash.close()
        splash.deleteLater()
        demo.stop()
        on_failed(str(exc) if not isinstance(exc, InterruptedError) else "")

    op = tasks.QueryOp.with_context(None, lambda context: demo.wait_until_healthy(cancelled=context.cancelled),
                                    ready, failed)
    splash.canceled.connect(op.cancel_event.set)  # not cancel(): the InterruptedError must reach failed()
    splash.show()
    op.run_in_background()
    return demo
