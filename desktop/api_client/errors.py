"""The API client's one error hierarchy.

    ApiError
    ├── ApiConnectionError            the request got no HTTP answer
    │   ├── OfflineError              cannot reach the server (refused, DNS, dropped before a response)
    │   ├── TlsError                  the server's certificate is not trusted (add a CA bundle in settings)
    │   └── ApiTimeoutError           the server did not answer in time
    │       (ConnectTimeoutError is both: the server could not be reached in time)
    ├── MalformedResponseError        an answer that does not match the contract
    └── ApiStatusError                a 4xx/5xx answer, with the problem document's code, detail, errors
        ├── BadRequestError 400, AuthenticationError 401 (→ AuthExpiredError), ForbiddenError 403,
        ├── NotFoundError 404, ConflictError 409, VersionConflictError 412,
        └── UnprocessableError 422, ThrottledError 429, ServerError 5xx

Messages never contain a token or a request header: they carry the method, the path, the status,
the problem ``code``/``detail`` and the request id, which is what a "copy details" button needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations: the views import these classes before httpx is loaded
    import httpx

    from .types.catalog import Offer

__all__ = [
    "ApiConnectionError",
    "ApiError",
    "ApiStatusError",
    "ApiTimeoutError",
    "AuthExpiredError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ConnectTimeoutError",
    "FieldError",
    "ForbiddenError",
    "MalformedResponseError",
    "NotFoundError",
    "OfflineError",
    "ServerError",
    "ThrottledError",
    "TlsError",
    "UnprocessableError",
    "VersionConflictError",
]


class ApiError(Exception):
    """Base of every error the API client raises."""

    def __init__(self, message: str, *, method: str | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class ApiConnectionError(ApiError):
    """No HTTP answer came back."""


class OfflineError(ApiConnectionError):
    """The server cannot be reached: connection refused, DNS failure, connection dropped before a response.

    For a mutating request without an Idempotency-Key the outcome is unknown: the server may have
    committed it before the connection dropped.
    """


class TlsError(ApiConnectionError):
    """The TLS handshake failed, usually an untrusted certificate (a company proxy: add its CA bundle)."""


class ApiTimeoutError(ApiConnectionError):
    """The server did not answer within the timeout."""


class ConnectTimeoutError(OfflineError, ApiTimeoutError):
    """Connecting took longer than the connect timeout (both offline and a timeout)."""


class MalformedResponseError(ApiError):
    """The server answered, but not in the shape the contract fixes (bad JSON, missing/mistyped field)."""

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, method=method, path=path)
        self.status = status
        self.request_id = request_id


@dataclass(frozen=True)
class FieldError:
    """One entry of a problem document's ``errors`` list."""

    field: str | None
    code: str | None
    message: str | None
    extra: dict[str, Any] | None = None


class ApiStatusError(ApiError):
    """The server answered with an error status; the fields come from its RFC 9457 problem document."""

    status: int

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str | None = None,
        path: str | None = None,
        code: str | None = None,
        title: str | None = None,
        detail: str | None = None,
        errors: list[FieldError] | None = None,
        request_id: str | None = None,
        problem: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, method=method, path=path)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.request_id = request_id
        #: the whole problem document, for extra members such as ``available_units``
        self.problem = problem or {}


class BadRequestError(ApiStatusError):
    """400."""


class AuthenticationError(ApiStatusError):
    """401 for a request that carried no token (e.g. ``invalid_credentials`` at login)."""


class AuthExpiredError(AuthenticationError):
    """401 for a request that carried a token: the token was cleared, the user must sign in again."""


class ForbiddenError(ApiStatusError):
    """403."""


class NotFoundError(ApiStatusError):
    """404 (also what another account's resources answer)."""


class ConflictError(ApiStatusError):
    """409: ``email_taken``, ``stock_changed``, ``cancellation_not_allowed``, ``invalid_transition``…"""


class VersionConflictError(ApiStatusError):
    """412 ``version_conflict``: ``current`` is the server's current offer (or None if absent)."""

    current: Offer | None = None


class UnprocessableError(ApiStatusError):
    """422: validation failed (``errors`` lists the fields) or a quote issue blocks the checkout."""


class ThrottledError(ApiStatusError):
    """429: ``retry_after`` is the server's wait in seconds, when it sent one."""

    retry_after: float | None = None


class ServerError(ApiStatusError):
    """5xx."""


_STATUS_CLASSES: dict[int, type[ApiStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: VersionConflictError,
    422: UnprocessableError,
    429: ThrottledError,
}


def _field_errors(raw: object) -> list[FieldError]:
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        if isinstance(item, dict):
            known = {"field", "code", "message"}
            extra = {k: v for k, v in item.items() if k not in known} or None
            out.append(
                FieldError(_str(item.get("field")), _str(item.get("code")), _str(item.get("message")), extra)
            )
    return out


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else (None if value is None else str(value))


def status_error_from_response(
    response: httpx.Response, *, token_was_sent: bool, retry_after: float | None = None
) -> ApiStatusError | MalformedResponseError:
    """Build the right ApiStatusError subclass from an error response and its problem document."""
    status = response.status_code
    problem: dict[str, Any] = {}
    try:
        parsed = json.loads(response.content) if response.content else {}
        if isinstance(parsed, dict):
            problem = parsed
    except ValueError:
        problem = {}
    if status >= 500:
        cls: type[ApiStatusError] = ServerError
    else:
        cls = _STATUS_CLASSES.get(status, ApiStatusError)
    if cls is AuthenticationError and token_was_sent:
        cls = AuthExpiredError
    code = _str(problem.get("code"))
    detail = _str(problem.get("detail"))
    title = _str(problem.get("title"))
    request_id = _str(problem.get("request_id")) or response.headers.get("x-request-id")
    method = response.request.method
    path = response.request.url.path
    summary = detail or title or response.reason_phrase or "error"
    message = f"{method} {path} → {status}" + (f" {code}" if code else "") + f": {summary}"
    if request_id:
        message += f" (request id {request_id})"
    error = cls(
        message,
        status=status,
        method=method,
        path=path,
        code=code,
        title=title,
        detail=detail,
        errors=_field_errors(problem.get("errors")),
        request_id=request_id,
        problem=problem,
    )
    if isinstance(error, ThrottledError):
        error.retry_after = retry_after
    if isinstance(error, VersionConflictError) and isinstance(problem.get("current"), dict):
        from .types.catalog import Offer

        try:
            error.current = Offer.model_validate_json(json.dumps(problem["current"]), strict=True)
        except ValueError as exc:
            return MalformedResponseError(
                f"{method} {path} → 412 with a malformed current offer: {exc}",
                method=method,
                path=path,
                status=status,
                request_id=request_id,
            )
    return error
