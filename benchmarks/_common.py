"""Helpers every benchmark suite shares: percentiles, timing loops, floors, machine facts, a server."""

from __future__ import annotations

import json
import math
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

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


def run_load(base_url: str, requests: Sequence[tuple[str, dict]], clients: int,
             headers: dict[str, str] | None = None, ok: Callable[[httpx.Response], bool] | None = None,
             interval_s: float | None = None) -> LoadResult:
    """GET each (path, params) once, `clients` keep-alive clients in threads. Closed loop by default
    (each client sends its next request as soon as the previous answer arrived: a saturation test);
    with `interval_s`, each client sends one request every interval_s (random phase), like a user
    paging through results. Times include reading the body."""
    result = LoadResult()
    lock = threading.Lock()
    queue = list(enumerate(requests))
    cursor = iter(queue)

    def worker(phase: float) -> None:
        with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
            next_at = time.perf_counter() + phase
            while True:
                if interval_s is not None:
                    time.sleep(max(0.0, next_at - time.perf_counter()))
                    next_at += interval_s
                with lock:
                    item = next(cursor, None)
                if item is None:
                    return
                _i, (path, params) = item
                started = time.perf_counter()
                try:
                    reply = client.get(path, params=params)
                    reply.read()
                    elapsed = time.perf_counter() - started
                except httpx.HTTPError as exc:
                    with lock:
                        result.errors.append(f"{path}: {exc!r}")
                    continue
                with lock:
                    result.durations.append(elapsed)
                    result.statuses[reply.status_code] = result.statuses.get(reply.status_code, 0) + 1
                    if ok is not None and not ok(reply) and len(result.errors) < 20:
                        result.errors.append(f"{path} {params}: {reply.status_code} {reply.text[:200]}")

    phases = [(interval_s or 0.0) * i / clients for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(worker, phase) for phase in phases]:
            future.result()
    result.wall_s = time.perf_counter() - started
    return result


def machine_facts() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "machine": platform.machine(),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`python -m marketplace.cli` on a free loopback port over an existing database (no --demo)."""

    def __init__(self, database_url: str, *, extra_env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = self.url + "/api/v1"
        self.database_url = database_url
        self.log = tempfile.NamedTemporaryFile(prefix="bench-server-", suffix=".log", delete=False)  # noqa: SIM115
        self.env = {**os.environ, "BULKDESK_LOG_LEVEL": "warning", **(extra_env or {})}
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> ServerProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "marketplace.cli", "--port", str(self.port),
             "--database", self.database_url],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited:\n" + Path(self.log.name).read_text()[-3000:])
            try:
                if httpx.get(self.api + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start:\n" + Path(self.log.name).read_text()[-3000:])

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


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
