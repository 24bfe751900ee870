"""Idempotency-Key for every signed-in mutation (cancel, review, a question, a payment retry, a seller's
edit…): the first request with a key is performed and its 2xx answer kept; the same key again (a client's
retry after a lost answer) gets that answer back (header ``Idempotent-Replayed: true``), not a second
cancellation, review or message. The same key with another request → 422 ``idempotency_key_reused``;
while the first is still running → 409 ``idempotency_conflict``.

``POST /checkout`` keeps its own, stricter handling (services/ordering.py: the key is required and the
record is written in the checkout's transaction); sign-in and account creation are not covered (their
answers carry tokens, which are not stored), nor is the cart quote (it changes nothing). Records are
scoped by the bearer token's digest, so two accounts' keys never meet, and share the
``idempotency_records`` table with checkout (other scopes).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .db import Database
from .errors import problem_response
from .orm import IdempotencyRecord, utcnow

RECORDS = IdempotencyRecord.__table__

__all__ = ["IdempotencyMiddleware"]

MUTATIONS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: not covered here: checkout has its own records, auth answers carry tokens, a quote changes nothing
#: (a retried quote is harmless, and keeping every quote's answer would cost a write per cart change)
EXCLUDED_PREFIXES = ("/api/v1/checkout", "/api/v1/auth/", "/api/v1/cart/quote")
MAX_KEY_LENGTH = 100
#: answer headers kept with the body (the rest is made again by the app's outer middleware)
KEPT_HEADERS = frozenset({b"content-type", b"etag", b"location"})
IN_PROGRESS = 0


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in MUTATIONS:
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        headers = dict(scope.get("headers") or [])
        key = headers.get(b"idempotency-key", b"").decode("latin-1").strip()
        authorization = headers.get(b"authorization", b"")
        if not key or not authorization or not path.startswith("/api/v1/") or path.startswith(EXCLUDED_PREFIXES):
            await self.app(scope, receive, send)
            return
        if len(key) > MAX_KEY_LENGTH:
            response = problem_response(400, "invalid_idempotency_key", "The Idempotency-Key is over 100 characters.")
            await response(scope, receive, send)
            return
        body = await _read_body(receive)
        owner = "token:" + hashlib.sha256(authorization).hexdigest()
        digest = hashlib.sha256(
            b"\n".join([scope["method"].encode(), path.encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        previous = await run_in_threadpool(self._claim, owner, key, digest)
        if previous is not None:
            await _answer(previous, digest)(scope, receive, send)
            return

        replayed_body = False

        async def replay_receive() -> Message:
            nonlocal replayed_body
            if not replayed_body:
                replayed_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        # the answer is held back until its record is kept: a client that has the answer (or lost it and
        # retries at once) must find the record done, never "in progress"
        start: dict[str, Any] = {}
        held: list[Message] = []

        async def holding_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            held.append(message)

        try:
            await self.app(scope, replay_receive, holding_send)
        except BaseException:
            await run_in_threadpool(self._release, owner, key)
            raise
        status = int(start.get("status", 500))
        kept = {k.decode("latin-1"): v.decode("latin-1") for k, v in start.get("headers", []) if k in KEPT_HEADERS}
        content = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
        if 200 <= status < 300 and (not content or kept.get("content-type", "").startswith("application/json")):
            await run_in_threadpool(self._keep, owner, key, status, kept, content)
        else:  # not done (or nothing to replay): the next attempt with this key runs again
            await run_in_threadpool(self._release, owner, key)
        for message in held:
            await send(message)

    # -- the records (in a worker thread) ---------------------------------------------------------
    # Core statements on a connection, one short write transaction each (an ORM session with a select
    # and a flush cost a third of a seller's whole edit)
    def _claim(self, owner: str, key: str, digest: str) -> Record | None:
        """None: the key is ours now (a record "in progress"); else the record already there."""
        insert = _insert_for(self.db.dialect)
        statement = insert(RECORDS).values(
            scope=owner, key=key, request_hash=digest, status_code=IN_PROGRESS, response={}, created_at=utcnow()
        ).on_conflict_do_nothing(index_elements=["scope", "key"])
        with self.db.write_engine.begin() as connection:
            if connection.execute(statement).rowcount == 1:
                return None
            return _find(connection, owner, key)

    def _keep(self, owner: str, key: str, status: int, headers: dict[str, str], content: bytes) -> None:
        with self.db.write_engine.begin() as connection:
            connection.execute(
                update(RECORDS)
                .where(RECORDS.c.scope == owner, RECORDS.c.key == key)
                .values(status_code=status,
                        response={"headers": headers, "body": json.loads(content) if content else None})
            )

    def _release(self, owner: str, key: str) -> None:
        with self.db.write_engine.begin() as connection:
            connection.execute(delete(RECORDS).where(
                RECORDS.c.scope == owner, RECORDS.c.key == key, RECORDS.c.status_code == IN_PROGRESS,
            ))


@dataclass(frozen=True)
class Record:
    request_hash: str
    status_code: int
    response: dict[str, Any] | None


def _insert_for(dialect: str):
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def _find(connection: Any, owner: str, key: str) -> Record | None:
    row = connection.execute(
        select(RECORDS.c.request_hash, RECORDS.c.status_code, RECORDS.c.response)
        .where(RECORDS.c.scope == owner, RECORDS.c.key == key)
    ).first()
    return None if row is None else Record(*row)


def _answer(record: Record, digest: str):
    if record.request_hash != digest:
        return problem_response(
            422, "idempotency_key_reused",
            "This Idempotency-Key was used with another request; make a new key for a new action.",
        )
    if record.status_code == IN_PROGRESS:
        return problem_response(409, "idempotency_conflict", "A request with this key is in progress; retry.")
    from starlette.responses import Response

    stored = record.response or {}
    headers = {**stored.get("headers", {}), "Idempotent-Replayed": "true"}
    body = stored.get("body")
    content = b"" if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(content, status_code=record.status_code, headers=headers)


async def _read_body(receive: Receive) -> bytes:
    parts = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(parts)
