"""Liveness and readiness (marketplace/readiness.py): /health says the process is alive, /ready whether it
can serve: 503 while the schema is not current or the database does not answer, 200 again by itself."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from marketplace.db import Database
from marketplace.schema_setup import head_revision
from tests.support.server import cleanup, make_server
from tests.support.tcp_gate import TcpGate
from tests.support.wait import wait_for


@pytest.fixture
def bare_server():
    server = make_server(offers=0, orders=0, demo=False)
    server.start()
    yield server
    cleanup(server)


def _ready(server) -> httpx.Response:
    return httpx.get(server.api + "/ready", timeout=30)


def test_ready_is_200_with_the_schema_revision_and_health_is_unchanged(bare_server):
    r = _ready(bare_server)
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "schema_revision": head_revision()}
    health = httpx.get(bare_server.api + "/health", timeout=30)
    assert health.status_code == 200 and health.json() == {"status": "ok"}


def test_ready_is_in_the_openapi_document_beside_health(bare_server):
    paths = httpx.get(bare_server.url + "/openapi.json", timeout=30).json()["paths"]
    ready = paths["/api/v1/ready"]["get"]
    assert set(ready["responses"]) >= {"200", "503"}
    assert "/api/v1/health" in paths


def test_ready_is_503_while_the_schema_is_not_current_and_200_again_once_it_is(bare_server):
    db = Database(bare_server.database_url)
    head = head_revision()
    try:
        with db.write_engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0006'"))
        r = _ready(bare_server)
        assert r.status_code == 503, r.text
        body = r.json()
        assert body["code"] == "schema_not_current"
        assert body["schema_revision"] == "0006" and body["required_revision"] == head
        assert r.headers["content-type"].startswith("application/problem+json")
        assert int(r.headers["retry-after"]) > 0
        assert httpx.get(bare_server.api + "/health", timeout=30).status_code == 200  # alive all the same
        with db.write_engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        assert _ready(bare_server).status_code == 200
    finally:
        db.dispose()


@pytest.mark.postgres
def test_ready_is_503_while_the_database_is_away_and_the_server_recovers_by_itself():
    server = make_server(offers=0, orders=0, demo=False)
    target = urlsplit(server.database_url.replace("postgresql+psycopg://", "postgresql://"))
    with TcpGate(target.hostname, target.port) as gate:
        server.database_url = server.database_url.replace(f":{target.port}/", f":{gate.port}/", 1)
        server.start()
        try:
            assert _ready(server).status_code == 200
            assert httpx.get(server.api + "/offers", timeout=30).status_code == 200
            gate.cut()
            r = wait_for(lambda: (r := _ready(server)).status_code == 503 and r, what="/ready to say 503")
            assert r.json()["code"] == "database_unavailable", r.text
            assert httpx.get(server.api + "/health", timeout=30).json() == {"status": "ok"}
            assert server.process.poll() is None  # it stays up
            gate.restore()
            wait_for(lambda: _ready(server).status_code == 200, what="/ready to say 200 again")
            gate.stall()  # the database host gone silent: connections accepted, never answered
            started = time.monotonic()
            r = _ready(server)
            assert r.status_code == 503 and r.json()["code"] == "database_unavailable", r.text
            assert time.monotonic() - started < 15  # the check's own limit (5 s), not the TCP timeout
            assert httpx.get(server.api + "/health", timeout=30).status_code == 200
            started = time.monotonic()  # a request that needs the database fails in time, no hang
            assert httpx.get(server.api + "/offers", timeout=90).status_code == 500
            assert time.monotonic() - started < 30  # db.PG_CONNECT_TIMEOUT_S (10 s) per attempt
            gate.restore()
            wait_for(lambda: _ready(server).status_code == 200, timeout=60, what="/ready to say 200 again")
            # and serves again: the pool replaced the connections the cut closed
            for _ in range(25):
                assert httpx.get(server.api + "/offers", timeout=30).status_code == 200
            assert server.process.poll() is None
        finally:
            cleanup(server)
