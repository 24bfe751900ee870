"""Downloads of absolute URLs (offer pictures) with the API client's network settings: the same proxy,
the OS trust store plus the same extra CA bundle (a company's TLS-inspecting proxy).

    downloader = Downloader(proxy="http://proxy.corp:3128", extra_ca_file="/etc/corp-ca.pem")
    data = downloader.fetch("https://market.example/media/1.png")   # in a worker thread
    downloader.configure(proxy=None, extra_ca_file=None)           # new settings: the next fetch uses them
    downloader.close()

The httpx client is made by the first fetch, in that worker: this module imports nothing heavy, so the
app's composition root can make a Downloader before its first paint (httpx and a TLS context cost
~50 ms). Thread-safe.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

__all__ = ["Downloader"]


class Downloader:
    def __init__(
        self,
        *,
        proxy: str | None = None,
        extra_ca_file: str | Path | None = None,
        trust_env: bool = True,
        read_timeout: float = 15.0,
        connect_timeout: float = 5.0,
    ) -> None:
        self._lock = threading.Lock()
        self._proxy, self._extra_ca_file, self._trust_env = proxy, extra_ca_file, trust_env
        self._timeouts = (read_timeout, connect_timeout)
        self._client: httpx.Client | None = None
        self._retired: list[httpx.Client] = []
        self._closed = False

    def configure(self, *, proxy: str | None, extra_ca_file: str | Path | None) -> None:
        """New network settings: the next fetch makes a client with them (running ones finish)."""
        with self._lock:
            self._proxy, self._extra_ca_file = proxy, extra_ca_file
            if self._client is not None:
                self._retired.append(self._client)
                self._client = None

    def fetch(self, url: str) -> bytes:
        """The body of ``GET url`` (redirects followed); httpx.HTTPError when it fails."""
        response = self._http().get(url)
        response.raise_for_status()
        return response.content

    def close(self) -> None:
        with self._lock:
            self._closed = True
            clients = [*self._retired, *([self._client] if self._client is not None else [])]
            self._client, self._retired = None, []
        for client in clients:
            client.close()

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._closed:
                raise RuntimeError("the downloader is closed")
            if self._client is None:
                import httpx

                from .config import build_ssl_context, user_agent

                read, connect = self._timeouts
                self._client = httpx.Client(
                    timeout=httpx.Timeout(read, connect=connect), follow_redirects=True,
                    proxy=self._proxy, trust_env=self._trust_env, verify=build_ssl_context(self._extra_ca_file),
                    headers={"User-Agent": user_agent()},
                )
            return self._client
