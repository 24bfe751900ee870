"""Several worker processes on one port, each with a listening socket of its own (SO_REUSEPORT, Linux),
so the kernel spreads new connections over the workers.

uvicorn's own `--workers` shares one listening socket: whichever worker wakes first accepts every
connection waiting, so a burst of keep-alive clients may all land on one worker while the others idle.
Measured with 2 workers and 32 clients (benchmarks server): in one run of two, one worker took all 32
connections and the server answered 415-429 requests/s on one CPU instead of 785-835 on two. With a
socket per worker the kernel hashes each connection to one of them.

Elsewhere (macOS, Windows: SO_REUSEPORT does not balance there) cli.py keeps uvicorn's supervisor.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
import time
from typing import Any

log = logging.getLogger("marketplace.serving")

#: uvicorn's exit status when a worker cannot start (port taken, app failing to load)
STARTUP_FAILURE = 3
#: how long stopping workers may take to finish their requests before they are killed (at least 5 s more
#: than their own graceful timeout, `--graceful-timeout`)
STOP_TIMEOUT_S = 30.0


def available(port: int) -> bool:
    """Whether the workers can each have a socket: Linux, and a fixed port (0 would differ per worker)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT") and port != 0


def listen(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    return sock


def _worker(app: str, options: dict[str, Any]) -> None:  # pragma: no cover - runs in a spawned process
    import uvicorn

    config = uvicorn.Config(app, factory=True, **options)
    try:
        sock = listen(config.host, config.port, config.backlog)
    except OSError as exc:
        logging.getLogger("uvicorn.error").error("cannot listen on %s:%s: %s", config.host, config.port, exc)
        sys.exit(STARTUP_FAILURE)
    uvicorn.Server(config).run(sockets=[sock])


def run(app: str, workers: int, options: dict[str, Any]) -> int:
    """Run `workers` processes serving the app factory `app` ("module:function") until SIGTERM or
    SIGINT; a worker that dies is replaced, unless it could not start. Returns the exit status."""
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no state forked from this one
    stop = threading.Event()

    def start() -> multiprocessing.process.BaseProcess:
        process = spawn.Process(target=_worker, args=(app, options), name="bulkdesk-worker")
        process.start()
        return process

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    processes = [start() for _ in range(workers)]
    status = 0
    while not stop.wait(0.5):
        for i, process in enumerate(processes):
            if process.is_alive():
                continue
            if process.exitcode == STARTUP_FAILURE:
                log.error("a worker could not start (exit status %s): stopping", process.exitcode)
                stop.set()
                status = STARTUP_FAILURE
                break
            log.warning("worker %s ended (exit status %s): starting another", process.pid, process.exitcode)
            processes[i] = start()
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: uvicorn finishes the requests under way, then exits
    deadline = time.monotonic() + max(STOP_TIMEOUT_S, (options.get("timeout_graceful_shutdown") or 0) + 5)
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
    return status
