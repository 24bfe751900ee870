"""A small HTTP proxy on loopback that counts what goes through it (the proxy-settings tests).

It forwards plain requests sent in absolute form (``GET http://host:port/path HTTP/1.1``) and tunnels
``CONNECT host:port`` (HTTPS through a proxy: the TLS is end to end, the proxy sees only the host).
Only loopback targets are served; anything else is refused with 403.

    with CountingProxy() as proxy:
        client = MarketplaceClient(ClientConfig(url, proxy=proxy.url))
        ...
        assert proxy.requests  # ["GET http://127.0.0.1:8123/api/v1/health", "CONNECT 127.0.0.1:8443", ...]
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["CountingProxy"]

LOOPBACK = {"127.0.0.1", "localhost"}


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, *args: object) -> None:
        pass

    def _forward(self) -> None:
        target = urlsplit(self.path)
        if target.scheme != "http" or target.hostname not in LOOPBACK:
            self.send_error(403, "this test proxy serves loopback http:// only")
            return
        self.server.record(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in {"proxy-connection", "connection"}}
        upstream = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=30)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(self.command, path or "/", body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in {"transfer-encoding", "connection", "content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _forward

    def do_CONNECT(self) -> None:
        host, _, port = self.path.rpartition(":")
        if host not in LOOPBACK:
            self.send_error(403, "this test proxy tunnels to loopback only")
            return
        self.server.record(f"CONNECT {self.path}")
        upstream = socket.create_connection((host, int(port)), timeout=30)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _, broken = select.select(sockets, [], sockets, 30)
                if broken or not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        except OSError:
            return
        finally:
            upstream.close()
            self.close_connection = True


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.lock = threading.Lock()
        self.requests: list[str] = []

    def record(self, line: str) -> None:
        with self.lock:
            self.requests.append(line)


class CountingProxy:
    def __init__(self) -> None:
        self._server = _ProxyServer()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def requests(self) -> list[str]:
        """What went through so far: ``"GET http://…"`` lines and ``"CONNECT host:port"`` tunnels."""
        with self._server.lock:
            return list(self._server.requests)

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
