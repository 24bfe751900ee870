"""Network settings: the OS trust store plus an extra CA bundle, TLS failures, HTTP proxies."""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.api_client import OfflineError, TlsError
from tests.support.tls import make_ca_and_cert


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.seen.append((self.requestline, self.headers.get("Host")))
        body = json.dumps([]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(server: ThreadingHTTPServer):
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def https_server(tmp_path):
    ca_pem, cert_pem, key_pem = make_ca_and_cert(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_pem, key_pem)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    _serve(server)
    yield server, ca_pem
    server.shutdown()
    server.server_close()


def test_an_untrusted_certificate_is_a_tls_error_not_retried(https_server, make_client, sleeps):
    server, _ca = https_server
    client = make_client(f"https://127.0.0.1:{server.server_address[1]}")
    with pytest.raises(TlsError) as info:
        client.catalog.currencies()
    assert not isinstance(info.value, OfflineError)
    assert sleeps.calls == []
    assert "certificate" in str(info.value).lower()


def test_the_extra_ca_bundle_is_trusted(https_server, make_client):
    server, ca = https_server
    client = make_client(f"https://127.0.0.1:{server.server_address[1]}", extra_ca_file=ca)
    assert client.catalog.currencies() == []
    assert server.seen[0][0] == "GET /api/v1/currencies HTTP/1.1"


@pytest.fixture
def http_proxy():
    server = _serve(ThreadingHTTPServer(("127.0.0.1", 0), _Handler))
    yield server
    server.shutdown()
    server.server_close()


def test_an_explicit_proxy_is_used(http_proxy, make_client):
    client = make_client("http://market.invalid", proxy=f"http://127.0.0.1:{http_proxy.server_address[1]}")
    assert client.catalog.currencies() == []
    assert http_proxy.seen == [("GET http://market.invalid/api/v1/currencies HTTP/1.1", "market.invalid")]


def test_the_environment_proxy_is_used(http_proxy, make_client, monkeypatch):
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{http_proxy.server_address[1]}")
    client = make_client("http://market.invalid")
    assert client.catalog.currencies() == []
    assert http_proxy.seen[0][0] == "GET http://market.invalid/api/v1/currencies HTTP/1.1"
    ignoring = make_client("http://127.0.0.1:9", trust_env=False, max_retries=0)
    with pytest.raises(OfflineError):
        ignoring.catalog.currencies()
    assert len(http_proxy.seen) == 1


def test_the_extra_ca_bundle_is_added_to_the_system_trust_store(tmp_path, make_client, monkeypatch):
    """A server the system trusts stays trusted when a company's CA is added (it is not a replacement).
    "The system" here is OpenSSL's default CA file, which truststore reads on Linux (SSL_CERT_FILE)."""
    servers = []
    for name in ("system", "company"):
        folder = tmp_path / name
        folder.mkdir()
        ca, cert, key = make_ca_and_cert(folder, name=f"Bulkdesk Test {name} CA")
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        servers.append((_serve(server), ca))
    (system, system_ca), (company, company_ca) = servers
    monkeypatch.setenv("SSL_CERT_FILE", str(system_ca))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    try:
        plain = make_client(f"https://127.0.0.1:{system.server_address[1]}")
        assert plain.catalog.currencies() == []  # the system store alone
        for server in (system, company):
            client = make_client(f"https://127.0.0.1:{server.server_address[1]}", extra_ca_file=company_ca)
            assert client.catalog.currencies() == []  # both: the system's CA and the added one
    finally:
        for server, _ca in servers:
            server.shutdown()
            server.server_close()
