"""Shared by the screenshot scripts: the French catalogue, built from the committed .ts if needed."""

from __future__ import annotations

import sys
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
