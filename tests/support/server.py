"""Start the real reference server as a child process on a free loopback port."""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop.models.infrastructure.server_process import MarketplaceProcess, free_port


def demo_sqlite(path: Path, *, offers: int, orders: int = 0):
    """A SQLite file at `path` with the schema and a demo catalog of `offers` offers (in process, no
    server): for tests of the server's statements on a catalog of a known size."""
    from marketplace.db import Database
    from marketplace.demo.seed import seed
    from marketplace.schema_setup import ensure_schema

    db = Database(f"sqlite:///{path}")
    ensure_schema(db)
    seed(db, offers=offers, orders=orders)
    return db


def fresh_database_url(folder: Path) -> str:
    """A new empty database: a SQLite file, or a new schema-less database on the PostgreSQL server
    named by BULKDESK_TEST_DATABASE_URL (the suite's PostgreSQL pass)."""
    base = os.environ.get("BULKDESK_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{folder / 'marketplace.sqlite3'}"
    import psycopg

    name = f"bulkdesk_test_{uuid.uuid4().hex[:10]}"
    admin_url = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name


@dataclass
class ServerProcess:
    url: str
    database_url: str
    data_dir: Path
    env: dict[str, str]
    port: int
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    extra_args: list[str] = field(default_factory=list)
    #: seed demo data and start local Stripe (--demo); False gives an empty marketplace
    demo: bool = True
    #: how the health poll checks the server's certificate (a CA file for a server behind TLS)
    verify: ssl.SSLContext | bool = True
    _child: MarketplaceProcess | None = field(default=None, repr=False)

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    def start(self, timeout: float = 120.0) -> None:
        """Start it (the app's own launcher, desktop/models/infrastructure/server_process.py) and wait for /health."""
        self.launch()
        self.wait_until_healthy(timeout)

    def launch(self) -> None:
        """Start the process and return at once (see `start_together`)."""
        self.log_path = self.data_dir / "server.log"
        scheme = self.url.split("://", 1)[0]
        self._child = MarketplaceProcess(self.database_url, self.log_path, demo=self.demo, port=self.port,
                                         env=self.env, extra_args=self.extra_args, scheme=scheme,
                                         verify=self.verify)
        self._child.start()
        self.process = self._child.process

    def wait_until_healthy(self, timeout: float = 120.0) -> None:
        assert self._child is not None, "launch() first"
        self._child.wait_until_healthy(timeout)

    def log_text(self) -> str:
        return self._child.log_tail(100_000) if self._child is not None else ""

    def stop(self) -> None:
        if self._child is not None:
            self._child.stop(timeout=15)
            self._child = None
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def make_server(
    offers: int = 400, orders: int = 80, extra_env: dict[str, str] | None = None, *, demo: bool = True,
    database_url: str | None = None,
) -> ServerProcess:
    data_dir = Path(tempfile.mkdtemp(prefix="bulkdesk-server-"))
    port = free_port()
    env = {
        **os.environ,
        "BULKDESK_DEMO_OFFERS": str(offers),
        "BULKDESK_DEMO_ORDERS": str(orders),
        "BULKDESK_LOG_LEVEL": "warning",
        "XDG_DATA_HOME": str(data_dir / "xdg-data"),
        "LOCALSTRIPE_STATE_DIR": str(data_dir),
        **(extra_env or {}),
    }
    return ServerProcess(url=f"http://127.0.0.1:{port}", database_url=database_url or fresh_database_url(data_dir),
                         data_dir=data_dir, env=env, port=port, demo=demo)


def instances(count: int, *, database_url: str | None = None, demo: bool = False, offers: int = 40,
              orders: int = 4) -> list[ServerProcess]:
    """`count` servers (not started) on one database, a fresh empty one unless `database_url` is given;
    each has its own port, data folder and (with `demo`) local Stripe."""
    first = make_server(offers=offers, orders=orders, demo=demo, database_url=database_url)
    return [first, *(make_server(offers=offers, orders=orders, demo=demo, database_url=first.database_url)
                     for _ in range(count - 1))]


def start_together(servers: list[ServerProcess], timeout: float = 180.0) -> float:
    """Launch every server at the same moment, then wait until each answers /health; the seconds it took
    until the last one did."""
    started = time.monotonic()
    for server in servers:
        server.launch()
    for server in servers:
        server.wait_until_healthy(max(1.0, timeout - (time.monotonic() - started)))
    return time.monotonic() - started


def use_tls(server: ServerProcess, cert_pem: Path, key_pem: Path, ca_pem: Path) -> ServerProcess:
    """Serve ``server`` over HTTPS with this certificate (its health poll trusts ``ca_pem``)."""
    server.extra_args += ["--ssl-certfile", str(cert_pem), "--ssl-keyfile", str(key_pem)]
    server.url = server.url.replace("http://", "https://", 1)
    server.verify = ssl.create_default_context(cafile=str(ca_pem))
    return server


def cleanup(server: ServerProcess) -> None:
    server.stop()
    shutil.rmtree(server.data_dir, ignore_errors=True)


@contextmanager
def bare_workers(count: int = 2) -> Iterator[ServerProcess]:
    """A server without demo data on `count` worker processes (bulkdesk-server --workers), started."""
    server = make_server(offers=0, orders=0, demo=False)
    server.extra_args = ["--workers", str(count)]
    server.start()
    try:
        yield server
    finally:
        cleanup(server)
