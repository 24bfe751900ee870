"""Two server processes on one database act as one server: one Idempotency-Key sent to both at once makes
one order group, and an instance stopped by SIGTERM in a burst of checkouts finishes what it answers
while every checkout it did not answer can be sent again to the other. Runs on SQLite and, in the
suite's second pass, on PostgreSQL."""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select

from marketplace.db import Database
from marketplace.orm import IdempotencyRecord, Offer, Order, OrderGroup, OrderLine
from tests.server.orders_kit import add_offer, checkout_body, line, new_shop, register
from tests.support.server import ServerProcess, cleanup, instances, start_together

CLIENTS = 8
PER_CLIENT = 4
BURST = CLIENTS * PER_CLIENT
PACK_UNITS = 10
STOCK = 100_000


@pytest.fixture
def pair(request):
    """Two instances started together on one fresh database (with a small demo: currencies, categories);
    the first gets the test's parameter, if any, as extra arguments."""
    servers = instances(2, demo=True, offers=10, orders=0)
    servers[0].extra_args = list(getattr(request, "param", ()))
    db = Database(servers[0].database_url)
    try:
        start_together(servers)
        yield servers[0], servers[1], db
    finally:
        for server in servers:
            cleanup(server)
        db.dispose()


def _groups_with(db: Database, offer_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(func.distinct(Order.group_id)))
                        .join(OrderLine, OrderLine.order_id == Order.id).where(OrderLine.offer_id == offer_id))


def test_one_idempotency_key_sent_to_both_instances_at_once_makes_one_order_group(pair):
    a, b, db = pair
    shop = new_shop(a.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=1000, pack_units=PACK_UNITS)
    buyer = register(b.api)
    key = str(uuid.uuid4())
    body = checkout_body([line(offer)], offers=[offer])
    targets = [a, b] * 4
    barrier = threading.Barrier(len(targets))

    def send(server: ServerProcess) -> httpx.Response:
        with httpx.Client(base_url=server.api, timeout=120) as client:
            barrier.wait()
            return client.post("/checkout", json=body, headers={"Idempotency-Key": key, **buyer.headers})

    with ThreadPoolExecutor(len(targets)) as pool:
        responses = list(pool.map(send, targets))
    assert [r.status_code for r in responses] == [201] * len(targets), [r.text for r in responses]
    assert len({r.json()["order_group"]["ref"] for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == len(targets) - 1
    assert _groups_with(db, offer.id) == 1
    with db.session() as s:
        assert s.get(Offer, offer.id).stock_units == 1000 - PACK_UNITS
        assert s.scalar(select(func.count()).select_from(IdempotencyRecord).where(IdempotencyRecord.key == key)) == 1


@dataclass
class Attempt:
    key: str
    body: dict
    response: httpx.Response | None = None
    error: Exception | None = None
    answered_at: float = 0.0


@pytest.mark.parametrize("pair", [(), ("--graceful-timeout", "0.1")], indirect=True,
                         ids=["default-timeout", "timeout-0.1s"])
def test_sigterm_during_a_burst_of_checkouts_loses_nothing_and_the_other_instance_takes_over(pair):
    """Clients each sending checkouts one after another on a keep-alive connection when the instance is
    told to stop: the checkouts under way are finished and answered; the others never reach it (their
    idle connection is closed, or a new one refused) and are sent again to the other instance under
    their key, which either replays an order already made or makes it, never a second one. With a
    graceful timeout shorter than the burst, uvicorn cancels what is left when it runs out: a checkout
    already in its transaction is then committed whole or not at all, never half."""
    a, b, db = pair
    shop = new_shop(b.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=STOCK, pack_units=PACK_UNITS)
    attempts = [Attempt(str(uuid.uuid4()), checkout_body([line(offer)], offers=[offer],
                                                         guest=f"burst{n}-{uuid.uuid4().hex[:6]}@example.com"))
                for n in range(CLIENTS * PER_CLIENT)]
    barrier = threading.Barrier(CLIENTS + 1)
    first_answer = threading.Event()

    def client_run(mine: list[Attempt]) -> None:
        with httpx.Client(base_url=a.api, timeout=httpx.Timeout(120, connect=10)) as client:
            barrier.wait()
            for attempt in mine:
                try:
                    attempt.response = client.post("/checkout", json=attempt.body,
                                                   headers={"Idempotency-Key": attempt.key})
                    attempt.answered_at = time.monotonic()
                except httpx.TransportError as exc:  # closed unanswered by the stopping server, or refused
                    attempt.error = exc
                first_answer.set()

    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(client_run, attempts[n::CLIENTS]) for n in range(CLIENTS)]
        barrier.wait()
        assert first_answer.wait(120)
        os.kill(a.process.pid, signal.SIGTERM)  # as an orchestrator stops an instance
        terminated_at = time.monotonic()
        for future in futures:
            future.result()
    # a clean stop (uvicorn ends by re-raising the SIGTERM it handled)
    assert a.process.wait(60) in (0, -signal.SIGTERM), a.log_text()
    cut_short = "graceful shutdown exceeded" in a.log_text()
    if not a.extra_args:  # within the default timeout: nothing cut short, nothing failed
        assert "Traceback" not in a.log_text() and not cut_short, a.log_text()

    answered = [t for t in attempts if t.response is not None]
    unanswered = [t for t in attempts if t.response is None]
    assert answered, "the burst never reached the instance"
    for attempt in answered:  # whatever it answered is complete
        assert attempt.response.status_code == 201, attempt.response.text
        body = attempt.response.json()
        group = httpx.get(f"{b.api}/order-groups/{body['order_group']['ref']}", timeout=30,
                          headers={"Authorization": f"Bearer {body['guest_token']}"})
        assert group.status_code == 200, group.text
        assert group.json()["total"] == body["order_group"]["total"]
        assert [o["ref"] for o in group.json()["orders"]] == [o["ref"] for o in body["order_group"]["orders"]]
    replayed = 0
    for attempt in unanswered:  # and whatever it did not can be sent again elsewhere, under its key
        again = httpx.post(f"{b.api}/checkout", json=attempt.body, headers={"Idempotency-Key": attempt.key},
                           timeout=120)
        assert again.status_code == 201, again.text
        replayed += again.headers.get("Idempotent-Replayed") == "true"
    # one order group per key, never two, never none; the stock moved by exactly those
    assert _groups_with(db, offer.id) == BURST
    with db.session() as s:
        assert s.get(Offer, offer.id).stock_units == STOCK - BURST * PACK_UNITS
        keys = [t.key for t in attempts]
        assert s.scalar(select(func.count()).select_from(IdempotencyRecord)
                        .where(IdempotencyRecord.key.in_(keys))) == BURST
        assert s.scalar(select(func.count()).select_from(OrderGroup)
                        .where(OrderGroup.guest_email.in_([t.body["guest"]["email"] for t in attempts]))) == BURST
    after_sigterm = sum(t.answered_at > terminated_at for t in answered)
    print(f"SIGTERM ({a.extra_args or 'default timeout'}, cut short: {cut_short}) in a burst of {BURST} "
          f"from {CLIENTS} clients: {len(answered)} answered "
          f"({after_sigterm} after SIGTERM), "
          f"{len(unanswered)} unanswered and sent again to the other instance ({replayed} of them replayed "
          "as already made)")
