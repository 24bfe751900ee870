"""What a seller's new write becomes next to the target's open entries (models/seller/plans.py), one
rule each, for the three writers: listings edits, fulfilment writes, question answers. Real SQLite
files (the outbox, the listings copy); the entries' refusals and conflicts are marked as the sender
marks them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from desktop.models.seller import (
    AnswerWrite,
    Edit,
    ListingEdits,
    ListingsStore,
    OrderWrites,
    Outbox,
    Refused,
    Status,
    Target,
    UndoLast,
    cell_edit,
    fulfilment,
    rules,
)
from desktop.models.seller.bulk import BulkOp, preview
from desktop.models.seller.offer_handlers import edit_request
from desktop.models.seller.plans import Operation, write
from tests.unit.offer_factory import listing_offer as offer


@dataclass(frozen=True)
class Writer:
    """One writer: how it writes ``value`` to its target, and where the value sits in an entry."""

    name: str
    kind: str
    target: str
    make: Any  # (store, value) -> Operation
    value_of: Any  # Entry -> value

    def op(self, store: ListingsStore, value: str) -> Operation:
        return self.make(store, value)


WRITERS = [
    Writer("listings edit", "offer_edit", "3", lambda store, v: cell_edit(store, 3, "title", v),
           lambda e: e.payload["fields"]["title"]),
    Writer("fulfilment write", fulfilment.KIND_SHIPPING, "O-ABC-1", lambda _store, v: OrderWrites(
        fulfilment.KIND_SHIPPING, [fulfilment.shipping_payload("O-ABC-1", "shipped", carrier="DHL",
                                                               tracking_number=v)]),
           lambda e: e.payload["tracking_number"]),
    Writer("question answer", fulfilment.KIND_ANSWER, "7",
           lambda _store, v: AnswerWrite(fulfilment.answer_payload(7, v)), lambda e: e.payload["message"]),
]


@pytest.fixture
def store(tmp_path):
    store = ListingsStore(tmp_path / "listings.sqlite3")
    store.replace_all([offer(i) for i in range(1, 6)])
    yield store
    store.close()


@pytest.fixture
def outbox(tmp_path):
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    yield outbox
    outbox.close()


def apply(outbox: Outbox, op: Operation) -> list:
    return write(outbox, op.plan(outbox))


def refuse(outbox: Outbox, entry) -> None:
    outbox.mark_refused(entry.id, "Not this.", [{"field": "title", "code": "too_long", "message": "Not this."}],
                        status=422, code="validation_error")


@pytest.fixture(params=WRITERS, ids=[w.name for w in WRITERS])
def writer(request) -> Writer:
    return request.param


# -- the rules, for each writer ---------------------------------------------------------------------------


def test_a_new_write_revises_the_refused_one_in_its_place_under_its_key(writer, outbox, store):
    [first] = apply(outbox, writer.op(store, "first"))
    refuse(outbox, first)
    other = apply(outbox, cell_edit(store, 5, "moq_units", 3))[0]  # another target's, queued after it
    [got] = apply(outbox, writer.op(store, "second"))
    assert (got.id, got.idempotency_key) == (first.id, first.idempotency_key)
    assert (got.status, got.message, got.errors, got.detail) == (Status.WAITING, None, [], None)
    assert writer.value_of(got) == "second"
    assert [(e.id, e.target) for e in outbox.entries()] == [(first.id, writer.target), (other.id, "5")]
    assert outbox.next_to_send().id == first.id  # sent first again, in its place


def test_a_conflict_stays_the_sellers_decision_and_the_new_write_waits_behind_it(writer, outbox, store):
    [first] = apply(outbox, writer.op(store, "first"))
    outbox.mark_conflict(first.id, {"version": 9}, "Changed on the server.", ["title"])
    [new] = apply(outbox, writer.op(store, "second"))
    conflict, queued = outbox.entries()
    assert (conflict.id, conflict.status, writer.value_of(conflict)) == (first.id, Status.CONFLICT, "first")
    assert conflict.detail == {"current": {"version": 9}, "fields": ["title"]}
    assert (queued.id, queued.status, writer.value_of(queued)) == (new.id, Status.WAITING, "second")
    assert queued.idempotency_key != conflict.idempotency_key
    assert outbox.next_to_send() is None  # it waits until the seller resolves the conflict


def test_a_write_after_waiting_ones_is_queued_after_them(writer, outbox, store):
    [first] = apply(outbox, writer.op(store, "first"))
    [second] = apply(outbox, writer.op(store, "second"))
    assert [(e.id, e.status, writer.value_of(e)) for e in outbox.entries()] == [
        (first.id, Status.WAITING, "first"), (second.id, Status.WAITING, "second")]
    outbox.prepare(first.id, {})  # being sent: it may be on the server already
    [third] = apply(outbox, writer.op(store, "third"))
    assert [e.id for e in outbox.entries()] == [first.id, second.id, third.id]


def test_later_refused_writes_of_the_target_are_folded_into_the_first(writer, outbox, store):
    [first] = apply(outbox, writer.op(store, "first"))
    [second] = apply(outbox, writer.op(store, "second"))
    refuse(outbox, first)
    refuse(outbox, second)
    [got] = apply(outbox, writer.op(store, "third"))
    assert got.id == first.id
    assert [(e.id, e.status, writer.value_of(e)) for e in outbox.entries()] == [(first.id, Status.WAITING, "third")]


# -- listings edits: fields, deltas, groups, thresholds ---------------------------------------------------


def test_a_refused_edit_of_another_field_is_not_superseded(outbox, store):
    [refused] = apply(outbox, cell_edit(store, 3, "title", "x" * 301))
    refuse(outbox, refused)
    apply(outbox, cell_edit(store, 3, "moq_units", 9))
    assert [(e.status, e.payload["fields"]) for e in outbox.entries()] == [
        (Status.REFUSED, {"title": "x" * 301}), (Status.WAITING, {"moq_units": 9})]


def test_the_revised_edit_keeps_its_other_fields_and_where_each_started(outbox, store):
    [refused] = apply(outbox, ListingEdits(store, [Edit(3, {"title": "x" * 301, "moq_units": 4})]))
    refuse(outbox, refused)
    [got] = apply(outbox, cell_edit(store, 3, "title", "Oak"))
    assert got.payload["fields"] == {"title": "Oak", "moq_units": 4}
    assert got.base["fields"] == {"title": "Lot 3 of oak boards", "moq_units": 1}  # not the refused title


def test_a_new_stock_replaces_the_refused_one_typed_or_as_a_delta(outbox, store):
    [refused] = apply(outbox, ListingEdits(store, [Edit(3, {"title": "Oak"}, stock_delta=-500)]))
    refuse(outbox, refused)
    [got] = apply(outbox, ListingEdits(store, [Edit(3, {}, stock_delta=-5)]))
    assert (got.id, got.payload["fields"], got.payload["stock_delta"]) == (refused.id, {"title": "Oak"}, -5)
    assert got.base["fields"]["stock_units"] == 15  # a delta re-bases on the copy's stock
    refuse(outbox, got)
    [got] = apply(outbox, cell_edit(store, 3, "stock_units", 12))
    assert (got.payload["fields"], got.payload["stock_delta"]) == ({"title": "Oak", "stock_units": 12}, None)


def test_a_bulk_edit_takes_the_refused_entries_it_revises_into_its_group(outbox, store):
    [refused] = apply(outbox, cell_edit(store, 2, "moq_units", 0))
    refuse(outbox, refused)
    apply(outbox, ListingEdits(store, [Edit(i, {"moq_units": 6}) for i in (1, 2)], group_id="g1"))
    assert [(e.target, e.group_id, e.payload["fields"]) for e in outbox.group("g1")] == [
        ("2", "g1", {"moq_units": 6}), ("1", "g1", {"moq_units": 6})]
    undo = apply(outbox, UndoLast(store))
    assert sorted((e.target, e.payload["fields"]["moq_units"]) for e in undo) == [("1", 1), ("2", 1)]
    assert outbox.last_group() is None


def test_a_threshold_edit_goes_the_same_path_and_stays_on_this_machine(outbox, store):
    assert apply(outbox, cell_edit(store, 3, "threshold", 40)) == []
    assert store.row(3).threshold == 40 and outbox.entries() == []
    apply(outbox, cell_edit(store, 3, "threshold", None))
    assert store.row(3).threshold == store.default_threshold()


def test_stock_below_zero_is_one_rule_for_a_cell_a_bulk_edit_and_the_request_sent():
    assert rules.check_delta(15, -16) == rules.STOCK_BELOW_ZERO and rules.check_delta(15, -15) is None
    target = Target(3, "SKU-003", {"stock_units": 15})
    [change] = preview(BulkOp("adjust_stock", -16), [target])
    assert change.refusal == rules.STOCK_BELOW_ZERO
    with pytest.raises(Refused) as refused:
        edit_request({}, -16, 4, 15)
    assert refused.value.errors == [{"field": "stock_units", "code": "stock_below_zero",
                                     "message": rules.STOCK_BELOW_ZERO.message}]
    assert edit_request({}, -15, 4, 15)["body"]["stock_units"] == 0
