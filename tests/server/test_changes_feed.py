"""GET /offers/changes: the delta feed the desktop's offline cache syncs from."""

from __future__ import annotations

import httpx
import pytest

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, make_shop

bare_server = catalog_support.bare_server


@pytest.fixture(scope="module")
def api(bare_server):
    with httpx.Client(base_url=bare_server.api, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def shop(bare_server):
    cats = add_categories(bare_server, {"Feed": None})
    return make_shop(bare_server, cats["Feed"])


def feed_walk(api, since: str | None, limit: int = 2) -> tuple[list[dict], list[int], str]:
    """Every page from `since` until has_more is false: (items, deleted, next_since)."""
    items: list[dict] = []
    deleted: list[int] = []
    for _ in range(1000):
        params = {"limit": limit, **({"since": since} if since is not None else {})}
        r = api.get("/offers/changes", params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        deleted += page["deleted"]
        assert len(page["items"]) + len(page["deleted"]) <= limit
        since = page["next_since"]
        if not page["has_more"]:
            return items, deleted, since
    raise AssertionError("the feed did not end")


def head(api) -> str:
    return feed_walk(api, None, limit=1000)[2]


def test_from_scratch_walk_has_every_live_offer_once(api, shop):
    made = [shop.offer()["id"] for _ in range(5)]
    gone = shop.offer()["id"]
    assert shop.client.delete(f"/seller/offers/{gone}").status_code == 204
    items, _deleted, _ = feed_walk(api, None)
    got = [o["id"] for o in items]
    assert len(got) == len(set(got)) and set(made) <= set(got) and gone not in got
    assert all(o["unit_price"]["currency"] == "EUR" for o in items)


def test_create_edit_stock_change_and_removal_each_appear_once_after_a_token(api, shop):
    edited, stocked, removed = shop.offer(), shop.offer(), shop.offer()
    untouched = shop.offer()
    token = head(api)
    created = shop.offer()
    assert (
        shop.client.patch(
            f"/seller/offers/{edited['id']}", json={"title": "Renamed"}, headers={"If-Match": "1"}
        ).status_code
        == 200
    )
    assert (
        shop.client.patch(
            f"/seller/offers/{stocked['id']}", json={"stock_units": 3}, headers={"If-Match": "1"}
        ).status_code
        == 200
    )
    assert shop.client.delete(f"/seller/offers/{removed['id']}").status_code == 204
    items, deleted, next_since = feed_walk(api, token, limit=1)
    got = [o["id"] for o in items]
    assert sorted(got) == sorted([created["id"], edited["id"], stocked["id"]])
    assert deleted == [removed["id"]] and untouched["id"] not in got
    by_id = {o["id"]: o for o in items}
    assert by_id[edited["id"]]["title"] == "Renamed" and by_id[stocked["id"]]["stock_units"] == 3
    # nothing new since: an empty page that keeps the position
    page = api.get("/offers/changes", params={"since": next_since}).json()
    assert page == {"items": [], "deleted": [], "next_since": next_since, "has_more": False}


def test_an_offer_changed_twice_appears_once_in_its_latest_state(api, shop):
    made = shop.offer()
    token = head(api)
    for version in (1, 2):
        assert (
            shop.client.patch(
                f"/seller/offers/{made['id']}",
                json={"stock_units": version * 10},
                headers={"If-Match": str(version)},
            ).status_code
            == 200
        )
    items, _deleted, _ = feed_walk(api, token)
    assert [(o["id"], o["stock_units"], o["version"]) for o in items] == [(made["id"], 20, 3)]


def test_csv_import_changes_are_in_the_feed(api, shop):
    token = head(api)
    csv_text = (
        "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\n"
        "FEED-CSV,From CSV,Feed,2.00,EUR,5,1,unit:1,,PAR\n"
    )
    r = shop.client.post("/seller/offers/import", content=csv_text, headers={"Content-Type": "text/csv"})
    assert r.json()["created"] == 1
    items, _, _ = feed_walk(api, token)
    assert [o["sku"] for o in items] == ["FEED-CSV"]


@pytest.mark.parametrize("since", ["garbage", "bzox", "", "czotMQ", "%%%"])
def test_invalid_token_is_422(api, since):
    r = api.get("/offers/changes", params={"since": since})
    assert r.status_code == 422 and r.json()["code"] == "invalid_since"


@pytest.mark.parametrize("limit", [0, 1001, -1])
def test_limit_bounds(api, limit):
    assert api.get("/offers/changes", params={"limit": limit}).status_code == 422
