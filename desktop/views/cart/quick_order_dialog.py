"""Quick order for bulk buyers: paste (or import a CSV of) ``sku,quantity[,packaging]`` rows; every
recognised row goes into the cart in one step, and a report lists the unknown SKUs and rejected rows.

SKUs are looked up in the offline catalog cache; SKUs it does not hold are looked up on the server
(``GET /offers?q=<sku>``, exact SKU match) in the background when online.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cart import CartLine, RejectedRow, parse_quick_order, resolve_quick_order
from desktop.views.background.tasks import QueryOp
from desktop.views.locale.formatting import html_text
from desktop.views.window.file_dialogs import remember_folder, start_folder

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.catalog_cache import CatalogCache

__all__ = ["QuickOrderDialog", "lookup_offers_by_sku"]


def lookup_offers_by_sku(skus: list[str], cache: CatalogCache | None,
                         client: MarketplaceClient) -> dict[str, list[dict[str, Any]]]:
    """SKU → offers with that SKU, as JSON (cache first, then the server for the others). Runs off the GUI
    thread."""
    found: dict[str, list[dict[str, Any]]] = {}
    if cache is not None:
        ids_by_sku = cache.offer_ids_by_sku(skus)
        offers = cache.offers({i for ids in ids_by_sku.values() for i in ids})
        for sku, ids in ids_by_sku.items():
            if ids:
                found[sku] = [offers[i] for i in ids if i in offers]
    missing = [s for s in skus if not found.get(s)]
    if client is not None:
        for sku in missing:
            try:
                matches = [
                    offer.model_dump(mode="json")
                    for offer in islice(client.catalog.offers(q=sku, limit=20), 20)  # the first page
                    if offer.sku.casefold() == sku.casefold()
                ]
            except Exception:  # offline: those SKUs stay unknown
                break
            if matches:
                found[sku] = matches
    return found


class QuickOrderDialog(QDialog):
    #: lines were added: (added, rejected rows)
    added = Signal(int, list)

    def __init__(self, cache: CatalogCache | None, client: MarketplaceClient,
                 add_lines: Callable[[list[CartLine]], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quick order"))
        self.cache = cache
        self.client = client
        self._add_lines = add_lines
        self.op: QueryOp | None = None
        intro = QLabel(self.tr("One row per item: SKU, quantity (packagings) and optionally the packaging, "
                               "separated by commas, semicolons or tabs. A header row is allowed."))
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("HW16-PAP-000185, 4, Carton of 48\nLL12-COF-000033; 10")
        self.text.setMinimumSize(520, 200)
        self.text.setAccessibleName(self.tr("Quick order"))
        self.text.setAccessibleDescription(intro.text())
        self.import_button = QPushButton(self.tr("&Import CSV…"))
        self.import_button.clicked.connect(self.import_csv)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setObjectName("quickOrderReport")
        # parented at once, so that "Add to cart" is the dialog's default button (not "Import CSV…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.add_button = self.buttons.addButton(self.tr("&Add to cart"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)

    def import_csv(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a CSV"), start_folder("csv"),
                                                  self.tr("CSV files (*.csv *.txt);;All files (*)"))
            if not path:
                return
            remember_folder("csv", path)
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        self.text.setPlainText(text)

    def submit(self) -> QueryOp | None:
        parsed = parse_quick_order(self.text.toPlainText())
        if not parsed.accepted and not parsed.rejected:
            self.report.setText(self.tr("Paste some rows first."))
            return None
        skus = sorted({row.sku for row in parsed.accepted})
        self.add_button.setEnabled(False)
        self.report.setText(self.tr("Looking up %1 SKUs…").replace("%1", QLocale().toString(len(skus))))

        def done(by_sku: dict) -> None:
            self.add_button.setEnabled(True)
            lines, rejected = resolve_quick_order(parsed.accepted, by_sku)
            added = self._add_lines(lines) if lines else 0
            self._show_report(added, parsed.rejected + rejected)
            self.added.emit(added, parsed.rejected + rejected)

        def failed(exc: BaseException) -> None:
            self.add_button.setEnabled(True)
            self.report.setText(str(exc))

        self.op = QueryOp(self, lambda: lookup_offers_by_sku(skus, self.cache, self.client), done, failed)
        return self.op.run_in_background()

    def _show_report(self, added: int, rejected: list[RejectedRow]) -> None:
        parts = [self.tr("%Ln line(s) added to the cart.", "", added)]
        if rejected:
            parts.append(self.tr("%Ln row(s) not added:", "", len(rejected)))
            for row in sorted(rejected, key=lambda r: r.line_number):
                parts.append(self.tr("Row %1 (%2): %3").replace("%1", str(row.line_number))
                             .replace("%2", html_text(row.text)).replace("%3", html_text(row.reason)))
        self.report.setText("<br>".join(parts))
        if not rejected:
            self.text.clear()

