"""The watched import folder: a CSV dropped there is dry-run, a notification and a dialog show its
report, and it is imported when the seller confirms; then it moves to ``processed/`` (``failed/``
when it cannot be read). The folder logic is :class:`desktop.models.seller.watch_folder.WatchFolder`.

    watcher = FolderWatcher(client.seller, Path(folder), parent=window, notify=tray_message)
    watcher.start()     # setting "seller/watch_folder" (a path; empty = off)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.models.seller.import_check import FileChanged, ImportCheck, apply_check, check_file
from desktop.models.seller.watch_folder import WatchFolder
from desktop.views.background.tasks import MutationOp, QueryOp

from .import_report_model import ImportReportModel, check_summary, report_table

if TYPE_CHECKING:
    from desktop.api_client.resources.seller import Seller

__all__ = ["FolderWatcher", "WatchedFileDialog"]


class WatchedFileDialog(QDialog):
    """The report of one watched file, with Import (only for a clean report) and Not now."""

    def __init__(self, watcher: FolderWatcher, path: Path, check: ImportCheck, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.watcher, self.path, self.check = watcher, path, check
        self.setWindowTitle(self.tr("Import %1?").replace("%1", path.name))
        origin = QLabel(self.tr("A new file in the import folder %1:").replace("%1", str(path.parent)))
        origin.setWordWrap(True)
        self.summary = QLabel(check_summary(check))
        self.summary.setWordWrap(True)
        self.model = ImportReportModel(self)
        self.model.set_rows(check.rows)
        table = report_table(self.model)
        table.setAccessibleName(self.tr("Report"))
        table.setVisible(bool(check.rows))
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        # rows edited on the server since the export need the seller's choice, made in the Import tab
        self.import_button.setEnabled(check.clean and not check.stale)
        self.import_button.clicked.connect(self.start_import)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(origin)
        layout.addWidget(self.summary)
        layout.addWidget(table, 1)
        if not check.rows:
            layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(720, 420 if check.rows else 140)

    def start_import(self) -> None:
        seller, check, path = self.watcher.seller, self.check, self.path
        self.summary.setText(self.tr("Importing %1…").replace("%1", path.name))
        MutationOp(self, lambda: apply_check(seller, check, path.read_bytes()), self._imported, self._failed,
                   block=self.import_button, label="seller-import").run_in_background()

    def _imported(self, done: ImportCheck) -> None:
        self.check = done
        self.summary.setText(check_summary(done))
        if done.applied or done.clean:
            self.watcher.finish(self.path, done)
            self.accept()
        else:  # rows became errors meanwhile: shown, nothing written, the file stays
            self.model.set_rows(done.rows)
            self.import_button.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FileChanged | OSError):
            self.reject()  # saved again (offered again once complete) or gone
            return
        from desktop.views.errors.channel import report_exception

        report_exception(exc, self)


class FolderWatcher(QObject):
    """Watches ``folder`` (QFileSystemWatcher, and a timer while a file is still being written)."""

    #: (path, ImportCheck) once a file's dry run is back, before the seller's answer
    checked = Signal(object, object)
    #: (path moved to processed/ or failed/, ImportCheck)
    imported = Signal(object, object)
    failed = Signal(object, object)
    #: (title, message): the notification
    notified = Signal(str, str)

    def __init__(self, seller: Seller, folder: Path, *, parent: QWidget | None = None, update_only: bool = False,
                 notify: Callable[[str, str], None] | None = None, settle_ms: int = 1000) -> None:
        super().__init__(parent)
        self.seller = seller
        self.window = parent
        self.update_only = update_only
        self.folder = WatchFolder(folder, settle_s=settle_ms / 1000)
        self.dialogs: dict[str, WatchedFileDialog] = {}
        if notify is not None:
            self.notified.connect(notify)
        self.fs = QFileSystemWatcher(self)
        self.fs.directoryChanged.connect(self._scan_soon)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(settle_ms)
        self.timer.timeout.connect(self.scan)

    def start(self) -> None:
        if self.folder.folder.is_dir():
            self.fs.addPath(str(self.folder.folder))
        self.scan()

    def stop(self) -> None:
        self.timer.stop()
        if self.fs.directories():
            self.fs.removePaths(self.fs.directories())

    def _scan_soon(self, *_: object) -> None:
        self.scan()

    def scan(self) -> None:
        seller, update_only = self.seller, self.update_only
        for path in self.folder.scan():
            if path.name in self.dialogs:
                continue
            QueryOp(self, lambda p=path: check_file(seller, p.read_bytes(), update_only=update_only, name=p.name),
                    lambda check, p=path: self._checked(p, check),
                    lambda exc, p=path: self._check_failed(p, exc)).run_in_background()
        if self.folder.settling:
            self.timer.start()

    def _checked(self, path: Path, check: ImportCheck) -> None:
        self.checked.emit(path, check)
        if check.unreadable:
            moved = self.folder.failed(path)
            self.failed.emit(moved, check)
            self.notified.emit(self.tr("Import folder"), self.tr("%1 cannot be read; moved to %2.").replace(
                "%1", path.name).replace("%2", f"{moved.parent.name}/"))
            return
        self.notified.emit(self.tr("Import folder: %1").replace("%1", path.name), check_summary(check))
        dialog = WatchedFileDialog(self, path, check, self.window)
        dialog.finished.connect(lambda _=0, name=path.name: self.dialogs.pop(name, None))
        self.dialogs[path.name] = dialog
        dialog.show()

    def _check_failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            return  # moved or deleted meanwhile
        from desktop.views.errors.channel import report_exception

        report_exception(exc, self.window)

    def finish(self, path: Path, done: ImportCheck) -> None:
        moved = self.folder.done(path)
        self.imported.emit(moved, done)
        self.notified.emit(self.tr("Import folder"), check_summary(done))
