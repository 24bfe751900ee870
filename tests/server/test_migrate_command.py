"""Migrations as a deployment step of their own: `bulkdesk-server migrate` (marketplace/migrate.py), and
servers started with `--schema check` that refuse an old schema instead of upgrading it."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from sqlalchemy import inspect, text

from marketplace.app import create_app
from marketplace.config import Config
from marketplace.db import Database
from marketplace.schema_setup import SchemaNotCurrent, head_revision
from tests.support.server import cleanup, fresh_database_url, make_server


def _migrate(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "marketplace.cli", "migrate", "--database", url, *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def _revision(url: str) -> str | None:
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        db.dispose()


def test_migrate_upgrades_an_empty_database_and_exits_0_when_the_schema_is_current(tmp_path):
    url = fresh_database_url(tmp_path)
    check = _migrate(url, "--check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "needs upgrading" in check.stdout
    assert _revision(url) is None  # --check changes nothing

    first = _migrate(url)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _revision(url) == head_revision()
    again = _migrate(url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"already at {head_revision()}" in again.stdout
    assert _migrate(url, "--check").returncode == 0


def test_migrate_exits_2_when_the_database_cannot_be_reached(tmp_path):
    result = _migrate(f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot be reached" in result.stderr


@pytest.mark.parametrize("workers", [1, 2], ids=["one-process", "two-workers"])
def test_a_server_with_schema_check_refuses_an_old_schema_and_starts_on_a_current_one(workers):
    server = make_server(offers=0, orders=0, demo=False)
    server.extra_args = ["--schema", "check", "--workers", str(workers)]
    try:
        server.launch()
        assert server.process.wait(60) == 2, server.log_text()
        assert "bulkdesk-server migrate" in server.log_text()
        assert _revision(server.database_url) is None  # it did not upgrade

        assert _migrate(server.database_url).returncode == 0
        server.start()
        assert httpx.get(server.api + "/ready", timeout=30).status_code == 200
    finally:
        cleanup(server)


def test_schema_check_reaches_every_worker_whose_app_then_refuses_an_old_schema(tmp_path, monkeypatch):
    """Workers build their app from the environment the launcher fills in (marketplace/asgi.py): the
    setting travels with it, and an app started on an old schema fails its start-up instead of upgrading."""
    from starlette.testclient import TestClient

    url = fresh_database_url(tmp_path)
    for name, value in Config(database_url=url, schema="check").to_env().items():
        monkeypatch.setenv(name, value)
    config = Config.from_env()
    assert config.schema == "check"
    app = create_app(config)
    try:
        with pytest.raises(SchemaNotCurrent), TestClient(app):
            pass
    finally:
        app.state.db.dispose()
    assert _revision(url) is None
