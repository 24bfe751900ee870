"""RFC 9457 problem documents: every error the API returns, with a stable `code` and the request id."""

from __future__ import annotations

import logging
from contextvars import ContextVar
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("marketplace")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str
    code: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document. Some codes add fields (e.g. `available_units`, `current`)."""

    model_config = {"extra": "allow"}
    type: str = Field(examples=["https://bulkdesk.example/problems/not_found"])
    title: str
    status: int
    detail: str
    code: str = Field(description="Stable snake_case machine code")
    errors: list[FieldError] = []
    request_id: str


class ApiError(Exception):
    """Raise anywhere in a request: becomes a problem document; the transaction is rolled back."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra


def not_found(what: str = "resource") -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")


def field_error(status: int, code: str, field: str, message: str) -> ApiError:
    """A problem about one field, its code and message repeated in `errors`."""
    return ApiError(status, code, message, errors=[{"field": field, "code": code, "message": message}])


def problem_response(
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"https://bulkdesk.example/problems/{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        "errors": errors or [],
        "request_id": request_id_var.get(),
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def internal_error() -> JSONResponse:
    return problem_response(500, "internal_error", "Something went wrong on the server; nothing was saved.")


def payload_too_large(limit: int) -> JSONResponse:
    return problem_response(413, "payload_too_large", f"The request body is over {limit} bytes.")


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


_PYDANTIC_CODES = {
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "json_invalid": "invalid_json",
    "too_long": "too_long",
    "string_too_long": "too_long",
    "string_too_short": "too_short",
    "too_short": "too_short",
    "greater_than_equal": "too_small",
    "greater_than": "too_small",
    "less_than_equal": "too_large",
    "less_than": "too_large",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        return problem_response(exc.status, exc.code, exc.detail, exc.errors, exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        errors = []
        for err in exc.errors():
            code = _PYDANTIC_CODES.get(err.get("type", ""), "invalid")
            # A validator of ours may say which stable code applies (ValueError("weak_password: ...")).
            msg = str(err.get("msg", "Invalid value."))
            if msg.startswith("Value error, "):
                msg = msg.removeprefix("Value error, ")
                if ":" in msg and msg.split(":", 1)[0].replace("_", "").isalpha():
                    code, msg = (s.strip() for s in msg.split(":", 1))
            errors.append({"field": _field_name(tuple(err.get("loc", ()))), "code": code, "message": msg})
        # Where one field error carries a contract code (weak_password...), the problem uses it too.
        top = next((e["code"] for e in errors if e["code"] in CONTRACT_FIELD_CODES), "validation_error")
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5]) or "Invalid request."
        return problem_response(422, top, detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        limit = request.scope.get("state", {}).get("body_too_large")
        if limit:
            return payload_too_large(limit)
        if exc.status_code == 400 and str(exc.detail).startswith("There was an error parsing the body"):
            # A body that is not even UTF-8 JSON: the same answer as any other unreadable JSON.
            return problem_response(422, "invalid_json", "The request body is not valid JSON.",
                                    [{"field": "body", "code": "invalid_json", "message": "Not valid JSON."}])
        code = _STATUS_CODES.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem_response(exc.status_code, code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception):  # pragma: no cover - a bug if reached
        log.exception("unhandled error (request %s)", request_id_var.get())
        return internal_error()


#: field-level codes that the contract names as the problem's own code
CONTRACT_FIELD_CODES = {"weak_password", "invalid_currency"}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries documenting problem documents for the given statuses."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in codes:
        out[status] = {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return out
