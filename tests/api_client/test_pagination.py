"""Lists walk every page without the caller touching a cursor; the delta feed walks its pages."""

from __future__ import annotations

import httpx
import pytest

from desktop.api_client import MalformedResponseError

from .helpers import offer_doc


def pages_by_cursor(pages: dict[str | None, dict]):
    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=pages[request.url.params.get("cursor")])

    return respond


PAGES = {
    None: {"items": [offer_doc(1), offer_doc(2)], "next_cursor": "c2"},
    "c2": {"items": [offer_doc(3), offer_doc(4)], "next_cursor": "c3"},
    "c3": {"items": [offer_doc(5)], "next_cursor": None},
}


def test_iterating_walks_every_page(api, make_client):
    route = api.get("/offers").mock(side_effect=pages_by_cursor(PAGES))
    offers = make_client().catalog.offers(q="gloves", limit=2)
    assert [o.id for o in offers] == [1, 2, 3, 4, 5]
    assert route.call_count == 3
    assert all(c.request.url.params["q"] == "gloves" for c in route.calls)
    assert all(c.request.url.params["limit"] == "2" for c in route.calls)


def test_first_page_and_take_fetch_only_what_they_need(api, make_client):
    route = api.get("/offers").mock(side_effect=pages_by_cursor(PAGES))
    client = make_client()
    page = client.catalog.offers().first_page()
    assert [o.id for o in page.items] == [1, 2] and page.next_cursor == "c2"
    assert route.call_count == 1
    assert [o.id for o in client.catalog.offers().take(3)] == [1, 2, 3]
    assert route.call_count == 3


def test_a_repeated_cursor_is_malformed_not_an_endless_loop(api, make_client):
    api.get("/offers").mock(
        return_value=httpx.Response(200, json={"items": [offer_doc()], "next_cursor": "same"})
    )
    with pytest.raises(MalformedResponseError):
        list(make_client().catalog.offers())


def test_changes_feed_walks_pages_until_has_more_is_false(api, make_client):
    feed_pages = {
        "t0": {"items": [offer_doc(1)], "deleted": [], "next_since": "t1", "has_more": True},
        "t1": {"items": [], "deleted": [9, 10], "next_since": "t2", "has_more": False},
    }

    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=feed_pages[request.url.params["since"]])

    route = api.get("/offers/changes").mock(side_effect=respond)
    feed = make_client().catalog.changes(since="t0", limit=100)
    pages = list(feed)
    assert [[o.id for o in p.items] for p in pages] == [[1], []]
    assert pages[1].deleted == [9, 10]
    assert feed.next_since == "t2"
    assert route.call_count == 2
    assert route.calls[0].request.url.params["limit"] == "100"


def test_changes_without_since_sends_no_token(api, make_client):
    route = api.get("/offers/changes").mock(
        return_value=httpx.Response(
            200, json={"items": [], "deleted": [], "next_since": "t9", "has_more": False}
        )
    )
    feed = make_client().catalog.changes()
    assert len(list(feed)) == 1
    assert "since" not in route.calls.last.request.url.params
    assert feed.next_since == "t9"
