"""The request loop against faults a real server cannot produce on demand (respx)."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from desktop.api_client import (
    ApiTimeoutError,
    ConflictError,
    ConnectTimeoutError,
    OfflineError,
    ServerError,
    ThrottledError,
    UnprocessableError,
    VersionConflictError,
    new_idempotency_key,
)
from desktop.api_client.types import OfferPatch, ReviewRequest

from .helpers import CHECKOUT_RESULT, checkout_request, closed_port, offer_doc, problem


def test_503_burst_then_success_is_retried_with_the_same_idempotency_key(api, make_client, sleeps):
    route = api.post("/checkout").mock(
        side_effect=[httpx.Response(503), httpx.Response(503), httpx.Response(201, json=CHECKOUT_RESULT)]
    )
    client = make_client(max_retries=2)
    key = new_idempotency_key()
    result = client.checkout.place(checkout_request(), idempotency_key=key)
    assert result.order_group.ref == "G-1"
    assert route.call_count == 3
    assert [call.request.headers["Idempotency-Key"] for call in route.calls] == [key, key, key]
    # two backoffs, jittered, growing
    assert len(sleeps.calls) == 2
    assert 0.375 <= sleeps.calls[0] <= 0.5
    assert 0.75 <= sleeps.calls[1] <= 1.0


def test_get_retries_give_up_after_max_retries(api, make_client, sleeps):
    route = api.get("/currencies").mock(return_value=httpx.Response(502, json=problem(502, "bad_gateway")))
    client = make_client(max_retries=3)
    with pytest.raises(ServerError) as info:
        client.catalog.currencies()
    assert route.call_count == 4
    assert len(sleeps.calls) == 3
    assert info.value.status == 502 and info.value.code == "bad_gateway"


@pytest.mark.parametrize("status", [408, 429, 500, 504])
def test_retryable_statuses_on_get(api, make_client, sleeps, status):
    route = api.get("/offers/1").mock(
        side_effect=[httpx.Response(status), httpx.Response(200, json=offer_doc())]
    )
    assert make_client().catalog.offer(1).id == 1
    assert route.call_count == 2


def test_retry_after_seconds_is_honoured(api, make_client, sleeps):
    api.get("/offers/1").mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, json=offer_doc())]
    )
    make_client().catalog.offer(1)
    assert sleeps.calls == [7.0]


def test_retry_after_http_date_is_honoured(api, make_client, sleeps):
    when = email.utils.formatdate(time.time() + 12, usegmt=True)
    api.get("/offers/1").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": when}),
            httpx.Response(200, json=offer_doc()),
        ]
    )
    make_client().catalog.offer(1)
    assert len(sleeps.calls) == 1
    assert 10.0 <= sleeps.calls[0] <= 12.0


def test_retry_after_beyond_the_cap_is_not_waited_for(api, make_client, sleeps):
    route = api.get("/offers/1").mock(
        return_value=httpx.Response(
            429, headers={"Retry-After": "300"}, json=problem(429, "too_many_requests")
        )
    )
    with pytest.raises(ThrottledError) as info:
        make_client(max_retry_delay=30).catalog.offer(1)
    assert route.call_count == 1
    assert sleeps.calls == []
    assert info.value.retry_after == 300.0


@pytest.mark.parametrize(
    ("status", "code", "error"),
    [
        (409, "stock_changed", ConflictError),
        (412, "version_conflict", VersionConflictError),
        (422, "below_moq", UnprocessableError),
    ],
)
def test_409_412_422_are_never_retried(api, make_client, sleeps, status, code, error):
    route = api.post("/checkout").mock(return_value=httpx.Response(status, json=problem(status, code)))
    get_route = api.get("/offers/1").mock(return_value=httpx.Response(status, json=problem(status, code)))
    client = make_client()
    with pytest.raises(error) as info:
        client.checkout.place(checkout_request(), idempotency_key=new_idempotency_key())
    assert info.value.code == code
    with pytest.raises(error):
        client.catalog.offer(1)
    assert route.call_count == 1
    assert get_route.call_count == 1
    assert sleeps.calls == []


MUTATIONS_WITHOUT_A_CALLERS_KEY = {
    "cancel": ("/orders/O-1/cancel", lambda c: c.orders.cancel("O-1", "changed my mind")),
    "review": ("/orders/O-1/review", lambda c: c.orders.review(
        "O-1", ReviewRequest(seller_rating=5, delivery_rating=4, comment="Fine"))),
    "contact": ("/offers/7/questions", lambda c: c.questions.ask(7, "Is the pallet wrapped?")),
    "pay_again": ("/payments/G-1/retry", lambda c: c.payments.retry("G-1")),
}


@pytest.mark.parametrize("action", list(MUTATIONS_WITHOUT_A_CALLERS_KEY))
def test_a_post_without_a_callers_key_gets_one_and_is_retried_with_it(api, make_client, sleeps, action):
    path, call = MUTATIONS_WITHOUT_A_CALLERS_KEY[action]
    route = api.post(path).mock(return_value=httpx.Response(503))
    client = make_client(max_retries=2)
    with pytest.raises(ServerError):
        call(client)
    assert route.call_count == 3  # retried: the key makes it safe
    keys = [c.request.headers.get("Idempotency-Key") for c in route.calls]
    assert keys[0] and keys == [keys[0]] * 3  # one key, made once, sent with every attempt
    assert len(sleeps.calls) == 2
    with pytest.raises(ServerError):
        call(client)  # the user's next click is another action: another key
    assert route.calls[3].request.headers["Idempotency-Key"] != keys[0]


def test_a_dropped_connection_on_a_cancel_is_retried_with_the_same_key(api, make_client, sleeps):
    route = api.post("/orders/O-1/cancel").mock(side_effect=[httpx.RemoteProtocolError("dropped"),
                                                             httpx.Response(503)])
    with pytest.raises(ServerError):
        make_client(max_retries=1).orders.cancel("O-1", "no")
    assert route.call_count == 2
    assert len({c.request.headers["Idempotency-Key"] for c in route.calls}) == 1


def test_post_with_an_optional_idempotency_key_is_retried(api, make_client, sleeps):
    order_route = api.post("/orders/O-1/cancel").mock(
        side_effect=[httpx.Response(503), httpx.ConnectError("x")]
    )
    with pytest.raises(OfflineError):
        make_client(max_retries=1).orders.cancel("O-1", "no", idempotency_key="k-1")
    assert order_route.call_count == 2
    assert {c.request.headers["Idempotency-Key"] for c in order_route.calls} == {"k-1"}


def test_connection_refused_is_offline(make_client, sleeps):
    client = make_client(f"http://127.0.0.1:{closed_port()}", max_retries=2)
    with pytest.raises(OfflineError) as info:
        client.catalog.currencies()
    assert not isinstance(info.value, ApiTimeoutError)
    assert len(sleeps.calls) == 2  # a GET is retried before giving up


def test_connection_error_then_success(api, make_client, sleeps):
    route = api.get("/currencies").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=[])]
    )
    assert make_client().catalog.currencies() == []
    assert route.call_count == 2


def test_dropped_connection_on_post_without_a_callers_key_is_retried_then_offline(api, make_client, sleeps):
    # issue 11: every POST carries a key made for the call, so a dropped one is retried (once the
    # rule was "a POST without a key is never retried", which left cancel/review/contact unretried)
    route = api.post("/cart/quote").mock(side_effect=httpx.RemoteProtocolError("Server disconnected"))
    with pytest.raises(OfflineError):
        make_client().cart.quote([{"offer_id": 1, "packaging_id": 11, "quantity": 1}])
    assert route.call_count == 3
    assert len({c.request.headers["Idempotency-Key"] for c in route.calls}) == 1


def test_read_timeout_is_a_timeout_not_offline(api, make_client, sleeps):
    route = api.get("/offers/1").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(ApiTimeoutError) as info:
        make_client(max_retries=1).catalog.offer(1)
    assert not isinstance(info.value, OfflineError)
    assert route.call_count == 2


def test_connect_timeout_is_both_offline_and_a_timeout(api, make_client, sleeps):
    api.get("/offers/1").mock(side_effect=httpx.ConnectTimeout("no route"))
    with pytest.raises(ConnectTimeoutError) as info:
        make_client(max_retries=0).catalog.offer(1)
    assert isinstance(info.value, OfflineError) and isinstance(info.value, ApiTimeoutError)


def test_default_timeouts_and_user_agent(api, make_client):
    route = api.get("/currencies").mock(return_value=httpx.Response(200, json=[]))
    client = make_client()
    client.catalog.currencies()
    request = route.calls.last.request
    assert request.headers["User-Agent"].startswith("Bulkdesk/")
    assert "(" in request.headers["User-Agent"] and request.headers["User-Agent"].endswith(")")
    timeout = request.extensions["timeout"]
    assert timeout["connect"] == 5.0 and timeout["read"] == 30.0


def test_a_write_waits_a_few_seconds_for_its_answer_and_a_read_keeps_its_timeout(api, make_client):
    # issue 29 bug 7: a hung server answered a PATCH after ~95 s (30 s read timeout, three attempts)
    patch = api.patch("/seller/offers/1").mock(return_value=httpx.Response(200, json=offer_doc()))
    get = api.get("/offers/1").mock(return_value=httpx.Response(200, json=offer_doc()))
    client = make_client()
    client.seller.update_offer(1, OfferPatch(stock_units=3), version=1)
    client.catalog.offer(1)
    assert patch.calls.last.request.extensions["timeout"]["read"] <= 8.0
    assert patch.calls.last.request.extensions["timeout"]["connect"] == 5.0
    assert get.calls.last.request.extensions["timeout"]["read"] == 30.0


def test_a_write_that_times_out_is_not_retried_here_but_a_refused_connection_is(api, make_client, sleeps):
    route = api.patch("/seller/offers/1").mock(side_effect=httpx.ReadTimeout("hung"))
    with pytest.raises(ApiTimeoutError):
        make_client(max_retries=2).seller.update_offer(1, OfferPatch(stock_units=3), version=1, idempotency_key="k")
    assert route.call_count == 1 and sleeps.calls == []  # at once: the caller keeps the key and retries later
    refused = api.patch("/seller/offers/2").mock(side_effect=[httpx.ConnectError("x"), httpx.Response(
        200, json=offer_doc(2))])
    make_client(max_retries=2).seller.update_offer(2, OfferPatch(stock_units=3), version=1, idempotency_key="k2")
    assert refused.call_count == 2  # never reached the server: retried as before


def test_a_long_write_on_purpose_keeps_the_read_timeout_and_its_retries(api, make_client, sleeps):
    route = api.post("/checkout").mock(side_effect=[httpx.ReadTimeout("slow"),
                                                    httpx.Response(201, json=CHECKOUT_RESULT)])
    make_client(max_retries=2).checkout.place(checkout_request(), idempotency_key=new_idempotency_key())
    assert route.call_count == 2
    assert route.calls.last.request.extensions["timeout"]["read"] == 30.0


def test_a_cart_quote_is_a_read_sent_as_post_it_keeps_the_read_timeout_and_is_retried(api, make_client, sleeps):
    # nothing is written by a quote: a slow answer is waited for as a read's, and tried again
    route = api.post("/cart/quote").mock(side_effect=[httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow"),
                                                      httpx.ConnectError("x")])
    with pytest.raises(OfflineError):
        make_client(max_retries=2).cart.quote([{"offer_id": 1, "packaging_id": 11, "quantity": 1}])
    assert route.call_count == 3
    assert route.calls.last.request.extensions["timeout"]["read"] == 30.0
