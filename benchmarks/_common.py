"""Helpers every benchmark suite shares: percentiles, timing loops, floors, machine facts, a server."""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from desktop.models.infrastructure.server_process import MarketplaceProcess, free_port

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary_ms(samples_s: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean in milliseconds (rounded to 0.01) of durations given in seconds."""
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def time_calls(fn: Callable[[Any], object], args: Iterable[Any]) -> list[float]:
    """Durations (s) of fn(arg) for each arg, one after the other."""
    out = []
    for arg in args:
        started = time.perf_counter()
        fn(arg)
        out.append(time.perf_counter() - started)
    return out


@dataclass
class LoadResult:
    durations: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.durations) / self.wall_s if self.wall_s else 0.0

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = summary_ms(self.durations) if self.durations else {"n": 0}
        statuses = {str(k): v for k, v in self.statuses.items()}
        out.update(req_per_s=round(self.throughput, 1), statuses=statuses)
        if self.errors:
            out["errors"] = self.errors[:5]
        return out


@dataclass
class Reply:
    """What the load generator read back: enough for `ok` callbacks."""

    status_code: int
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


def run_load(base_url: str, requests: Sequence[tuple[str, dict]], clients: int,
             headers: dict[str, str] | None = None, ok: Callable[[Reply], bool] | None = None,
             interval_s: float | None = None) -> LoadResult:
    """GET each (path, params) once over `clients` keep-alive HTTP/1.1 connections. Closed loop by
    default (each client sends its next request as soon as the previous answer arrived: a saturation
    test); with `interval_s`, each client sends one request every interval_s (spread phases), like a
    user paging through results. Times include reading the whole body.

    The generator shares the machine with the server, so it is as light as it can be: one thread, one
    asyncio loop, raw sockets, requests encoded up front (httpx builds the URLs), responses read by
    Content-Length — a few tens of microseconds of CPU per request, where a thread per client with
    httpx costs about a millisecond."""
    return asyncio.run(_load(base_url, requests, clients, headers or {}, ok, interval_s))


async def _load(base_url: str, requests: Sequence[tuple[str, dict]], clients: int, headers: dict[str, str],
                ok: Callable[[Reply], bool] | None, interval_s: float | None) -> LoadResult:
    base = httpx.URL(base_url)
    host, port = base.host, base.port or 80
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    encoded = []
    for path, params in requests:
        url = base.copy_with(raw_path=base.raw_path.rstrip(b"/") + path.encode()).copy_merge_params(params)
        target = url.raw_path.decode("ascii")
        head = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: */*\r\n{extra}\r\n"
        encoded.append((path, params, head.encode("ascii")))
    result = LoadResult()
    pending = iter(encoded)

    async def client(phase: float) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        loop = asyncio.get_running_loop()
        next_at = loop.time() + phase
        try:
            for path, params, request in pending:
                if interval_s is not None:
                    await asyncio.sleep(max(0.0, next_at - loop.time()))
                    next_at += interval_s
                started = time.perf_counter()
                try:
                    writer.write(request)
                    status, body = await _read_response(reader)
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    result.errors.append(f"{path}: {exc!r}")
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                result.durations.append(time.perf_counter() - started)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if ok is not None and not ok(reply := Reply(status, body)) and len(result.errors) < 20:
                    result.errors.append(f"{path} {params}: {status} {reply.text[:200]}")
        finally:
            writer.close()

    phases = [(interval_s or 0.0) * i / clients for i in range(clients)]
    started = time.perf_counter()
    await asyncio.gather(*(client(phase) for phase in phases))
    result.wall_s = time.perf_counter() - started
    return result


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """One HTTP/1.1 response: (status, body), by Content-Length or chunked transfer encoding."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
    if "content-length" in fields:
        return status, await reader.readexactly(int(fields["content-length"]))
    if fields.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, b"".join(chunks)
            chunks.append(chunk[:-2])
    if status in (204, 304) or 100 <= status < 200:
        return status, b""
    raise ValueError("response without Content-Length or chunked encoding")


def process_cpu_s(pid: int) -> float | None:
    """CPU time (user + system, seconds) a process has used so far; None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def group_cpu_s(pgid: int) -> float | None:
    """CPU time of every live process in process group ``pgid`` (a server and its worker processes)."""
    total, found = 0.0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            found = True
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total if found else None


def machine_facts() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }



class ServerProcess:
    """`python -m marketplace.cli` on a free loopback port, in its own process group. Over an existing
    database, or with `demo=True` seeding demo data into an empty one (sizes from `extra_env`)."""

    def __init__(self, database_url: str, *, extra_env: dict[str, str] | None = None, demo: bool = False,
                 log_path: Path | None = None, start_timeout: float = 120, extra_args: Sequence[str] = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = self.url + "/api/v1"
        self.database_url = database_url
        self.demo = demo
        self.start_timeout = start_timeout
        self.log_path = log_path or Path(tempfile.mkstemp(prefix="bench-server-", suffix=".log")[1])
        self._own_log = log_path is None
        self.env = {**os.environ, "BULKDESK_LOG_LEVEL": "warning", **(extra_env or {})}
        self.extra_args = list(extra_args)
        self.process: subprocess.Popen | None = None
        self._child: MarketplaceProcess | None = None

    def start(self) -> ServerProcess:
        """Start it (the app's own launcher, desktop/models/infrastructure/server_process.py) and wait for /health."""
        self._child = MarketplaceProcess(self.database_url, self.log_path, demo=self.demo, port=self.port,
                                         env=self.env, extra_args=self.extra_args, cwd=ROOT)
        self._child.start()
        self.process = self._child.process
        self._child.wait_until_healthy(self.start_timeout)
        return self

    def stop(self) -> None:
        if self._child is not None:
            self._child.stop(timeout=15)
            self._child = None
        if self._own_log:
            self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def demo_server(folder: Path, *, offers: int, orders: int) -> ServerProcess:
    """A demo marketplace (seeded on its first start, which may take minutes at 100,000 offers)."""
    return ServerProcess(
        f"sqlite:///{folder / 'market.sqlite3'}", demo=True, log_path=folder / "server.log", start_timeout=900,
        extra_env={"BULKDESK_DEMO_OFFERS": str(offers), "BULKDESK_DEMO_ORDERS": str(orders),
                   "XDG_DATA_HOME": str(folder / "xdg"), "LOCALSTRIPE_STATE_DIR": str(folder)},
    )


def emit(result: dict[str, Any], as_json: bool) -> None:
    """Print the suite's result: one JSON object (--json), or one `key: value` line per entry."""
    if as_json:
        print(json.dumps(result, default=str))
        return
    for key, value in result.items():
        print(f"{key}: {json.dumps(value, default=str) if isinstance(value, dict | list) else value}")


def check_floor(name: str, value: float | None, target: float, results: dict[str, Any]) -> None:
    """Record whether `value` meets its target (≤); results["targets"][name] = {value, target, met}."""
    results.setdefault("targets", {})[name] = {
        "value": value, "target": target, "met": value is not None and value <= target,
    }
