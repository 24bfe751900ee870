"""Render the application icon (resources/bulkdesk.svg) into what each OS wants, in the build only:

    python installer/make_icons.py build/icons   → bulkdesk.png (512 px), bulkdesk.ico, bulkdesk.icns

Qt draws the SVG (the app's own renderer); Pillow writes the .ico (16–256 px) and .icns containers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "bulkdesk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build machine has no display
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")


def make_icons(folder: Path, svg: Path = SVG) -> dict[str, Path]:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "bulkdesk.png"
    render_png(svg, 1024, png)
    with Image.open(png) as image:
        image.load()
        image.resize((512, 512), Image.Resampling.LANCZOS).save(png)
        image.save(folder / "bulkdesk.ico", sizes=[(s, s) for s in ICO_SIZES])
        image.save(folder / "bulkdesk.icns")  # Pillow writes 16 px to 1024 px
    return {"png": png, "ico": folder / "bulkdesk.ico", "icns": folder / "bulkdesk.icns"}


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for kind, path in make_icons(Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "build" / "icons")).items():
        print(f"{kind}: {path}")
