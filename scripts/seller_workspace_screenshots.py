"""Screenshots of the whole Seller page as the app shows it to seller@demo.test on the demo data, one per
tab (listings, orders, questions, pending changes, import; orders and questions with writes queued offline),
into docs/screenshots/app-seller-<tab>-<lang>.png; rendered offscreen against a demo server of their own.

    python scripts/seller_workspace_screenshots.py en
    python scripts/seller_workspace_screenshots.py fr
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.api_client import MemoryTokenStore  # noqa: E402
from desktop.models.infrastructure.paths import AppPaths  # noqa: E402
from desktop.views.background import tasks  # noqa: E402
from desktop.views.locale.i18n import install_translations  # noqa: E402
from desktop.views.shell.shell import Shell  # noqa: E402
from desktop.views.window.theme import apply_theme  # noqa: E402
from tests.api_client.live import SELLER  # noqa: E402
from tests.support.server import make_server  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def settle(app: QApplication, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if tasks.running_ops() == 0:
            break
        time.sleep(0.02)  # a script, not a test: nothing to wait on but the pool
    for _ in range(5):
        app.processEvents()


def main(lang: str) -> None:
    app = QApplication([])
    keep = install_translations(app, lang)  # noqa: F841 (the translators must stay alive)
    apply_theme(app, dark=False, follow_os=False)
    server = make_server()
    server.start()
    tmp = Path(tempfile.mkdtemp())
    paths = AppPaths(config=tmp / "config", data=tmp / "data", cache=tmp / "cache")
    shell = Shell(server.url, paths=paths, token_store=MemoryTokenStore())
    try:
        w = shell.window
        w.resize(1440, 860)
        w.show()
        shell.session.signed_in_with(shell.client.auth.login(SELLER, "demo-password"))
        w.show_page("seller")
        page = w.page("seller")
        settle(app)

        def shoot(key: str, name: str | None = None) -> None:
            page.show_tab(key)
            settle(app)
            w.grab().save(str(OUT / f"app-seller-{name or key}-{lang}.png"))

        shoot("listings")
        w.grab().save(str(OUT / f"app-seller-{lang}.png"))
        f = page.fulfilment
        f.set_preset("to_prepare")
        f.table.selectRow(0)
        shoot("orders")
        q = page.questions
        q.select_row(0)
        shoot("questions")
        # offline: a mark and an answer wait in the outbox, shown pending on their rows
        shell.connectivity.went_offline()
        f.set_preset("all")
        refs = [f.model.row_at(r).ref for r in range(f.model.rowCount())
                if f.model.row_at(r).shipping_status == "awaiting_preparation"][:2]
        f.select_refs(refs)
        f.mark("preparing")
        q.select_row(0)
        q.answer_current("Yes — we can ship on pallets next week." if lang == "en"
                         else "Oui — expédition sur palettes la semaine prochaine.")
        shoot("orders", "orders-offline")
        shoot("questions", "questions-offline")
        shoot("pending")
        shoot("import")
    finally:
        shell.connectivity.stop()
        settle(app)
        shell.shutdown()
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "en")
