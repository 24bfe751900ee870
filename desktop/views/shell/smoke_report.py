"""``bulkdesk --smoke`` with ``BULKDESK_SMOKE_REPORT=<file.json>``: after the first catalog sync, write what
the user would see (the catalog's rows, a screenshot, the window title, a translated string) and quit.
The frozen app's smoke test (tests/installer/) reads it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from desktop.views.shell.shell import Shell

__all__ = ["SMOKE_REPORT_ENV", "report_after_first_sync"]

SMOKE_REPORT_ENV = "BULKDESK_SMOKE_REPORT"


def report_after_first_sync(shell: Shell, path: Path, done: Callable[[], None]) -> None:
    """After the first sync (or 60 s): the catalog's rows, a screenshot and the language, then `done`."""
    finished: list[bool] = []

    def write(outcome: str) -> None:
        if finished:
            return
        finished.append(True)
        window = shell.window
        shot = path.with_suffix(".png")
        window.grab().save(str(shot))
        from desktop.views.catalog.catalog_page import CatalogPage

        catalog = window.page("catalog")
        path.write_text(json.dumps({
            "sync": outcome,
            "rows": catalog.model.rowCount() if isinstance(catalog, CatalogPage) else 0,
            "title": window.windowTitle(),
            "screenshot": str(shot),
            "frozen": bool(getattr(sys, "frozen", False)),
            "ui_language": QCoreApplication.translate("SettingsDialog", "Set by your administrator"),
        }), encoding="utf-8")
        QTimer.singleShot(0, done)

    controller = shell.sync_controller
    if controller is None:
        write("none")
        return
    controller.synced.connect(lambda _r: write("synced"))
    controller.failed.connect(lambda _e: write("failed"))
    QTimer.singleShot(60_000, lambda: write("timeout"))
