"""Network settings: the OS trust store plus an extra CA bundle, TLS failures, HTTP proxies."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop.api_client import OfflineError, TlsError


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


def _make_ca_and_cert(folder):
    """A private CA and a certificate for 127.0.0.1 signed by it; returns (ca.pem, cert.pem, key.pem)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bulkdesk Test Corporate CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_pem, cert_pem, key_pem


@pytest.fixture
def https_server(tmp_path):
    ca_pem, cert_pem, key_pem = _make_ca_and_cert(tmp_path)
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
