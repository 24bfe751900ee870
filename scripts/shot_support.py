"""Shared by the screenshot scripts: the French catalogue (built from the committed .ts if needed), and
`run`: their arguments, a themed QApplication, a demo server of their own (unless ``--server`` names
one), and ``shoot(app, url, lang, out, tmp)`` in English and French."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "resources" / "translations"


def install_french(app: QCoreApplication) -> QTranslator:
    """Install the app's French translator (building bulkdesk_fr.qm first when it is missing)."""
    qm = TRANSLATIONS / "bulkdesk_fr.qm"
    if not qm.exists():
        sys.path.insert(0, str(REPO / "scripts"))
        import build_translations

        build_translations.main(["--release"])
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load {qm}")
    app.installTranslator(translator)
    return translator


Shoot = Callable[..., None]  # shoot(app, url, lang, out, tmp)


def run(shoot: Shoot, *, doc: str | None, prefix: str, offers: int = 400, orders: int = 80) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.views.window.theme import apply_theme

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", help="a running demo server (default: start one)")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_theme(app, dark=False, follow_os=False)
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        server = None
        url = args.server
        if url is None:
            from tests.support.server import cleanup, make_server

            server = make_server(offers=offers, orders=orders)
            server.start()
            url = server.url
        try:
            for lang in ("en", "fr"):
                shoot(app, url, lang, out, Path(folder))
        finally:
            if server is not None:
                cleanup(server)
    print(f"screenshots written to {out}")
    return 0
