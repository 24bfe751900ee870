"""The seller's CSV import and export: choose or drop a file, read the server's dry run row by row,
import only on the seller's word; export all offers or the selection in the same format.

    page = ImportPage(client.seller, selected_skus=listings.selected_skus)
    seller_page.tabs.addTab(page, page.tr("Import"))

Reading the file, normalising it and the dry run run in one background op; Import re-reads the file
and imports only if it is still the one checked (else it is checked again).

A clean dry run shows what the file changes, field by field; rows whose offer changed on the server
after the file was exported are marked, and Import then waits for the seller's choice: skip them or
overwrite them (as the conflict view asks for a single offer)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import ApiStatusError, ConflictError
from desktop.models.seller.import_check import FileChanged, ImportCheck, apply_check, check_file, export_offers
from desktop.views.background.tasks import MutationOp, QueryOp
from desktop.views.window.file_dialogs import remember_folder, start_folder

from .import_changes_model import ImportChangesModel, changes_table
from .import_report_model import ImportReportModel, check_summary, file_filter, report_table

if TYPE_CHECKING:
    from desktop.api_client.resources.seller import Seller

__all__ = ["ImportPage"]

class ImportPage(QWidget):
    """``seller``: ``client.seller`` (import_csv, export_csv). ``selected_skus``: the SKUs selected in
    the listings table, for "Export selection" (None: the button is hidden)."""

    #: the last check or import ended (the ImportCheck)
    checked = Signal(object)
    imported = Signal(object)

    def __init__(self, seller: Seller, *, selected_skus: Callable[[], Sequence[str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seller = seller
        self.selected_skus = selected_skus
        self.path: Path | None = None
        self.check: ImportCheck | None = None
        self.op: QueryOp | MutationOp | None = None
        self.setAcceptDrops(True)

        self.drop_zone = QFrame()
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_zone.setMinimumHeight(72)
        self.drop_label = QLabel(self.tr("Drop a CSV file of offers here, or"))
        self.choose_button = QPushButton(self.tr("&Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        zone = QHBoxLayout(self.drop_zone)
        zone.addStretch(1)
        zone.addWidget(self.drop_label)
        zone.addWidget(self.choose_button)
        zone.addStretch(1)

        self.update_only = QCheckBox(self.tr("&Update existing SKUs only (never create an offer)"))
        self.update_only.toggled.connect(self.recheck)
        self.summary = QLabel(self.tr("Choose a file: the server checks every row first, and nothing is "
                                      "written before you click Import."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = ImportReportModel(self)
        self.table = report_table(self.model)
        self.table.setAccessibleName(self.tr("Report"))
        self.empty = QLabel(self.tr("The report shows here, a row per problem found in the file."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)  # drawn as a hint
        self.model.modelReset.connect(self._show_table)
        self.changes_model = ImportChangesModel(self)
        self.changes_table = changes_table(self.changes_model)
        self.changes_model.modelReset.connect(self._show_table)

        # rows whose offer changed on the server after the export: the seller decides (no default)
        self.stale_choice = QWidget()
        self.stale_label = QLabel(self.tr("Offers edited on the server since the export:"))
        self.skip_stale = QRadioButton(self.tr("Ski&p them (keep the server's values)"))
        self.overwrite_stale = QRadioButton(self.tr("&Overwrite them with the file's values"))
        self.stale_group = QButtonGroup(self)
        for button in (self.skip_stale, self.overwrite_stale):
            self.stale_group.addButton(button)
            button.toggled.connect(self._update_buttons)
        choice = QHBoxLayout(self.stale_choice)
        choice.setContentsMargins(0, 0, 0, 0)
        choice.addWidget(self.stale_label)
        choice.addWidget(self.skip_stale)
        choice.addWidget(self.overwrite_stale)
        choice.addStretch(1)
        self.stale_choice.setVisible(False)

        self.check_button = QPushButton(self.tr("Chec&k again"))
        self.check_button.clicked.connect(self.recheck)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.export_all_button = QPushButton(self.tr("&Export all…"))
        self.export_all_button.clicked.connect(lambda: self.export(None))
        self.export_selection_button = QPushButton(self.tr("Export &selection…"))
        self.export_selection_button.clicked.connect(self.export_selection)
        self.export_selection_button.setVisible(selected_skus is not None)

        buttons = QHBoxLayout()
        buttons.addWidget(self.export_all_button)
        buttons.addWidget(self.export_selection_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.update_only)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.changes_table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.stale_choice)
        layout.addLayout(buttons)
        self._show_table()
        self._update_buttons()

    def _show_table(self) -> None:
        rows = self.model.rowCount() > 0
        changes = not rows and self.changes_model.rowCount() > 0
        self.table.setVisible(rows)
        self.changes_table.setVisible(changes)
        self.empty.setVisible(not rows and not changes)
        self.stale_choice.setVisible(self.check is not None and self.check.clean and not self.check.applied
                                     and self.check.stale > 0)
        if self.check is not None and self.check.applied:
            self.empty.setText(self.tr("%1 is imported.").replace("%1", self.check.name))
        elif self.check is not None and self.check.clean:
            self.empty.setText(self.tr("No problem found in %1: every row can be imported.").replace(
                "%1", self.check.name))
        else:
            self.empty.setText(self.tr("The report shows here, a row per problem found in the file."))

    # -- choosing a file ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import offers from CSV"), start_folder("csv"),
                                              file_filter())
        if name:
            remember_folder("csv", name)
            self.load_file(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_file(Path(files[0]))

    def load_file(self, path: Path) -> None:
        """Read ``path`` and ask for the server's dry run (in the background)."""
        self.path = path
        self.recheck()

    def recheck(self) -> None:
        if self.path is None or (isinstance(self.op, MutationOp) and self.op.is_running):
            return
        path, seller, update_only = self.path, self.seller, self.update_only.isChecked()
        self.check = None
        self.model.set_rows([])
        self.changes_model.set_rows([])
        self._clear_stale_choice()
        self.summary.setText(self.tr("Checking %1…").replace("%1", path.name))
        if self.op is not None:
            self.op.cancel()
        self.op = QueryOp(self, lambda: check_file(seller, path.read_bytes(), update_only=update_only,
                                                   name=path.name),
                          self._on_checked, self._on_failed)
        self.op.finished.connect(self._update_buttons)
        self.op.run_in_background()
        self._update_buttons()

    def _on_checked(self, check: ImportCheck) -> None:
        self.check = check
        self.model.set_rows(check.rows)
        self.changes_model.set_rows(check.changes)
        self.summary.setText(check_summary(check))
        self.checked.emit(check)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            self.summary.setText(self.tr("%1 cannot be opened: %2").replace("%1", self.path.name if self.path else "")
                                 .replace("%2", exc.strerror or str(exc)))
        elif isinstance(exc, ApiStatusError) and exc.status in (413, 415, 422):
            self.summary.setText(self.tr("The server refused the file: %1").replace("%1", exc.detail or exc.message))
        else:
            self.summary.setText(self.tr("The file could not be checked; try again."))
            from desktop.views.errors.channel import report_exception

            report_exception(exc, self)

    # -- importing ------------------------------------------------------------------------------------
    def start_import(self) -> None:
        check, path, seller = self.check, self.path, self.seller
        stale = self._stale_choice()
        if check is None or path is None or not check.clean or stale is None:
            return
        self.summary.setText(self.tr("Importing %1…").replace("%1", check.name))
        self.op = MutationOp(self, lambda: apply_check(seller, check, path.read_bytes(), stale=stale),
                             self._on_imported,
                             self._on_import_failed, block=self.import_button, label="seller-import")
        self.op.finished.connect(self._update_buttons)
        self.op.run_in_background()
        self._update_buttons()

    def _on_imported(self, done: ImportCheck) -> None:
        self.check = done
        self.model.set_rows(done.rows)
        self.changes_model.set_rows(done.changes)
        self.summary.setText(check_summary(done))
        self.imported.emit(done)

    def _on_import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FileChanged):
            self.recheck()
            self.summary.setText(self.tr("The file changed since its check: it is checked again."))
        elif isinstance(exc, ConflictError) and exc.code == "stale_rows":  # offers edited since the check
            self.recheck()
            self.summary.setText(self.tr("Offers were edited on the server since the check: it is checked again."))
        else:
            self._on_failed(exc)

    def _update_buttons(self) -> None:
        busy = self.op is not None and self.op.is_running
        check = self.check
        ready = (check is not None and check.clean and not check.applied and bool(check.created + check.updated)
                 and self._stale_choice() is not None)
        self.import_button.setEnabled(ready and not busy)
        self.check_button.setEnabled(self.path is not None and not busy)
        self.choose_button.setEnabled(not busy)
        # an import under way is never cancelled by a new check (its result would be dropped)
        importing = busy and isinstance(self.op, MutationOp)
        self.update_only.setEnabled(not importing)
        self.setAcceptDrops(not importing)

    def _stale_choice(self) -> str | None:
        """What to do with stale rows: "refuse" when there are none, None while the seller has not chosen."""
        if self.check is None or not self.check.stale:
            return "refuse"
        if self.skip_stale.isChecked():
            return "skip"
        return "overwrite" if self.overwrite_stale.isChecked() else None

    def _clear_stale_choice(self) -> None:
        self.stale_group.setExclusive(False)
        self.skip_stale.setChecked(False)
        self.overwrite_stale.setChecked(False)
        self.stale_group.setExclusive(True)

    # -- export ---------------------------------------------------------------------------------------
    def export_selection(self) -> None:
        skus = list(self.selected_skus()) if self.selected_skus else []
        if not skus:
            self.summary.setText(self.tr("Select offers in My listings first."))
            return
        self.export(skus)

    def export(self, skus: list[str] | None) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export offers to CSV"),
                                              start_folder("csv", "offers.csv"), file_filter())
        if name:
            remember_folder("csv", name)
            self.export_to(Path(name), skus)

    def export_to(self, path: Path, skus: list[str] | None) -> QueryOp:
        seller = self.seller
        self.summary.setText(self.tr("Exporting…"))
        op = QueryOp(self, lambda: export_offers(seller, path, skus),
                     lambda n: self.summary.setText(self.tr("%n offer(s) exported to %1.", None, n).replace(
                         "%1", path.name)), self._on_failed)
        return op.run_in_background()
