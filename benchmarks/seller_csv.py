"""`python -m benchmarks seller_csv [--json] [--rows N]`: a 10,000-row CSV from file chosen to report shown.

The file is what a spreadsheet writes in a comma-decimal locale (Windows-1252, semicolons, decimal
commas) with an error on one row in ten, so the report holds 1,000 rows. Measured, median of RUNS:
- file_to_report_s: ``ImportPage.load_file`` → the file read, normalised, the server's dry run, the
  report model filled and the table repainted (offscreen), the whole path the seller waits on;
- server_dry_run_s: the server's own dry run of the same (canonical) CSV: one bare httpx POST (runs
  alternate which of the two goes first);
- client_overhead_s: file_to_report_s less the dry-run request inside it (what the app adds).
Targets: file_to_report_s ≤ 5 s and ≤ 2 × server_dry_run_s.

``measure(url)`` runs against a server already up (the seller suite's); without ``url`` it starts one.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from ._common import check_floor, demo_server, emit, machine_facts

SELLER = ("seller@demo.test", "demo-password")
RUNS = 5


def sample_file(client: Any, rows: int) -> bytes:
    """``rows`` new offers of the demo seller (its first category and warehouse), one in ten with a
    negative stock, as a comma-decimal spreadsheet saves them."""
    base = next(csv.DictReader(io.StringIO(client.seller.export_csv())))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(base), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for i in range(rows):
        writer.writerow({**base, "sku": f"BENCH-{i:06d}", "title": f"Palette n° {i} — déstockage",
                         "unit_price": f"{1 + i % 500},{i % 100:02d}", "stock_units": "-1" if i % 10 == 3 else "40",
                         "moq_units": "1", "packagings": "unit:1|carton:12", "collections": "surplus"})
    return out.getvalue().encode("cp1252")


def measure(url: str | None = None, *, rows: int = 10_000, runs: int = RUNS) -> dict[str, Any]:
    """The figures of this suite as a dict (``targets`` included); starts a demo server when ``url`` is None."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="bench-seller-csv-"))
    server = None
    try:
        if url is None:
            server = demo_server(work, offers=400, orders=20)
            server.start()
            url = server.url
        return _measure(url, work, rows, runs)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def _measure(url: str, work: Path, rows: int, runs: int) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.api_client import ClientConfig, MarketplaceClient
    from desktop.models.seller.csv_files import normalise_offers
    from desktop.views.background import tasks
    from desktop.views.seller.import_page import ImportPage

    app = QApplication.instance() or QApplication([])
    client = MarketplaceClient(ClientConfig(url, read_timeout=120))
    client.auth.login(*SELLER)
    data = sample_file(client, rows)
    path = work / "offers.csv"
    path.write_bytes(data)
    canonical = normalise_offers(data).text.encode("utf-8")
    raw = httpx.Client(base_url=f"{url}/api/v1", timeout=120)
    login = raw.post("/auth/login", json={"email": SELLER[0], "password": SELLER[1]}).json()
    raw.headers["Authorization"] = f"Bearer {login['token']}"

    page = ImportPage(client.seller)
    page.resize(1000, 700)
    page.show()
    gui, server_s, overhead, report_rows = [], [], [], 0

    def server_dry_run() -> None:
        started = time.perf_counter()
        r = raw.post("/seller/offers/import", params={"dry_run": True}, content=canonical,
                     headers={"Content-Type": "text/csv"})
        server_s.append(time.perf_counter() - started)
        r.raise_for_status()

    for run in range(runs):
        if run % 2 == 0:  # alternate which goes first: the machine's load drifts
            server_dry_run()
        loop = QEventLoop()
        page.checked.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        started = time.perf_counter()
        page.load_file(path)
        loop.exec()
        page.table.repaint()
        app.processEvents()
        gui.append(time.perf_counter() - started)
        page.checked.disconnect(loop.quit)
        report_rows = page.model.rowCount()
        # what the app adds to the request it waits on: reading, normalising, the report shown
        overhead.append(gui[-1] - page.check.server_seconds)
        if run % 2 == 1:
            server_dry_run()
    page.close()
    tasks.wait_all()
    app.processEvents()
    raw.close()
    client.close()
    file_s, dry_s = statistics.median(gui), statistics.median(server_s)
    results: dict[str, Any] = {
        "suite": "seller_csv", "csv_rows": rows, "csv_bytes": len(data), "report_rows": report_rows,
        "file_to_report_s": round(file_s, 3), "server_dry_run_s": round(dry_s, 3),
        "ratio_to_server": round(file_s / dry_s, 2) if dry_s else None,
        "client_overhead_s": round(statistics.median(overhead), 3),
        "runs": {"file_to_report_s": [round(s, 3) for s in gui], "server_dry_run_s": [round(s, 3) for s in server_s],
                 "client_overhead_s": [round(s, 3) for s in overhead]},
    }
    check_floor("seller_csv_file_to_report_s", results["file_to_report_s"], 5.0, results)
    check_floor("seller_csv_ratio_to_server_dry_run", results["ratio_to_server"], 2.0, results)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks seller_csv", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--rows", type=int, default=10_000, help="rows in the CSV (default 10,000)")
    parser.add_argument("--url", help="a running server (default: start a demo server)")
    args = parser.parse_args(argv)
    results = {**measure(args.url, rows=args.rows), "machine": machine_facts()}
    emit(results, args.json)
    return 0 if all(t["met"] for t in results["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
