"""Shared helpers of the API client tests: sample documents (an offer, a problem, a checkout request and its
result), a sleep recorder, a dropping proxy."""

from __future__ import annotations

import socket
import threading
from typing import Any

from desktop.api_client.types import CheckoutRequest

BASE = "http://market.test"
API = BASE + "/api/v1"


def offer_doc(offer_id: int = 1, version: int = 1, **overrides: Any) -> dict[str, Any]:
    doc = {
        "id": offer_id,
        "sku": f"SKU-{offer_id}",
        "title": f"Nitrile gloves #{offer_id}",
        "description": "Box of 100",
        "category_id": 3,
        "seller": {"id": 7, "name": "Surplus SA", "country": "PT", "rating": "4.50"},
        "warehouse": {
            "id": 9,
            "country": "PT",
            "city": "Porto",
            "min_order_value": {"amount": "250.00", "currency": "EUR"},
        },
        "unit_price": {"amount": "0.12", "currency": "EUR"},
        "packagings": [{"id": 11, "label": "Box of 100", "units": 100}],
        "moq_units": 1000,
        "stock_units": 50000,
        "collections": ["surplus"],
        "promotion": None,
        "image_urls": [],
        "updated_at": "2026-11-01T10:00:00Z",
        "version": version,
    }
    doc.update(overrides)
    return doc


def checkout_request() -> CheckoutRequest:
    return CheckoutRequest.model_validate(
        {
            "currency": "EUR",
            "lines": [{"offer_id": 1, "packaging_id": 11, "quantity": 10}],
            "shipping": {"9": 2},
            "company": {"name": "ACME", "vat_number": "PT123", "address": "Rua 1, Porto"},
            "delivery_address": {
                "name": "ACME",
                "street": "Rua 1",
                "postcode": "4000",
                "city": "Porto",
                "country": "PT",
            },
            "payment_method": "bank_transfer",
        }
    )


CHECKOUT_RESULT = {
    "order_group": {"ref": "G-1", "orders": [], "total": {"amount": "120.00", "currency": "EUR"}},
    "payment": {
        "method": "bank_transfer",
        "status": "pending",
        "iban": "PT50000",
        "bic": "BIC",
        "beneficiary": "Bulkdesk",
        "reference": "G-1",
        "amount": {"amount": "120.00", "currency": "EUR"},
    },
}


def problem(status: int, code: str, detail: str = "It failed.", **extra: Any) -> dict[str, Any]:
    return {
        "type": f"https://bulkdesk.example/problems/{code}",
        "title": "Error",
        "status": status,
        "detail": detail,
        "code": code,
        "errors": [],
        "request_id": "req-123",
        **extra,
    }


class SleepRecorder:
    """The client's injected sleep: records the delays instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def closed_port() -> int:
    """A loopback port nobody listens on (connecting is refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DroppingProxy:
    """A loopback TCP proxy in a thread. It forwards each connection to the upstream server; for the
    first request whose head contains ``drop_marker`` it relays the request, waits for the server's
    full response head, then closes the client's connection without relaying anything — the
    "connection dropped after the server committed" fault."""

    def __init__(self, upstream_port: int, drop_marker: bytes) -> None:
        self.upstream_port = upstream_port
        self.drop_marker = drop_marker
        self.dropped = 0
        self.connections = 0
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.05)  # accept() wakes up to notice a stop
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> DroppingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        self._thread.join(5)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _should_drop(self, head: bytes) -> bool:
        with self._lock:
            if self.dropped == 0 and self.drop_marker in head:
                self.dropped += 1
                return True
            return False

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        try:
            while True:
                request = _read_http_message(client)
                if not request:
                    return
                upstream.sendall(request)
                response = _read_http_message(upstream)
                if not response:
                    return
                if self._should_drop(request):
                    # the server has answered (so it committed); the client never hears of it
                    client.shutdown(socket.SHUT_RDWR)
                    return
                client.sendall(response)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()


def _read_http_message(sock: socket.socket) -> bytes:
    """One HTTP/1.1 message with a Content-Length body (what httpx sends and uvicorn answers),
    or a chunked body; b"" when the peer closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if b"content-length" in headers:
        length = int(headers[b"content-length"])
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while not body.endswith(b"0\r\n\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return head + b"\r\n\r\n" + body
