"""Network settings of the API client: server, proxy, trust store, timeouts, retries, User-Agent."""

from __future__ import annotations

import logging
import platform
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import httpx

__all__ = ["API_PREFIX", "ClientConfig", "build_ssl_context", "client_version", "user_agent"]

API_PREFIX = "/api/v1"

log = logging.getLogger("desktop.api_client")


def client_version() -> str:
    try:
        return metadata.version("bulkdesk")
    except metadata.PackageNotFoundError:
        return "0.0"


def _os_name() -> str:
    system = platform.system() or "unknown"
    release = platform.release()
    if system == "Darwin":
        system, release = "macOS", platform.mac_ver()[0] or release
    return f"{system} {release}".strip()


def user_agent() -> str:
    """``Bulkdesk/<version> (<os>)``."""
    return f"Bulkdesk/{client_version()} ({_os_name()})"


def build_ssl_context(extra_ca_file: str | Path | None = None) -> ssl.SSLContext:
    """The OS trust store (``truststore``), plus an optional extra CA bundle (a company's TLS proxy): its
    certificates are trusted in addition to the system's. A bundle that cannot be read (a policy naming a
    missing file) is logged and left out: the servers it would vouch for then fail with a TlsError, the
    others still work."""
    import truststore

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if extra_ca_file:
        try:
            context.load_verify_locations(cafile=str(Path(extra_ca_file).expanduser()))
        except (OSError, ssl.SSLError) as exc:
            log.warning("the extra CA bundle %s cannot be used (%s): the system's certificates only",
                        extra_ca_file, exc)
    return context


@dataclass(frozen=True)
class ClientConfig:
    """Everything the client needs to reach the server. ``server_url`` is the site root (no /api/v1)."""

    server_url: str
    #: an explicit proxy URL; None = the environment's (HTTP(S)_PROXY, NO_PROXY) when trust_env
    proxy: str | None = None
    trust_env: bool = True
    extra_ca_file: str | Path | None = None
    #: verify TLS with the OS trust store; False only for tests against self-signed servers
    verify_tls: bool = True
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    #: a write's read timeout (POST/PUT/PATCH/DELETE without a timeout of its own): a hung server is told
    #: apart from a slow read in seconds, and the caller who keeps the write's key retries it later
    write_timeout: float = 6.0
    max_retries: int = 2
    #: the first backoff delay, doubled on every attempt, jittered
    initial_retry_delay: float = 0.5
    max_retry_delay: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    user_agent: str = field(default_factory=user_agent)
    #: the UI language ("fr", "en"): the server answers the texts it owns (category names) in it
    accept_language: str | None = None

    @property
    def base_url(self) -> str:
        return self.server_url.rstrip("/") + API_PREFIX

    def timeout(self, read: float | None = None) -> httpx.Timeout:
        return httpx.Timeout(self.read_timeout if read is None else read, connect=self.connect_timeout)

    def headers(self) -> dict[str, str]:
        """Sent with every request."""
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        if self.accept_language:
            headers["Accept-Language"] = self.accept_language
        return headers

    def build_http_client(self, transport: httpx.BaseTransport | None = None) -> httpx.Client:
        """The one keep-alive httpx.Client (gzip is httpx's default)."""
        verify: ssl.SSLContext | bool = build_ssl_context(self.extra_ca_file) if self.verify_tls else False
        return httpx.Client(
            base_url=self.base_url,
            timeout=self.timeout(),
            proxy=self.proxy,
            trust_env=self.trust_env,
            verify=verify,
            transport=transport,
            headers=self.headers(),
            follow_redirects=False,
        )
