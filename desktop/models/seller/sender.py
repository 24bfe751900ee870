"""The outbox's one sender: entries go out in order, each by the handler registered for its kind.

    sender = Sender(outbox, client)
    sender.register("offer_edit", handler)         # see OfferHandlers for the offer kinds
    report = sender.drain()                          # in a worker thread, never on the GUI thread

**Handlers.** ``handler(client, entry) -> result`` sends one entry and returns the server's answer as
JSON (kept as the entry's ``result``). It may raise:

* :class:`Refused` (or an API 400/403/404/409/422 error): the entry becomes ``refused`` with the
  server's message and per-field errors; it stays until the seller fixes, retries or discards it;
* :class:`Conflict` (or ``VersionConflictError``): ``conflict``, the server's current object kept;
* :class:`Rebase` with a new ``prepared`` request: the sender stores it, then calls the handler again
  (a stale version merged with the server's current one, a stock delta re-based);
* a connection error (offline) or a server error: the drain stops, the entry stays and goes again next
  time with the same request and key.

An entry whose status is ``sending`` when the handler gets it is a repeat of an attempt that may have
reached the server (the app stopped before its answer was recorded, or no answer came in time);
``waiting``, a fresh request. An attempt that gets no answer (a write times out after a few seconds,
the connection drops) or a server error leaves its entry ``waiting`` with its prepared request kept: the
drain stops, the caller hears why (``DrainReport.stopped_by``) and sends it again later.

A handler registered with ``prepare=`` (``prepare(entry) -> dict``) gets its request built once, before the first
attempt: the sender commits it to the outbox (status ``sending``) *before* calling the handler, and
the handler sends ``entry.prepared`` exactly. So a write whose answer was lost (the app killed after
the server committed) goes again byte for byte with the same Idempotency-Key, and the server replays
its answer (``marketplace/idempotency.py``) instead of a second write or a 412. Plain functions work
too (they get ``entry.prepared`` = ``{}``): the other areas' kinds (``shipping``, ``cancel_order``,
``answer``) register such functions, e.g.

    sender.register("answer", lambda client, e: client.seller.answer(  # no prepare: entry.prepared is {}
        int(e.target), e.payload["message"], idempotency_key=e.idempotency_key).model_dump(mode="json"))
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from desktop.api_client import (
    ApiConnectionError,
    ApiStatusError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    UnprocessableError,
    VersionConflictError,
)

from .outbox import Entry, Outbox, Status

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient

__all__ = ["Conflict", "DrainReport", "Handler", "Rebase", "Refused", "Sender"]

log = logging.getLogger(__name__)

#: sends one entry, returns the server's answer as JSON
Handler = Callable[["MarketplaceClient", Entry], Any]
#: builds an entry's request once, before its first attempt (see above)
Prepare = Callable[[Entry], dict[str, Any]]
#: how many times one entry is re-based in a row (buyers buying as fast as we rebase) before it waits
MAX_REBASES = 8


class Refused(Exception):
    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class Conflict(Exception):
    def __init__(self, current: dict[str, Any] | None, message: str, fields: list[str] | None = None) -> None:
        super().__init__(message)
        self.current = current
        self.message = message
        self.fields = fields or []


class Rebase(Exception):
    def __init__(self, prepared: dict[str, Any]) -> None:
        super().__init__("rebase")
        self.prepared = prepared


@dataclass
class DrainReport:
    sent: list[int] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    #: why the drain stopped before the end (offline, a server error), else None
    stopped_by: BaseException | None = None

    @property
    def touched(self) -> list[int]:
        return self.sent + self.conflicts + self.refused


def _status_errors(exc: ApiStatusError) -> list[dict[str, Any]]:
    return [{"field": e.field, "code": e.code, "message": e.message} for e in exc.errors]


class Sender:
    """Sends the outbox in order. One drain at a time (a lock): never two senders on one outbox."""

    def __init__(self, outbox: Outbox, client: MarketplaceClient, handlers: dict[str, Handler] | None = None) -> None:
        self.outbox = outbox
        self.client = client
        self._handlers: dict[str, Handler] = dict(handlers or {})
        self._prepare: dict[str, Prepare] = {}
        self._lock = threading.Lock()
        #: during a drain: the entry sent last whose mark is not committed yet, and the one to announce
        self._unmarked: tuple[Entry, Any] | None = None
        self._announced: Entry | None = None
        self._progress: Callable[[Entry, str], None] | None = None

    def register(self, kind: str, handler: Handler, *, prepare: Prepare | None = None) -> None:
        """``handler`` sends the entries of ``kind``; ``prepare``, when given, builds their request first."""
        self._handlers[kind] = handler
        if prepare is not None:
            self._prepare[kind] = prepare
        else:
            self._prepare.pop(kind, None)

    def kinds(self) -> list[str]:
        return sorted(self._handlers)

    def drain(self, *, stop: threading.Event | None = None,
              progress: Callable[[Entry, str], None] | None = None) -> DrainReport:
        """Send every entry that can go, in order; returns what happened. Blocking: call it in a worker.

        An entry's ``sent`` mark is committed with the next entry's prepared request (or at the end): one
        synchronous=FULL commit per entry, not two. An app killed in between finds the entry still
        ``sending`` and sends it again with its key, which the server answers by replaying its answer:
        the lost-answer case every write already survives. ``progress`` hears of an entry once its
        mark is committed, in order."""
        report = DrainReport()
        with self._lock:
            self._progress = progress
            self._unmarked = None
            try:
                after = 0
                while stop is None or not stop.is_set():
                    entry = self.outbox.next_to_send(after)
                    if entry is None:
                        break
                    if entry.kind not in self._handlers:  # a kind whose area is not loaded: it waits for it
                        after = entry.id
                        continue
                    outcome = self._send_one(entry, report)
                    if outcome == "sent":
                        after = entry.id  # still ``sending`` in the file until its mark is committed
                        continue
                    self._flush()
                    if progress is not None:
                        progress(entry, outcome)
                    if outcome == "stopped":
                        break
            finally:
                self._flush()
                self._progress = None
        return report

    def _take_unmarked(self) -> tuple[int, Any] | None:
        """The entry sent last, whose mark the caller's next commit carries (then announced)."""
        done, self._unmarked = self._unmarked, None
        if done is None:
            return None
        self._announced = done[0]
        return done[0].id, done[1]

    def _announce(self) -> None:
        entry, self._announced = self._announced, None
        if entry is not None and self._progress is not None:
            self._progress(entry, "sent")

    def _flush(self) -> None:
        sent = self._take_unmarked()
        if sent is not None:
            self.outbox.mark_sent(*sent)
            self._announce()

    def _send_one(self, entry: Entry, report: DrainReport) -> str:
        handler = self._handlers[entry.kind]
        prepared = entry.prepared
        # ``entry.status`` tells the handler whether this attempt repeats one that may have reached the
        # server (``sending``: interrupted, its answer never recorded) or is a fresh one (``waiting``)
        # a prepared request kept on a waiting entry went out once without an answer: a repeat too
        attempt = replace(entry, status=Status.SENDING) if prepared is not None else entry
        try:
            if prepared is None:
                prepare = self._prepare.get(entry.kind)
                prepared = prepare(entry) if prepare is not None else {}
            for _ in range(MAX_REBASES):
                # committed before anything is sent, with the previous entry's sent mark
                self.outbox.prepare(entry.id, prepared, sent=self._take_unmarked())
                self._announce()
                try:
                    result = handler(self.client, attempt.with_prepared(prepared))
                except Rebase as rebase:
                    prepared = rebase.prepared
                    attempt = replace(entry, status=Status.WAITING)  # a new request: it never went out
                    continue
                self._unmarked = (entry, result)  # marked by the next commit (see drain)
                report.sent.append(entry.id)
                return "sent"
            return "stopped"  # re-based over and over: it goes again next drain
        except Conflict as exc:
            self.outbox.mark_conflict(entry.id, exc.current, exc.message, exc.fields)
        except VersionConflictError as exc:
            current = exc.current.model_dump(mode="json") if exc.current is not None else None
            self.outbox.mark_conflict(entry.id, current, exc.detail or str(exc))
        except Refused as exc:
            self.outbox.mark_refused(entry.id, exc.message, exc.errors)
            report.refused.append(entry.id)
            return "refused"
        except (UnprocessableError, ConflictError, NotFoundError, BadRequestError, ForbiddenError) as exc:
            self.outbox.mark_refused(entry.id, exc.detail or exc.title or str(exc), _status_errors(exc),
                                     status=exc.status, code=exc.code)
            report.refused.append(entry.id)
            return "refused"
        except ValidationError as exc:  # refused by the client's own request model: never sent
            errors = [{"field": ".".join(map(str, e["loc"])), "code": e["type"], "message": e["msg"]}
                      for e in exc.errors()]
            self.outbox.mark_refused(entry.id, "; ".join(e["message"] for e in errors), errors)
            report.refused.append(entry.id)
            return "refused"
        except (ApiConnectionError, ApiStatusError) as exc:  # offline or the server failing: try later
            log.info("outbox entry %s not sent: %s", entry.id, exc)
            self.outbox.mark_unanswered(entry.id)  # waiting again, not "sending" until the next attempt
            report.stopped_by = exc
            return "stopped"
        report.conflicts.append(entry.id)
        return "conflict"
