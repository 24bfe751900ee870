"""Screenshots of the keyboard focus on the catalog, the cart and the seller's listings (issue 30), rendered
offscreen against a demo server of its own: docs/screenshots/a11y-<page>-<lang>-<light|dark>-<scale>.png.

    python scripts/build_translations.py --release
    python scripts/accessibility_screenshots.py en              # light, 100 %
    BULKDESK_DARK=1 python scripts/accessibility_screenshots.py fr
    QT_SCALE_FACTOR=2 python scripts/accessibility_screenshots.py en   # 200 % (a 1600×1000 screen)
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

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.api_client import MemoryTokenStore  # noqa: E402
from desktop.models.infrastructure.paths import AppPaths  # noqa: E402
from desktop.models.settings import SettingsStore  # noqa: E402
from desktop.views.background import tasks  # noqa: E402
from desktop.views.errors.channel import ErrorChannel  # noqa: E402
from desktop.views.locale.i18n import install_translations  # noqa: E402
from desktop.views.shell.shell import Shell  # noqa: E402
from desktop.views.window.theme import apply_theme  # noqa: E402
from tests.support.server import cleanup, make_server  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def settle(app: QApplication, until=lambda: True, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if tasks.running_ops() == 0 and until():
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"docs/screenshots/{name}.png")


def main(lang: str) -> int:
    dark = os.environ.get("BULKDESK_DARK") == "1"
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = f"{lang}-{'dark' if dark else 'light'}-{int(float(scale) * 100)}"
    app = QApplication([sys.argv[0]])
    apply_theme(app, dark=dark, follow_os=False)
    install_translations(app, lang)
    OUT.mkdir(parents=True, exist_ok=True)
    server = make_server()
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            paths = AppPaths(root / "config", root / "data", root / "cache").ensure()
            settings = SettingsStore(paths.config / "settings.json", root / "no-policy.json")
            settings.set("language", lang)
            channel = ErrorChannel()
            channel.install()
            shell = Shell(server.url, paths=paths, settings=settings, token_store=MemoryTokenStore(),
                          channel=channel)
            w = shell.window
            w.resize(1600 // int(float(scale)), 1000 // int(float(scale)) - 40)  # the screen, less a task bar
            w.show()
            w.activateWindow()
            shell.start()
            settle(app, lambda: shell.is_ready and shell.catalog_page.model.rowCount() > 0
                   and not shell.sync_controller.running, seconds=90)
            shell.session.signed_in_with(shell.client.auth.login("buyer@demo.test", "demo-password"))
            catalog = shell.catalog_page
            w.show_page("catalog")
            catalog.table.selectRow(0)
            catalog.table.setFocus()
            settle(app)
            save(w, f"a11y-catalog-{suffix}")
            catalog.detail.add_to_cart()
            w.show_page("cart")
            settle(app, lambda: shell.cart_page.quoter.quote is not None and not shell.cart_page.quoter.pending)
            spins = [s for s in shell.cart_page.findChildren(QWidget) if s.objectName().startswith("qty-")]
            if spins:
                spins[0].setFocus()
            settle(app)
            save(w, f"a11y-cart-{suffix}")
            shell.session.sign_out()
            settle(app)
            shell.session.signed_in_with(shell.client.auth.login("seller@demo.test", "demo-password"))
            w.show_page("seller")
            seller = shell.seller_page
            listings = next((seller.widget(k) for k in ("listings",) if k in seller._keys), None)
            if listings is not None:
                seller.show_tab("listings")
                settle(app, lambda: listings.model.rowCount() > 0)
                listings.table.selectRow(0)
                listings.table.setFocus()
                settle(app)
                save(w, f"a11y-seller-listings-{suffix}")
            shell.shutdown()
            channel.uninstall()
    finally:
        cleanup(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "en"))
