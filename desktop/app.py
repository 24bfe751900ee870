"""The composition root: ``bulkdesk [--server URL] [--demo] [--smoke]``.

Builds the settings, the error channel, the shell (which builds the token store, the API client, the
session, the pages and the main window, in two stages) and wires them; nothing else constructs them.
Everything long-running is a background op (views/background/tasks.py).

    main()                 → parse args, QApplication, theme, language, error channel, OS signals
      --demo               → DemoServer (models/infrastructure/demo_server.py) child + splash until /health answers
                             (views/shell/demo_start.py)
      Shell(url, staged=True).start()                 (views/shell/shell.py; its areas: views/areas/)
        stage 1            → settings, catalog cache, Catalog page, MainWindow (Cart, Orders: placeholders)
        (first paint)      → the window with the cached catalog is on screen
        stage 2            → token store + API client in a worker (keyring, httpx, pydantic), then the
                             session, the sync controller, the Cart and Orders pages; session.restore()
                             and the sync in background; ``Shell.ready``

Stage 1 imports no httpx, pydantic or keyring, and touches no network: they cost most of a second,
which the first paint does not wait for. Dialogs are imported when they open.

Where things live: folders (models/infrastructure/paths.py), the user's settings and last account (models/settings/),
the account flow (views/account/flow.py), OS signals (views/shell/os_signals.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.models.infrastructure.crash_log import CrashLog
from desktop.models.infrastructure.paths import AppPaths
from desktop.models.settings import SettingsStore
from desktop.views.background import tasks
from desktop.views.errors import channel as errors
from desktop.views.errors.channel import ErrorChannel
from desktop.views.locale.i18n import install_translations
from desktop.views.shell.demo_start import start_demo
from desktop.views.shell.os_signals import install_signal_handlers
from desktop.views.shell.shell import Shell
from desktop.views.shell.smoke_report import SMOKE_REPORT_ENV, report_after_first_sync
from desktop.views.window.theme import apply_style_sheet, apply_theme

__all__ = ["main", "parse_args"]

log = logging.getLogger("desktop.app")

DEFAULT_SERVER = "http://127.0.0.1:8000"
QUIT_AFTER_SHOWN_ENV = "BULKDESK_QUIT_AFTER_SHOWN"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bulkdesk", description="Bulkdesk — surplus stock for procurement.")
    parser.add_argument("--server", metavar="URL", help="the marketplace to connect to")
    parser.add_argument("--demo", action="store_true",
                        help="start the reference marketplace with demo data and connect to it")
    parser.add_argument("--smoke", action="store_true",
                        help="quit as soon as the main window is shown and the app fully started "
                             "(packaging and CI checks)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.default().ensure()
    crash_log = CrashLog(paths.data)
    last_crash = crash_log.start()  # first: a native crash from here on leaves its traceback in crash.log
    logging.basicConfig(level=os.environ.get("BULKDESK_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    QApplication.setApplicationName("Bulkdesk")
    QApplication.setOrganizationName("Bulkdesk")
    QApplication.setApplicationDisplayName("Bulkdesk")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    settings = SettingsStore.at(paths)
    apply_theme(app, style_sheet=False)  # the rules once the window is built (see launch)
    translators = install_translations(app, str(settings.get("language")))
    channel = ErrorChannel()
    channel.install()
    uninstall_signals = install_signal_handlers(app)
    quit_after_shown = args.smoke or os.environ.get(QUIT_AFTER_SHOWN_ENV) == "1"
    holder: dict[str, Any] = {}
    exit_code = [0]

    def start_failed(_exc: BaseException) -> None:
        exit_code[0] = 1
        QTimer.singleShot(0, app.quit)

    def launch(server_url: str) -> None:
        shell = Shell(server_url, paths=paths, settings=settings, channel=channel, staged=True)
        apply_style_sheet(app)
        holder["shell"] = shell
        report = os.environ.get(SMOKE_REPORT_ENV) if args.smoke else None
        if report:  # the frozen app's smoke test: what the window shows after the first sync
            shell.ready.connect(lambda: report_after_first_sync(shell, Path(report), app.quit))
            shell.failed.connect(start_failed)
        elif quit_after_shown:  # once the whole app is built: the smoke test covers stage 2 too
            shell.ready.connect(lambda: QTimer.singleShot(0, app.quit))
            shell.failed.connect(start_failed)
        shell.window.first_shown.connect(lambda: _announce_shown(holder))
        # the app is built: its objects stay out of the full garbage collections a sync sets off
        shell.ready.connect(tasks.freeze_start_up_objects)
        if last_crash is not None:  # told once the window is painted, beside it (not modal)
            shell.window.first_painted.connect(lambda: QTimer.singleShot(0, shell.window, tell_crash))
        shell.start()

    def tell_crash() -> None:
        from desktop.views.errors.crash_notice import show_crash_notice

        holder["crash_notice"] = show_crash_notice(last_crash, holder["shell"].window)

    def demo_failed(message: str) -> None:
        if message:
            errors.report_exception(RuntimeError(message))
            print(f"bulkdesk: the demo marketplace did not start: {message[:2000]}", file=sys.stderr)
            exit_code[0] = 1
        QTimer.singleShot(0, app.quit)

    if args.demo and getattr(sys, "frozen", False):
        # the installed app carries no marketplace server: the demo is a feature of the source checkout
        print("bulkdesk: --demo needs the source checkout (scripts/demo); the installed app has no "
              "demo marketplace", file=sys.stderr)
        return 2
    if args.demo:
        holder["demo"] = start_demo(paths, lambda demo: launch(demo.url), demo_failed)
    else:
        launch(args.server or str(settings.get("server_url") or DEFAULT_SERVER))

    try:
        code = app.exec()
    finally:
        shell = holder.get("shell")
        if shell is not None:
            shell.shutdown()
        demo = holder.get("demo")
        if demo is not None:
            demo.stop()
        tasks.shutdown(3000)  # results still to come are dropped; the workers get 3 s to end
        uninstall_signals()
        channel.uninstall()
        del translators
        crash_log.stop()
    return exit_code[0] or code


def _announce_shown(holder: dict[str, Any]) -> None:
    """One line on stdout when the window is up, with the demo's process group (for the smoke test)."""
    demo = holder.get("demo")
    pgid = demo.pgid if demo is not None else ""
    print(f"BULKDESK_SHOWN pgid={pgid}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
