"""A TCP forwarder on loopback that a test can cut and restore: a database that goes away and comes back.

    with TcpGate("127.0.0.1", pg_port) as gate:   # gate.port forwards to pg_port
        ...
        gate.cut()       # connections through it are closed and new ones refused
        gate.restore()   # it listens again on the same port
        gate.stall()     # connections are closed; new ones are accepted and never answered (a partition)
"""

from __future__ import annotations

import contextlib
import socket
import threading

__all__ = ["TcpGate"]


class TcpGate:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def __enter__(self) -> TcpGate:
        self._listen(stalled=False)
        return self

    def __exit__(self, *exc: object) -> None:
        self.cut()

    def stall(self) -> None:
        """Close the connections through it and hold new ones open unanswered (a host gone silent)."""
        self.cut()
        self._listen(stalled=True)

    def restore(self) -> None:
        """Listen (again) on the same port and forward what comes in."""
        self.cut()
        self._listen(stalled=False)

    def _listen(self, *, stalled: bool) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener, stalled), name="tcp-gate", daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._open = self._open, set()
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket, stalled: bool) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            if stalled:
                with self._lock:
                    self._open.add(client)  # held, never read: closed at the next cut
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
