"""Screenshots of the shell (main window, offline banner, sign-in with a field error, settings, error
dialog) into docs/screenshots/shell-*-<lang>.png, rendered offscreen.

    python scripts/build_translations.py --release
    python scripts/shell_screenshots.py en
    python scripts/shell_screenshots.py fr
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.api_client import AuthenticationError, MemoryTokenStore, ServerError  # noqa: E402
from desktop.models.infrastructure.paths import AppPaths  # noqa: E402
from desktop.views.errors.channel import ErrorChannel  # noqa: E402
from desktop.views.locale.i18n import install_translations  # noqa: E402
from desktop.views.shell.shell import Shell  # noqa: E402
from desktop.views.window.theme import apply_theme  # noqa: E402

OUT = REPO / "docs" / "screenshots"


class _User:
    email = "buyer@demo.test"
    role = "buyer"


def settle(app: QApplication, widget: QWidget | None = None) -> None:
    for _ in range(5):
        app.processEvents()
    if widget is not None:
        widget.adjustSize() if not widget.isWindow() or widget.windowTitle() != "Bulkdesk" else None


def save(widget: QWidget, name: str, lang: str) -> None:
    path = OUT / f"shell-{name}-{lang}.png"
    widget.grab().save(str(path))
    print(path.relative_to(REPO))


def main(lang: str) -> int:
    app = QApplication([sys.argv[0]])
    apply_theme(app, dark=os.environ.get("BULKDESK_DARK") == "1", follow_os=False)
    translators = install_translations(app, lang)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = AppPaths(root / "config", root / "data", root / "cache").ensure()
        channel = ErrorChannel()
        channel.install()
        shell = Shell("http://127.0.0.1:9", paths=paths, token_store=MemoryTokenStore(), channel=channel)
        w = shell.window
        w.resize(1000, 620)
        w.show()
        shell.session.set_user(_User())
        shell.set_last_sync(datetime(2026, 3, 2, 8, 45, tzinfo=UTC))
        w.status.begin_progress(w.tr("Syncing the catalog…"), 1200, lambda: None)
        w.status.update_progress(480)
        settle(app)
        save(w, "main", lang)

        w.status.end_progress()
        shell.went_offline()
        w.show_page("cart")
        settle(app)
        save(w, "offline", lang)

        dialog = shell.sign_in()
        dialog.email.setText("buyer@demo.test")
        dialog.password.setText("wrong-password")
        dialog.show_error(AuthenticationError("401", status=401, code="invalid_credentials",
                                              detail="The email or the password is wrong."))
        settle(app)
        dialog.adjustSize()
        settle(app)
        save(dialog, "signin", lang)
        dialog.reject()

        settings = shell.open_settings()
        shell.prefs.locked = lambda: {"server_url"}  # what a policy lock looks like
        settings.reject()
        settings = shell.open_settings()
        settle(app)
        settle(app)
        save(settings, "settings", lang)
        settings.reject()

        try:
            raise ServerError("GET /api/v1/offers → 500 internal_error", status=500, code="internal_error",
                              detail="Something went wrong on the server; nothing was saved.",
                              request_id="3f9c2a71d4e84b0b")
        except ServerError as exc:
            channel.report(exc, w)
        error = channel.current_dialog()
        error.details_button.setChecked(True)
        error.resize(560, 380)
        settle(app)
        save(error, "error", lang)
        error.close()
        w.close()
        shell.shutdown()
        channel.uninstall()
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "en"))
