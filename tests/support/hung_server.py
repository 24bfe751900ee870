"""A loopback relay in front of a real server that can hang: it accepts connections and stays silent.

    with HangingRelay(live_server.url) as relay:
        client = signed_in(relay.url, SELLER)   # through the relay: the real server answers
        relay.hang()                            # from now on: connections accepted, requests read, no answer
        ...
        relay.answer()                          # the hung connections are dropped; new ones reach the server

Bytes are relayed as they are (no HTTP parsing), so keep-alive, bodies and headers are the real ones.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from urllib.parse import urlsplit

__all__ = ["HangingRelay"]


class HangingRelay:
    def __init__(self, upstream_url: str) -> None:
        target = urlsplit(upstream_url)
        self._upstream = (target.hostname or "127.0.0.1", target.port or 80)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._lock = threading.Lock()
        self._hung = False
        self._held: list[socket.socket] = []
        self._open: set[socket.socket] = set()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        #: connections accepted while hung (each a request that never got an answer)
        self.silent_connections = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def hang(self) -> None:
        """New connections are accepted and read, never answered; open relayed ones are dropped (a
        keep-alive connection would otherwise still reach the server)."""
        with self._lock:
            self._hung = True
            relayed, self._open = self._open, set()
        for sock in relayed:
            _close(sock)

    def answer(self) -> None:
        """The server answers again: the silent connections are dropped, new ones are relayed."""
        with self._lock:
            self._hung = False
            held, self._held = self._held, []
        for sock in held:
            _close(sock)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                hung = self._hung
                if hung:
                    self._held.append(conn)
                    self.silent_connections += 1
            if not hung:
                threading.Thread(target=self._relay, args=(conn,), daemon=True).start()
            else:
                threading.Thread(target=self._swallow, args=(conn,), daemon=True).start()

    def _swallow(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while conn.recv(65536):
                pass

    def _relay(self, conn: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self._upstream, timeout=30)
        except OSError:
            _close(conn)
            return
        with self._lock:
            self._open.add(conn)
        sockets = [conn, upstream]
        try:
            while not self._closed.is_set():
                readable, _, broken = select.select(sockets, [], sockets, 0.5)
                if broken:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is conn else conn).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            with self._lock:
                self._open.discard(conn)
            _close(upstream)
            _close(conn)

    def __enter__(self) -> HangingRelay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed.set()
        _close(self._listener)
        self.answer()
        with self._lock:
            relayed, self._open = self._open, set()
        for sock in relayed:
            _close(sock)
        self._thread.join(5)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
