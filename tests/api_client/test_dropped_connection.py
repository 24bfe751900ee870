"""The dropping proxy and the client's retry, against a small idempotent loopback server.

The same scenario runs against the real server in test_live_orders.py; this one also checks the proxy."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.api_client import OfflineError, new_idempotency_key

from .helpers import CHECKOUT_RESULT, DroppingProxy, checkout_request


class _IdempotentCheckout(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    groups: dict[str, bytes]
    commits: list[str]

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        json.loads(body)
        key = self.headers.get("Idempotency-Key")
        replayed = key in self.server.groups
        if not replayed:
            self.server.commits.append(key)
            self.server.groups[key] = json.dumps(CHECKOUT_RESULT).encode()
        payload = self.server.groups[key]
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if replayed:
            self.send_header("Idempotent-Replayed", "true")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def idempotent_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _IdempotentCheckout)
    server.groups, server.commits = {}, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_retry_after_a_dropped_connection_reuses_the_key(idempotent_server, make_client, sleeps):
    with DroppingProxy(idempotent_server.server_address[1], drop_marker=b"POST /api/v1/checkout") as proxy:
        client = make_client(proxy.url)
        key = new_idempotency_key()
        result = client.checkout.place(checkout_request(), idempotency_key=key)
    assert proxy.dropped == 1
    assert idempotent_server.commits == [key]  # committed once, answered twice
    assert result.replayed and result.order_group.ref == "G-1"
    assert len(sleeps.calls) == 1


def test_a_dropped_connection_without_retries_left_is_offline(idempotent_server, make_client):
    with DroppingProxy(idempotent_server.server_address[1], drop_marker=b"POST /api/v1/checkout") as proxy:
        client = make_client(proxy.url, max_retries=0)
        with pytest.raises(OfflineError):
            client.checkout.place(checkout_request(), idempotency_key=new_idempotency_key())
    assert len(idempotent_server.commits) == 1  # the server did commit: the key must be kept for a retry
