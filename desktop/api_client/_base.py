"""The one request loop: auth header, timeouts, retries with backoff, error mapping, response parsing.

Modelled on openai-python's ``_base_client.py``. A request is retried (at most ``max_retries`` times,
jittered exponential backoff, ``Retry-After`` honoured up to ``max_retry_delay``) after a connection
error, a timeout, 408, 429 or 5xx. Every POST/PUT/PATCH/DELETE carries an ``Idempotency-Key``: the
caller's (an action that keeps its key durably, e.g. checkout), else one made for the call before its
first attempt; the same key goes with every attempt, so the server performs the call once. 409, 412 and
422 are never retried.

A write waits ``write_timeout`` (a few seconds) for its answer, a read ``read_timeout``; a call that is
long on purpose (a CSV import, a checkout) passes ``timeout=``. A write that times out with the default
is not retried here: it reached the server, which may be hung; the ApiTimeoutError comes at once and the
caller, who keeps the write's key (the seller outbox), sends it again later.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import ssl
import threading
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, JsonValue, SecretStr, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from .config import ClientConfig
from .errors import (
    ApiTimeoutError,
    AuthExpiredError,
    ConnectTimeoutError,
    MalformedResponseError,
    OfflineError,
    TlsError,
    status_error_from_response,
)
from .tokens import TokenStore, normalize_server_url

__all__ = ["BaseClient", "new_idempotency_key"]

log = logging.getLogger("desktop.api_client")

T = TypeVar("T")

SAFE_METHODS = frozenset({"GET", "HEAD"})
RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))
MAX_BACKOFF = 8.0


def new_idempotency_key() -> str:
    """One key per user action; keep it (with the action) until the action has an answer."""
    return str(uuid.uuid4())


def parse_retry_after(headers: httpx.Headers, now: float | None = None) -> float | None:
    """``Retry-After`` as delay-seconds or an HTTP-date, in seconds (never negative)."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def _query_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date | Decimal | int | float | str):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(_query_value(v) for v in value)
    return str(value)


def clean_params(params: Mapping[str, Any] | None) -> dict[str, str]:
    """Drop None values; booleans, dates, decimals and comma lists as the API writes them."""
    if not params:
        return {}
    return {key: _query_value(value) for key, value in params.items() if value is not None}


@lru_cache(maxsize=256)
def _adapter(tp: type[Any]) -> TypeAdapter[Any]:  # a type form: Offer, Page[Offer], list[Currency]
    return TypeAdapter(tp)


class BaseClient:
    """Owns the httpx.Client, the token and the request loop; resources build on :meth:`request`."""

    def __init__(
        self,
        config: ClientConfig,
        *,
        token_store: TokenStore | None = None,
        account: str | None = None,
        token: SecretStr | str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self._transport = transport
        self._http = config.build_http_client(transport)
        self._retired: list[httpx.Client] = []  # replaced by reconfigure(); closed by close()
        self._token_store = token_store
        self._lock = threading.Lock()
        server = normalize_server_url(config.server_url)
        if account is None and token_store is not None and token is None:
            account = token_store.current_account(server)
        self._account = account
        if token is not None:
            self._token: SecretStr | None = token if isinstance(token, SecretStr) else SecretStr(token)
        elif token_store is not None and account is not None:
            self._token = token_store.get(server, account)
        else:
            self._token = None

    def reconfigure(self, config: ClientConfig) -> None:
        """Use new network settings (proxy, extra CA bundle, timeouts) from the next request on: a new
        httpx.Client; the token and account stay. Requests already running finish on the old client,
        which :meth:`close` closes. The server stays the same (another server is another client)."""
        if normalize_server_url(config.server_url) != self.server_url:
            raise ValueError("reconfigure() keeps the server; make another client for another server")
        http = config.build_http_client(self._transport)
        with self._lock:
            self._retired.append(self._http)
            self._http, self.config = http, config

    # -- token ---------------------------------------------------------------------------------
    @property
    def server_url(self) -> str:
        return normalize_server_url(self.config.server_url)

    @property
    def account(self) -> str | None:
        return self._account

    @property
    def is_authenticated(self) -> bool:
        return self._token is not None

    def set_token(
        self, token: SecretStr | str | None, account: str | None = None, *, persist: bool = True
    ) -> None:
        """Use ``token`` from now on (e.g. a checkout's guest token with ``persist=False``).

        With ``persist`` and an account, it is saved in the token store and becomes the current account.
        """
        secret = None if token is None else token if isinstance(token, SecretStr) else SecretStr(token)
        with self._lock:
            self._token = secret
            self._account = account
        if persist and account is not None and self._token_store is not None:
            if secret is None:
                self._token_store.delete(self.server_url, account)
            else:
                self._token_store.set(self.server_url, account, secret)
                self._token_store.set_current_account(self.server_url, account)

    def clear_token(self) -> None:
        """Forget the token, here and in the token store (sign out locally)."""
        with self._lock:
            account, self._token = self._account, None
        if self._token_store is not None and account is not None:
            self._token_store.delete(self.server_url, account)

    def _expire(self, token: SecretStr) -> None:
        with self._lock:
            if self._token is not token:  # someone signed in meanwhile: keep the new token
                return
            self._token = None
            account = self._account
        if self._token_store is not None and account is not None:
            self._token_store.delete(self.server_url, account)

    # -- the request loop ----------------------------------------------------------------------
    def _backoff(self, attempt: int) -> float:
        delay = min(self.config.initial_retry_delay * 2**attempt, MAX_BACKOFF)
        return delay * (1 - 0.25 * random.random())

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: JsonValue = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        authenticated: bool = True,
        timeout: float | None = None,
    ) -> httpx.Response:
        """Send one logical request, retrying when safe; returns a < 400 response or raises ApiError.
        ``timeout``: this call's read timeout (default: ``write_timeout`` for a write, else ``read_timeout``)."""
        method = method.upper()
        short_write = timeout is None and method not in SAFE_METHODS
        read_timeout = self.config.write_timeout if short_write else timeout
        if idempotency_key is None and method not in SAFE_METHODS:
            # one key per call, made once before the retries: no caller can forget it (openai-python
            # does the same); a caller that keeps its key with a durable action (checkout) passes it
            idempotency_key = new_idempotency_key()
        retryable = method in SAFE_METHODS or idempotency_key is not None
        base_headers = dict(headers or {})
        if idempotency_key is not None:
            base_headers["Idempotency-Key"] = idempotency_key
        body = content
        if json_body is not None:
            body = json.dumps(json_body, separators=(",", ":")).encode()
            base_headers.setdefault("Content-Type", "application/json")
        query = clean_params(params)
        attempt = 0
        while True:
            token = self._token if authenticated else None
            request_headers = dict(base_headers)
            if token is not None:
                request_headers["Authorization"] = f"Bearer {token.get_secret_value()}"
            http = self._http  # one client per attempt (reconfigure() may swap it between attempts)
            request = http.build_request(
                method, path, params=query, content=body, headers=request_headers,
                timeout=self.config.timeout(read_timeout) if read_timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
            started = time.monotonic()
            try:
                response = http.send(request)
            except httpx.TimeoutException as exc:
                self._log(request, None, started, attempt, type(exc).__name__)
                unanswered = short_write and isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout)
                if retryable and attempt < self.config.max_retries and not unanswered:
                    self.config.sleep(self._backoff(attempt))
                    attempt += 1
                    continue
                cls = ConnectTimeoutError if isinstance(exc, httpx.ConnectTimeout) else ApiTimeoutError
                raise cls(
                    f"{method} {request.url.path}: the server did not answer in time ({type(exc).__name__})",
                    method=method,
                    path=request.url.path,
                ) from exc
            except httpx.TransportError as exc:
                self._log(request, None, started, attempt, type(exc).__name__)
                if _is_tls_failure(exc):
                    raise TlsError(
                        f"{method} {request.url.path}: the TLS handshake failed ({_root_cause(exc)})",
                        method=method,
                        path=request.url.path,
                    ) from exc
                if retryable and attempt < self.config.max_retries:
                    self.config.sleep(self._backoff(attempt))
                    attempt += 1
                    continue
                raise OfflineError(
                    f"{method} {request.url.path}: cannot reach the server ({type(exc).__name__}: {exc})",
                    method=method,
                    path=request.url.path,
                ) from exc
            self._log(request, response, started, attempt, None)
            status = response.status_code
            if status < 400:
                return response
            retry_after = parse_retry_after(response.headers)
            # a Retry-After beyond max_retry_delay is not waited for: the error carries it instead
            wait_ok = retry_after is None or retry_after <= self.config.max_retry_delay
            if status in RETRY_STATUSES and retryable and attempt < self.config.max_retries and wait_ok:
                delay = self._backoff(attempt) if retry_after is None else retry_after
                response.close()
                self.config.sleep(delay)
                attempt += 1
                continue
            error = status_error_from_response(
                response, token_was_sent=token is not None, retry_after=retry_after
            )
            if isinstance(error, AuthExpiredError) and token is not None:
                self._expire(token)
            raise error

    def _log(
        self,
        request: httpx.Request,
        response: httpx.Response | None,
        started: float,
        attempt: int,
        failure: str | None,
    ) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return
        elapsed_ms = (time.monotonic() - started) * 1000
        outcome = failure if response is None else str(response.status_code)
        request_id = response.headers.get("x-request-id", "-") if response is not None else "-"
        log.debug(
            "%s %s -> %s request_id=%s elapsed=%.0fms attempt=%d",
            request.method,
            request.url.path,
            outcome,
            request_id,
            elapsed_ms,
            attempt + 1,
        )

    # -- parsing -------------------------------------------------------------------------------
    def parse(self, response: httpx.Response, tp: type[T] | Any) -> T:
        """Validate the JSON body strictly against ``tp``; any mismatch is a MalformedResponseError."""
        try:
            return _adapter(tp).validate_json(response.content, strict=True)
        except PydanticValidationError as exc:
            raise self._malformed(response, _describe(exc)) from None

    def parse_json(self, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except ValueError:
            raise self._malformed(response, "the body is not JSON") from None

    @staticmethod
    def _malformed(response: httpx.Response, why: str) -> MalformedResponseError:
        request_id = response.headers.get("x-request-id")
        method, path = response.request.method, response.request.url.path
        message = f"{method} {path} → {response.status_code}: malformed response: {why}"
        if request_id:
            message += f" (request id {request_id})"
        return MalformedResponseError(
            message, method=method, path=path, status=response.status_code, request_id=request_id
        )

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            clients, self._retired = [*self._retired, self._http], []
        for http in clients:
            http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(server_url={self.server_url!r}, account={self._account!r}, "
            f"authenticated={self.is_authenticated})"
        )


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and its causes, innermost last (cycles and very long chains cut)."""
    chain = [exc]
    while len(chain) < 20:
        nxt = chain[-1].__cause__ or chain[-1].__context__
        if nxt is None or nxt in chain:
            break
        chain.append(nxt)
    return chain


def _is_tls_failure(exc: BaseException) -> bool:
    return any(isinstance(e, ssl.SSLError) for e in _causes(exc))


def _root_cause(exc: BaseException) -> str:
    root = _causes(exc)[-1]
    return f"{type(root).__name__}: {root}"


def _describe(exc: PydanticValidationError) -> str:
    """The validation errors without their input values (an input could be a token)."""
    parts = []
    for err in exc.errors(include_input=False, include_url=False, include_context=False)[:5]:
        location = ".".join(str(p) for p in err["loc"]) or "(body)"
        parts.append(f"{location}: {err['msg']}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def dump(model: BaseModel, *, exclude_none: bool = False, exclude_unset: bool = False) -> dict[str, Any]:
    """A request model as the JSON-compatible body the API expects."""
    return model.model_dump(mode="json", exclude_none=exclude_none, exclude_unset=exclude_unset)
