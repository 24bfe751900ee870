"""The CSV import in two steps: :func:`check_file` (read, normalise, the server's dry run: the report
before anything is written) and, on the seller's word, :func:`apply_check` (the same canonical CSV,
for real, only if the file is still the one checked). Plus the export, of all offers or a selection.

The dry run lists each update field by field (``ImportCheck.changes``) and counts the rows whose offer
changed on the server after the file was exported (``stale``: the export carries each offer's
version); importing such a file needs the seller's choice, ``apply_check(..., stale="skip")`` or
``"overwrite"`` (the server refuses it otherwise: ConflictError ``stale_rows``).

Plain functions over ``client.seller``: the views run them in background ops, the watched folder and
the benchmark call them as they are."""

from __future__ import annotations

import csv
import hashlib
import io
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.models.spreadsheet import strip_formula_guard

from .csv_files import CanonicalCsv, ReadProblem, UnreadableFile, normalise_offers

if TYPE_CHECKING:
    from desktop.api_client.resources.seller import Seller
    from desktop.api_client.types import ImportReport

__all__ = [
    "FieldChange",
    "FileChanged",
    "ImportCheck",
    "ReportRow",
    "apply_check",
    "check_file",
    "export_offers",
    "select_rows",
]


class FileChanged(Exception):
    """The file was saved again after its dry run: check it again before importing."""


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of the report. ``problem`` is set for what the app could not read (the view words
    it); otherwise ``message`` is the server's."""

    row: int
    sku: str | None
    field: str | None
    code: str
    message: str = ""
    problem: ReadProblem | None = None
    #: the file's cell the server's error is about (for the view's own, translated wording)
    value: str = ""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field a row changes: the server's value now (``old``) and the file's (``new``). ``stale``:
    the row's offer changed on the server after the file was exported (importing it undoes that)."""

    row: int
    sku: str
    field: str
    old: str
    new: str
    stale: bool = False
    file_version: int | None = None
    server_version: int | None = None


@dataclass(slots=True)
class ImportCheck:
    name: str
    digest: str
    update_only: bool
    canonical: CanonicalCsv | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: list[ReportRow] = field(default_factory=list)
    #: the whole file could not be read (never sent); its problem is rows[0]
    unreadable: bool = False
    #: the server's dry run, wall clock as the client saw it
    server_seconds: float = 0.0
    #: after apply_check: whether the server wrote it
    applied: bool = False
    #: each update, a line per field changed, in file order
    changes: list[FieldChange] = field(default_factory=list)
    #: rows whose offer changed on the server after the export; after apply_check, those left as they were
    stale: int = 0
    skipped: int = 0

    @property
    def clean(self) -> bool:
        return not self.unreadable and not self.rows

    @property
    def error_rows(self) -> int:
        return len({r.row for r in self.rows})


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_file(seller: Seller, data: bytes, *, update_only: bool = False, name: str = "") -> ImportCheck:
    """Read ``data`` as spreadsheets write it and ask the server for a dry run (nothing is written)."""
    check = ImportCheck(name, digest(data), update_only)
    try:
        canonical = normalise_offers(data)
    except UnreadableFile as exc:
        p = exc.problem
        check.unreadable = True
        check.rows = [ReportRow(p.row, p.sku, p.column, p.code, problem=p)]
        return check
    check.canonical = canonical
    started = time.perf_counter()
    report = seller.import_csv(canonical.text, dry_run=True, update_only=update_only)
    check.server_seconds = time.perf_counter() - started
    _take_report(check, report)
    return check


def apply_check(seller: Seller, check: ImportCheck, data: bytes, *, stale: str = "refuse") -> ImportCheck:
    """Import what ``check`` checked, if it was clean and ``data`` is still that file (FileChanged
    otherwise). The server checks again: rows that became errors meanwhile are in the answer, and
    then nothing is written. ``stale``: the seller's choice for rows whose offer changed on the server
    after the export ("skip", "overwrite"; "refuse": ConflictError ``stale_rows`` if there are any)."""
    if digest(data) != check.digest or check.canonical is None:
        raise FileChanged(check.name)
    if not check.clean:
        raise ValueError("a report with errors is not imported")
    report = seller.import_csv(check.canonical.text, dry_run=False, update_only=check.update_only, stale=stale)
    done = ImportCheck(check.name, check.digest, check.update_only, check.canonical)
    _take_report(done, report)
    done.applied = bool(report.applied)
    return done


def _take_report(check: ImportCheck, report: ImportReport) -> None:
    canonical = check.canonical
    assert canonical is not None
    check.created, check.updated, check.unchanged = report.created, report.updated, report.unchanged
    read = {(p.row, p.column) for p in canonical.problems}
    rows = [ReportRow(p.row, p.sku, p.column, p.code, problem=p) for p in canonical.problems]
    table = canonical.table
    for error in report.errors:
        row = canonical.source_row(error.row)
        if (row, error.field) in read:  # the app's own wording of that cell is clearer
            continue
        at = table.column(error.field) if error.field else None
        record = table.records[row - 2] if 2 <= row < len(table.records) + 2 else []
        value = record[at].strip() if at is not None and at < len(record) else ""
        rows.append(ReportRow(row, error.sku, error.field, error.code, error.message, value=value))
    rows.sort(key=lambda r: r.row)
    check.rows = rows
    check.stale, check.skipped = report.stale, report.skipped
    check.changes = [
        FieldChange(canonical.source_row(c.row), c.sku, f.field, f.old, f.new, c.stale, c.file_version,
                    c.server_version)
        for c in report.changes for f in c.changes
    ]


def select_rows(export: str, skus: Collection[str]) -> str:
    """The export's header and the rows of these SKUs (the selection), in the export's format.

    Client-side on purpose: one export request whatever the selection (a filter parameter would
    need the SKUs in the URL or a POST); the rows are the server's text, byte for byte."""
    wanted = {s.strip() for s in skus}
    reader = csv.reader(io.StringIO(export, newline=""))
    header = next(reader, None)
    if header is None:
        return export
    sku_at = header.index("sku")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for record in reader:
        if record and sku_at < len(record) and strip_formula_guard(record[sku_at]) in wanted:
            writer.writerow(record)
    return out.getvalue()


def export_offers(seller: Seller, path: Path, skus: Collection[str] | None = None) -> int:
    """Write the seller's offers (all, or these SKUs) to ``path`` as UTF-8 with a BOM, which Excel
    opens with its accents right and the import reads back unchanged. Returns the rows written."""
    text = seller.export_csv()
    if skus is not None:
        text = select_rows(text, skus)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    partial.replace(path)
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1)
