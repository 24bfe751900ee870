"""Bank transfer / Multibanco instructions as a PDF (QPdfWriter + QTextDocument)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

__all__ = ["save_pdf"]


def save_pdf(path: str | Path, html: str, title: str = "Bulkdesk") -> Path:
    """Write ``html`` (the instructions, as shown) to an A4 PDF at ``path``."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Bulkdesk")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    return path
