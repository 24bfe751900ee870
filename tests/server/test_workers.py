"""Several worker processes (bulkdesk-server --workers 2; marketplace/serving.py on Linux): connections
spread over them, a worker that dies is replaced, and stopping the server stops them all."""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.server import bare_workers
from tests.support.wait import wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a listening socket per worker: Linux")


@pytest.fixture
def two_workers():
    with bare_workers(2) as server:
        yield server


def test_a_burst_of_connections_is_spread_over_both_workers(two_workers):
    """32 keep-alive clients connecting at once: each worker takes a fair share (each listens on a
    socket of its own; with one shared socket the first worker awake used to accept them all)."""
    workers = _workers(two_workers.process.pid)
    assert len(workers) == 2, workers
    host, port = two_workers.url.removeprefix("http://").split(":")
    # other tests' clients may hold some open
    before = {pid: _established(pid, int(port)) for pid in workers}
    # connected in one go, before either worker accepts any: they all wait in the kernel at once
    clients = [socket.create_connection((host, int(port)), timeout=30) for _ in range(32)]
    try:
        for client in clients:
            client.sendall(f"GET /api/v1/health HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        assert all(client.recv(64).startswith(b"HTTP/1.1 200") for client in clients)
        held = {pid: _established(pid, int(port)) - before[pid] for pid in workers}
    finally:
        for client in clients:
            client.close()
    assert sum(held.values()) == 32, held
    assert min(held.values()) >= 6, held  # even shares would be 16 each; 6 or fewer: odds under 1 in 2,000


def _workers(server_pid: int) -> list[int]:
    """The server's worker processes (its spawned children, not multiprocessing's resource tracker)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, ValueError):
            continue
        if ppid == server_pid and b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
            out.append(int(stat.parent.name))
    return out


def _established(pid: int, port: int) -> int:
    """Clients' TCP connections to `port` that process `pid` holds open in the ESTABLISHED state (from
    /proc). Only those: on PostgreSQL a worker also holds its own connections to the database, which it
    may open at any moment (its housekeeping), and which once counted here as a 33rd client."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if fields[3] == "01" and fields[9] in inodes and local_port == port:  # 01: ESTABLISHED
                count += 1
    return count


def test_a_worker_that_dies_is_replaced_and_the_server_keeps_answering(two_workers):
    first = _workers(two_workers.process.pid)
    assert len(first) == 2
    os.kill(first[0], signal.SIGKILL)

    def replaced() -> list[int] | None:
        now = _workers(two_workers.process.pid)
        return now if len(now) == 2 and first[0] not in now else None

    now = wait_for(replaced, what="a new worker in place of the killed one")
    assert len(now) == 2 and first[0] not in now and first[1] in now, (first, now)
    for _ in range(10):  # fresh connections, so either worker answers
        assert httpx.get(two_workers.api + "/health", timeout=30).status_code == 200


def test_stopping_the_server_stops_every_worker(two_workers):
    """SIGTERM to the server's own process only (as an init system may send it): its workers end too."""
    workers = _workers(two_workers.process.pid)
    assert len(workers) == 2
    os.kill(two_workers.process.pid, signal.SIGTERM)
    two_workers.process.wait(30)
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), what="every worker to end")
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
