"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .config import Config
from .db import Database
from .errors import (
    ApiError,
    install_error_handlers,
    internal_error,
    payload_too_large,
    problem_response,
    request_id_var,
)
from .media import MediaSource, StoredMedia
from .schemas.common import Status

log = logging.getLogger("marketplace.requests")
Endpoint = Callable[[Request], Awaitable[Response]]

API_PREFIX = "/api/v1"
#: rendered GET /offers pages kept per worker process (about 60 kB each at 50 offers); "0": no cache
OFFERS_CACHE_PAGES = int(os.environ.get("BULKDESK_OFFERS_CACHE_PAGES", "512"))


class RequestContextMiddleware:
    """Gives each request an id (X-Request-Id, problem documents, the log line) and caps body size."""

    def __init__(self, app: ASGIApp, config: Config, direct: dict[str, Endpoint] | None = None):
        self.app = app
        self.config = config
        self.direct = direct or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)  # 16 hex digits, as uuid4().hex[:16] gave, at a third of its cost
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status_holder = {"status": 500}
        path = scope.get("path", "")
        limit = self.config.max_csv_bytes if path.endswith("/offers/import") else self.config.max_body_bytes
        headers = dict(scope.get("headers") or [])
        try:
            length = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            length = 0
        try:
            if not self.config.host_allowed(headers.get(b"host", b"").decode("latin-1")):
                # Never build a redirect or a link from a Host the server does not serve.
                response = problem_response(400, "invalid_host", "This server does not answer for that host name.")
                await response(scope, receive, self._sender(send, request_id, status_holder))
                return
            if b"%00" in scope.get("query_string", b"") or "\x00" in path:
                # PostgreSQL cannot hold a NUL character: refuse it here for every parameter alike.
                response = problem_response(422, "invalid_character", "A parameter contains the NUL character.")
                await response(scope, receive, self._sender(send, request_id, status_holder))
                return
            if length > limit:
                response = payload_too_large(limit)
                await response(scope, receive, self._sender(send, request_id, status_holder))
                return
            received = 0

            async def limited_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        # FastAPI turns errors while reading a body into a parse error: leave a mark
                        # so the error handler answers 413 rather than "invalid JSON".
                        scope.setdefault("state", {})["body_too_large"] = limit
                        raise _BodyTooLarge
                return message

            sender = self._sender(send, request_id, status_holder)
            try:
                endpoint = self.direct.get(path) if scope["method"] == "GET" else None
                if endpoint is None or not await self._direct(endpoint, scope, limited_receive, sender):
                    await self.app(scope, limited_receive, sender)
            except _BodyTooLarge:
                response = payload_too_large(limit)
                await response(scope, receive, sender)
            except Exception:
                # Answered here, inside the request's context, rather than by Starlette's outermost
                # ServerErrorMiddleware: that one runs after this middleware has returned, when the
                # request id is gone from both the header and the problem document.
                log.exception("%s unhandled error", request_id)
                if status_holder.get("started"):
                    raise
                status_holder["status"] = 500
                await internal_error()(scope, receive, sender)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %d %.1fms", request_id, scope.get("method"), path, status_holder["status"], elapsed_ms)
            request_id_var.reset(token)

    @staticmethod
    async def _direct(endpoint: Endpoint, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer with `endpoint` past FastAPI's routing and dependency solving (a fifth of a GET /offers
        page's CPU); False to let the app answer instead: a refused query gets the app's own problem
        document from its error handlers (the endpoint only reads, so asking it twice changes nothing)."""
        try:
            response = await endpoint(Request(scope, receive))
        except (ApiError, RequestValidationError):
            return False
        await response(scope, receive, send)
        return True

    @staticmethod
    def _sender(send: Send, request_id: str, status_holder: dict) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        return wrapped


class _BodyTooLarge(Exception):
    pass


def create_app(config: Config, db: Database | None = None, media: MediaSource | None = None) -> FastAPI:
    """The app; `media` answers the picture route (default: the stored pictures of `config.media_dir`)."""
    from .readiness import router as readiness_router
    from .routers import all_routers
    from .schema_setup import ensure_schema, require_current
    from .services.housekeeping import expire_promotions
    from .services.page_cache import PageCache
    from .services.server_secrets import kept_secret

    database = db or Database(config.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # "check": a production deployment migrates as a step of its own (bulkdesk-server migrate)
        await run_in_threadpool(require_current if config.schema == "check" else ensure_schema, database)
        if not config.secret_key:
            config.secret_key = await run_in_threadpool(kept_secret, database, "page_links")

        async def housekeeping():
            while True:
                with contextlib.suppress(Exception):
                    await run_in_threadpool(expire_promotions, database)
                await asyncio.sleep(30)

        task = asyncio.create_task(housekeeping())
        try:
            yield
        finally:
            task.cancel()
            database.dispose()

    app = FastAPI(
        title="Bulkdesk marketplace API",
        version=__version__,
        description="The reference marketplace server behind the Bulkdesk desktop client.",
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.db = database
    app.state.media = media or StoredMedia(config.media_dir)
    app.state.offers_cache = PageCache(OFFERS_CACHE_PAGES)
    install_error_handlers(app)
    from .idempotency import IdempotencyMiddleware

    app.add_middleware(IdempotencyMiddleware, db=database)  # inside RequestContextMiddleware (the last added)
    from .routers.catalog import list_offers

    # the busiest read, answered past FastAPI's routing (see RequestContextMiddleware._direct); its
    # route stays registered for the OpenAPI document and for HEAD
    direct = {f"{API_PREFIX}/offers": list_offers}
    app.add_middleware(RequestContextMiddleware, config=config, direct=direct)

    health_router = APIRouter()

    @health_router.get("/health", response_model=Status, tags=["health"])
    def health() -> Status:
        return Status(status="ok")

    # each router straight under the app, not inside one /api/v1 router: FastAPI walks every level of
    # included routers on each request to see whether their routes changed (a fifth of a cached page)
    for router in (*all_routers(), health_router, readiness_router):
        app.include_router(router, prefix=API_PREFIX)
    from .routers.pages import router as pages_router  # checkout page and webhooks live outside /api/v1

    app.include_router(pages_router)
    return app
