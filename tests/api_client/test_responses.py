"""Strict response parsing, problem documents, ETags, money."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from desktop.api_client import (
    ApiStatusError,
    BadRequestError,
    ForbiddenError,
    MalformedResponseError,
    NotFoundError,
    UnprocessableError,
    VersionConflictError,
)
from desktop.api_client.types import Money, Offer, OfferPatch

from .helpers import offer_doc, problem


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<html>oops</html>", "not JSON"),
        (b'{"id": 1', "truncated JSON"),
    ],
)
def test_garbage_body_is_malformed(api, make_client, body, why):
    api.get("/offers/1").mock(return_value=httpx.Response(200, content=body, headers={"X-Request-Id": "r-9"}))
    with pytest.raises(MalformedResponseError) as info:
        make_client().catalog.offer(1)
    assert info.value.request_id == "r-9"
    assert info.value.status == 200


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("version"),
        lambda d: d.update(version="3"),  # a string where the contract says integer
        lambda d: d.update(unit_price={"amount": 0.12, "currency": "EUR"}),  # money as a float
        lambda d: d.update(unit_price={"amount": "twelve", "currency": "EUR"}),
        lambda d: d.update(collections=["clearance"]),
        lambda d: d["warehouse"].pop("min_order_value"),
    ],
    ids=["missing-field", "string-int", "float-money", "bad-decimal", "unknown-collection", "nested-missing"],
)
def test_a_contract_violation_is_malformed(api, make_client, mutate):
    doc = offer_doc()
    mutate(doc)
    api.get("/offers/1").mock(return_value=httpx.Response(200, json=doc))
    with pytest.raises(MalformedResponseError) as info:
        make_client().catalog.offer(1)
    assert "/api/v1/offers/1" in str(info.value)


def test_unknown_extra_fields_are_kept(api, make_client):
    api.get("/offers/1").mock(return_value=httpx.Response(200, json=offer_doc(shiny_new_field=42)))
    offer = make_client().catalog.offer(1)
    assert offer.model_extra == {"shiny_new_field": 42}
    assert offer.unit_price.amount == Decimal("0.12")


def test_problem_document_fields(api, make_client):
    doc = problem(
        422,
        "validation_error",
        "lines.0.quantity: too small",
        errors=[{"field": "lines.0.quantity", "code": "too_small", "message": "At least 1."}],
        available_units=40,
    )
    api.post("/cart/quote").mock(return_value=httpx.Response(422, json=doc))
    with pytest.raises(UnprocessableError) as info:
        make_client().cart.quote([{"offer_id": 1, "packaging_id": 11, "quantity": 1}])
    err = info.value
    assert (err.status, err.code, err.detail, err.request_id) == (
        422,
        "validation_error",
        doc["detail"],
        "req-123",
    )
    assert [(e.field, e.code, e.message) for e in err.errors] == [
        ("lines.0.quantity", "too_small", "At least 1.")
    ]
    assert err.problem["available_units"] == 40
    assert "validation_error" in str(err) and "req-123" in str(err)


def test_request_id_falls_back_to_the_header(api, make_client):
    api.get("/offers/5").mock(
        return_value=httpx.Response(404, text="gone", headers={"X-Request-Id": "hdr-1"})
    )
    with pytest.raises(NotFoundError) as info:
        make_client().catalog.offer(5)
    assert info.value.request_id == "hdr-1"
    assert info.value.code is None


@pytest.mark.parametrize(
    ("status", "cls"), [(400, BadRequestError), (403, ForbiddenError), (418, ApiStatusError)]
)
def test_status_classes(api, make_client, status, cls):
    api.get("/me").mock(return_value=httpx.Response(status, json=problem(status, "x")))
    with pytest.raises(cls) as info:
        make_client().auth.me()
    assert type(info.value) is cls


def test_version_conflict_carries_the_current_offer(api, make_client):
    current = offer_doc(4, version=8, title="Renamed by a colleague")
    api.patch("/seller/offers/4").mock(
        return_value=httpx.Response(412, json=problem(412, "version_conflict", current=current))
    )
    with pytest.raises(VersionConflictError) as info:
        make_client().seller.update_offer(4, OfferPatch(stock_units=10), version=7)
    assert isinstance(info.value.current, Offer)
    assert info.value.current.version == 8 and info.value.current.title == "Renamed by a colleague"
    sent = api.calls.last.request
    assert sent.headers["If-Match"] == "7"
    assert sent.content == b'{"stock_units":10}'


def test_version_conflict_with_a_malformed_current_offer(api, make_client):
    api.patch("/seller/offers/4").mock(
        return_value=httpx.Response(412, json=problem(412, "version_conflict", current={"id": 4}))
    )
    with pytest.raises(MalformedResponseError):
        make_client().seller.update_offer(4, OfferPatch(stock_units=10), version=7)


def test_offer_etag_304_returns_the_kept_model(api, make_client):
    route = api.get("/offers/1").mock(
        side_effect=[
            httpx.Response(200, json=offer_doc(), headers={"ETag": '"v1"'}),
            httpx.Response(304, headers={"ETag": '"v1"'}),
            httpx.Response(200, json=offer_doc(version=2), headers={"ETag": '"v2"'}),
        ]
    )
    client = make_client()
    first = client.catalog.offer(1)
    assert "If-None-Match" not in route.calls[0].request.headers
    second = client.catalog.offer(1)
    assert route.calls[1].request.headers["If-None-Match"] == '"v1"'
    assert second is first
    third = client.catalog.offer(1)
    assert third.version == 2


def test_money_round_trips_as_a_two_place_string():
    money = Money(amount=Decimal("1234.5"), currency="EUR")
    assert money.model_dump_json() == '{"amount":"1234.50","currency":"EUR"}'
    assert Money.model_validate_json('{"amount":"1234.50","currency":"EUR"}', strict=True).amount == Decimal(
        "1234.50"
    )
    assert str(money) == "1234.50 EUR"


def test_query_parameters_are_written_as_the_api_reads_them(api, make_client):
    route = api.get("/orders").mock(return_value=httpx.Response(200, json={"items": [], "next_cursor": None}))
    list(make_client().orders.list(payment_status=["pending", "paid"], shipping_status="shipped", q="G-1"))
    params = route.calls.last.request.url.params
    assert params["payment_status"] == "pending,paid"
    assert params["shipping_status"] == "shipped"
    assert params["q"] == "G-1"
    assert "created_from" not in params

    offers = api.get("/offers").mock(
        return_value=httpx.Response(200, json={"items": [], "next_cursor": None})
    )
    list(make_client().catalog.offers(in_stock=True, min_price=Decimal("1.5"), sort="-price"))
    params = offers.calls.last.request.url.params
    assert (params["in_stock"], params["min_price"], params["sort"]) == ("true", "1.5", "-price")
