"""The real app, signed in as a seller, killed by SIGKILL while its outbox drains: edits queued and not
yet sent (and the one whose answer was on the wire) survive, and the app started again sends each of
them exactly once — the stock deltas once, the prices once, no conflict."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from desktop.api_client.tokens import KeyringTokenStore
from desktop.models.seller import Edit, ListingsStore, Outbox, queue_edits
from tests.api_client.live import SELLER, signed_in
from tests.support.file_keyring import ENV, FileKeyring
from tests.support.server import cleanup, make_server
from tests.support.wait import wait_for

ROOT = Path(__file__).resolve().parents[2]
OFFERS = 250  # two entries each: a drain of a few seconds, long enough to be killed in the middle of


@pytest.fixture(scope="module")
def server():
    server = make_server(offers=300, orders=0)
    server.start()
    yield server
    cleanup(server)


def _env(home: Path, keyring_file: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"), "QT_QPA_PLATFORM": "offscreen", "BULKDESK_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            ENV: str(keyring_file)}


def _statuses(path: Path) -> dict[str, int]:
    """The outbox's entries per status, read beside the running app as a second process would."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return dict(conn.execute("SELECT status, count(*) FROM entries GROUP BY status").fetchall())
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return {}


def _app(home: Path, keyring_file: Path, url: str) -> subprocess.Popen:
    with (home.parent / "app.log").open("ab") as log:
        return subprocess.Popen([sys.executable, "-m", "desktop", "--server", url], cwd=ROOT,
                                env=_env(home, keyring_file), stdout=log, stderr=log)


def _stop(app: subprocess.Popen, sig: int = signal.SIGKILL) -> int:
    if app.poll() is None:
        os.kill(app.pid, sig)
    return app.wait(30)


def test_a_seller_app_killed_while_sending_sends_every_queued_edit_once_after_restart(tmp_path, server):
    home, keyring_file = tmp_path / "home", tmp_path / "keyring.json"
    data = home / "data" / "Bulkdesk"
    seller = signed_in(server.url, SELLER)
    try:
        warehouse = seller.seller.warehouses()[0].code
        category = next(c.id for c in seller.catalog.categories() if c.parent_id is not None)
        run = uuid.uuid4().hex[:6]
        rows = [f"K-{run}-{i:04d},Kill test lot {i},{category},20.00,EUR,500,1,unit:1,,{warehouse}"
                for i in range(OFFERS)]
        header = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse"
        assert seller.seller.import_csv("\n".join([header, *rows]) + "\n", dry_run=False).created == OFFERS
        offers = [o.model_dump(mode="json") for o in seller.seller.offers(limit=500) if o.sku.startswith(f"K-{run}")]
        assert len(offers) == OFFERS
        # what a past session of the app left: the seller signed in (the keyring), the listings copy and
        # the queued edits — a +7 stock delta and a new price per lot, none sent yet
        store = KeyringTokenStore(backend=FileKeyring(keyring_file))
        store.set(server.url, SELLER, seller._token)
        store.set_current_account(server.url, SELLER)
        listings = ListingsStore.for_account(data, server.url, SELLER)
        outbox = Outbox.for_account(data, server.url, SELLER)
        listings.upsert(offers)
        queue_edits(outbox, listings, [edit for o in offers for edit in
                                       (Edit(o["id"], {}, stock_delta=7), Edit(o["id"], {"unit_price": "18.50"}))])
        outbox_path = outbox.path
        listings.close()
        outbox.close()
        total = 2 * OFFERS

        app = _app(home, keyring_file, server.url)
        try:
            wait_for(lambda: _statuses(outbox_path).get("sent", 0) >= 20, timeout=120, what="the drain under way")
        finally:
            assert _stop(app) == -signal.SIGKILL, (tmp_path / "app.log").read_text()
        after_kill = _statuses(outbox_path)
        assert 20 <= after_kill.get("sent", 0) < total, after_kill  # killed in the middle of the drain
        assert after_kill.get("conflict", 0) == after_kill.get("refused", 0) == 0

        again = _app(home, keyring_file, server.url)
        try:
            wait_for(lambda: _statuses(outbox_path) == {"sent": total}, timeout=180, what="every edit sent")
        finally:
            _stop(again, signal.SIGTERM)

        by_id = {o.id: o for o in seller.seller.offers(limit=500)}
        for offer in offers:
            now = by_id[offer["id"]]
            assert now.stock_units == 507, (offer["sku"], now.stock_units)  # +7 once, not twice
            assert str(now.list_price.amount) == "18.50"
            assert now.version == offer["version"] + 2  # two writes, each applied once
    finally:
        seller.close()
