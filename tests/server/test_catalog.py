"""The public catalog against a real server: currencies, categories, GET /offers filters, sorts,
currency conversion, pagination, one offer with ETag, seller profiles, the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, ids, make_shop, walk

bare_server = catalog_support.bare_server

CURRENCIES = ["EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH"]


@pytest.fixture(scope="module")
def api(bare_server):
    with httpx.Client(base_url=bare_server.api, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def cats(bare_server):
    return add_categories(
        bare_server,
        {"Tools": None, "Hand tools": "Tools", "Power tools": "Tools", "Drills": "Power tools", "Food": None},
    )


@pytest.fixture(scope="module")
def shop(bare_server, cats):
    """One seller whose offers differ in every filtered property."""
    s = make_shop(bare_server, cats["Hand tools"], name="Acme Tools SARL")
    future = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    s.offer(
        sku="HAM-1",
        title="Claw hammer steel",
        unit_price={"amount": "12.00", "currency": "EUR"},
        collections=["weekly"],
        stock_units=40,
    )
    s.offer(
        sku="SAW-2",
        title="Hand saw",
        description="A steel blade for wood",
        unit_price={"amount": "25.50", "currency": "EUR"},
        collections=["surplus"],
        stock_units=0,
    )
    s.offer(
        sku="DRL-3",
        title="Cordless drill 18V",
        category_id=cats["Drills"],
        unit_price={"amount": "80.00", "currency": "EUR"},
        warehouse_id=s.warehouses["BER"],
        promotion={"discount_percent": 25, "ends_at": future},
    )
    s.offer(
        sku="OIL-4",
        title="Olive oil 5 L",
        category_id=cats["Food"],
        unit_price={"amount": "3.99", "currency": "EUR"},
        collections=["weekly", "surplus"],
    )
    return s


def offers(api, shop, **params) -> list[int]:
    r = api.get("/offers", params={"seller": shop.seller_id, **params})
    assert r.status_code == 200, r.text
    return ids(r.json()["items"])


def by_sku(shop, sku: str) -> int:
    return next(o["id"] for o in shop.offers if o["sku"] == sku)


def test_currencies_lists_the_twelve(api):
    r = api.get("/currencies")
    assert r.status_code == 200
    body = r.json()
    assert [c["code"] for c in body] == CURRENCIES
    assert Decimal(body[0]["rate_per_eur"]) == 1
    assert all(Decimal(c["rate_per_eur"]) > 0 and c["name"] and c["updated_at"] for c in body)


def test_categories_count_live_offers_including_subcategories(api, cats, shop):
    counted = {c["id"]: c for c in api.get("/categories").json()}
    assert counted[cats["Tools"]]["offer_count"] == 3  # hammer, saw (hand tools) + drill (drills)
    assert counted[cats["Hand tools"]]["offer_count"] == 2
    assert counted[cats["Power tools"]]["offer_count"] == 1
    assert counted[cats["Drills"]]["parent_id"] == cats["Power tools"]
    extra = shop.offer(category_id=cats["Drills"])
    assert shop.client.delete(f"/seller/offers/{extra['id']}").status_code == 204
    assert {c["id"]: c for c in api.get("/categories").json()}[cats["Tools"]]["offer_count"] == 3


@pytest.mark.parametrize(
    ("params", "skus"),
    [
        ({"q": "steel"}, {"HAM-1", "SAW-2"}),  # title or description
        ({"q": "ham"}, {"HAM-1"}),  # prefix
        ({"q": "hand st"}, {"SAW-2"}),  # every word, each a prefix
        ({"q": "drl"}, {"DRL-3"}),  # the SKU
        ({"q": "acme"}, {"HAM-1", "SAW-2", "DRL-3", "OIL-4"}),  # the seller's name
        ({"q": "nothing-like-this"}, set()),
        ({"category": "Tools"}, {"HAM-1", "SAW-2", "DRL-3"}),  # includes sub-categories
        ({"category": "Power tools"}, {"DRL-3"}),
        ({"collection": "weekly"}, {"HAM-1", "OIL-4"}),
        ({"collection": "surplus"}, {"SAW-2", "OIL-4"}),
        ({"collection": "promotion"}, {"DRL-3"}),
        ({"country": "de"}, {"DRL-3"}),
        ({"country": "FR"}, {"HAM-1", "SAW-2", "OIL-4"}),
        ({"in_stock": "true"}, {"HAM-1", "DRL-3", "OIL-4"}),
        ({"in_stock": "false"}, {"SAW-2"}),
        ({"min_price": "12.00"}, {"HAM-1", "SAW-2", "DRL-3"}),  # bounds are inclusive
        ({"max_price": "12.00"}, {"HAM-1", "OIL-4"}),
        ({"min_price": "50", "max_price": "60"}, {"DRL-3"}),  # the promotion price, 60.00
        ({"q": "steel", "category": "Hand tools", "in_stock": "true"}, {"HAM-1"}),
        # words and filters together: the filters are matched inside the full-text index then
        ({"q": "acme", "category": "Tools"}, {"HAM-1", "SAW-2", "DRL-3"}),
        ({"q": "acme", "category": "Power tools"}, {"DRL-3"}),
        ({"q": "acme", "collection": "weekly"}, {"HAM-1", "OIL-4"}),
        ({"q": "acme", "collection": "promotion"}, {"DRL-3"}),
        ({"q": "acme", "country": "de"}, {"DRL-3"}),
        ({"q": "acme", "country": "FR", "collection": "surplus", "in_stock": "false"}, {"SAW-2"}),
        ({"q": "acme", "category": "Food", "min_price": "3", "max_price": "4"}, {"OIL-4"}),
    ],
)
def test_each_filter_gives_exactly_the_expected_offers(api, cats, shop, params, skus):
    if "category" in params:
        params = {**params, "category": cats[params["category"]]}
    assert set(offers(api, shop, **params)) == {by_sku(shop, s) for s in skus}


def test_sorts(api, shop):
    price = offers(api, shop, sort="price")
    assert price == [by_sku(shop, s) for s in ("OIL-4", "HAM-1", "SAW-2", "DRL-3")]
    assert offers(api, shop, sort="-price") == price[::-1]
    newest = [by_sku(shop, s) for s in ("OIL-4", "DRL-3", "SAW-2", "HAM-1")]
    assert offers(api, shop, sort="newest") == newest
    assert offers(api, shop) == newest  # relevance without q
    # a title hit ranks above a description-only hit
    assert offers(api, shop, q="steel") == [by_sku(shop, "HAM-1"), by_sku(shop, "SAW-2")]


def test_currency_converts_every_price(api, shop):
    usd = Decimal(next(c for c in api.get("/currencies").json() if c["code"] == "USD")["rate_per_eur"])

    def conv(eur: str) -> str:
        return str((Decimal(eur) * usd).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    drill = api.get(f"/offers/{by_sku(shop, 'DRL-3')}", params={"currency": "usd"}).json()
    assert drill["unit_price"] == {"amount": conv("60.00"), "currency": "USD"}
    assert drill["list_price"] == {"amount": conv("80.00"), "currency": "USD"}
    assert drill["warehouse"]["min_order_value"] == {"amount": conv("250.00"), "currency": "USD"}
    assert drill["promotion"]["discount_percent"] == 25
    listed = {
        o["id"]: o
        for o in api.get("/offers", params={"seller": shop.seller_id, "currency": "USD"}).json()["items"]
    }
    assert listed[drill["id"]]["unit_price"] == drill["unit_price"]
    # price filters are in the requested currency
    assert offers(api, shop, currency="USD", min_price=conv("60.00"), max_price=conv("60.00")) == [
        drill["id"]
    ]
    assert offers(api, shop, currency="USD", min_price=str(Decimal(conv("60.00")) + Decimal("0.01"))) == []
    # any other currency → EUR
    odd = api.get(f"/offers/{drill['id']}", params={"currency": "XYZ"}).json()
    assert odd["unit_price"] == {"amount": "60.00", "currency": "EUR"}


def test_pagination_walk_returns_every_offer_once(bare_server, api, cats):
    s = make_shop(bare_server, cats["Food"])
    made = [s.offer()["id"] for _ in range(7)]
    for params in ({"sort": "price"}, {"sort": "newest"}, {"q": "item"}):
        seen = ids(walk(api, "/offers", {"seller": s.seller_id, "limit": 3, **params}))
        assert sorted(seen) == sorted(made)
    first = api.get("/offers", params={"seller": s.seller_id, "limit": 7}).json()
    assert first["next_cursor"] is None and len(first["items"]) == 7


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 501},
        {"limit": 0},
        {"cursor": "not-a-cursor"},
        {"category": "abc"},
        {"category": "99999999999999999999999"},
        {"seller": "-1"},
        {"min_price": "-1"},
        {"max_price": "1e30"},
        {"min_price": "NaN"},
        {"min_price": "5", "max_price": "4"},
        {"sort": "cheapest"},
        {"collection": "clearance"},
        {"country": "FRA"},
        {"in_stock": "maybe"},
        {"q": "x" * 201},
    ],
)
def test_bad_filter_values_are_422_with_field_errors(api, params):
    r = api.get("/offers", params=params)
    assert r.status_code == 422, r.text
    problem = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert problem["code"] in {"validation_error", "invalid_cursor"}
    assert problem["errors"] and problem["errors"][0]["field"] in params


def test_q_with_only_punctuation_or_fts_syntax_is_safe(api, shop):
    for q in ['"', "*", "NEAR(a b)", "a OR b", "-", "'; DROP TABLE offers; --", "title:steel"]:
        r = api.get("/offers", params={"q": q, "seller": shop.seller_id})
        assert r.status_code == 200, (q, r.text)


def test_one_offer_with_etag_and_304(api, shop):
    offer_id = by_sku(shop, "HAM-1")
    r = api.get(f"/offers/{offer_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["seller"] == {
        "id": shop.seller_id,
        "name": "Acme Tools SARL",
        "country": "FR",
        "rating": None,
    }
    assert body["packagings"][0]["units"] == 1 and body["image_urls"][0].endswith(
        f"/api/v1/media/offers/{offer_id}/0.png"
    )
    tag = r.headers["etag"]
    again = api.get(f"/offers/{offer_id}", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    # another currency is another representation
    assert (
        api.get(f"/offers/{offer_id}", params={"currency": "GBP"}, headers={"If-None-Match": tag}).status_code
        == 200
    )
    edited = shop.client.patch(
        f"/seller/offers/{offer_id}", json={"stock_units": 41}, headers={"If-Match": str(body["version"])}
    )
    assert edited.status_code == 200
    fresh = api.get(f"/offers/{offer_id}", headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and fresh.json()["stock_units"] == 41 and fresh.headers["etag"] != tag


def test_unknown_and_removed_offers_are_404(api, shop):
    assert api.get("/offers/2147483000").status_code == 404
    gone = shop.offer()
    assert shop.client.delete(f"/seller/offers/{gone['id']}").status_code == 204
    r = api.get(f"/offers/{gone['id']}")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert gone["id"] not in offers(api, shop, limit=500)


def test_seller_profile_and_offers(api, shop):
    r = api.get(f"/sellers/{shop.seller_id}")
    assert r.status_code == 200
    profile = r.json()
    live = offers(api, shop, limit=500)
    assert profile["name"] == "Acme Tools SARL" and profile["country"] == "FR"
    assert profile["review_count"] == 0 and profile["rating"] is None and profile["offer_count"] == len(live)
    listed = api.get(f"/sellers/{shop.seller_id}/offers", params={"sort": "price", "limit": 500}).json()[
        "items"
    ]
    assert sorted(ids(listed)) == sorted(live)
    assert api.get("/sellers/2147483000").status_code == 404
    assert api.get("/sellers/2147483000/offers").status_code == 404


def test_sql_and_html_text_is_stored_verbatim_and_served_as_json(api, shop):
    nasty = "<script>alert('x')</script> Robert'); DROP TABLE offers;-- & \"quotes\" ü"
    made = shop.offer(sku="<b>SKU</b>';--", title=nasty, description=nasty)
    r = api.get(f"/offers/{made['id']}")
    assert r.headers["content-type"].startswith("application/json")
    assert (
        r.json()["title"] == nasty
        and r.json()["description"] == nasty
        and r.json()["sku"] == "<b>SKU</b>';--"
    )
    assert made["id"] in offers(api, shop, q="robert drop")
    assert api.get("/offers", params={"limit": 1}).status_code == 200  # the table is still there


def test_openapi_documents_catalog_operations_and_their_errors(api):
    doc = httpx.get(str(api.base_url).removesuffix("/api/v1/") + "/openapi.json").json()
    paths = doc["paths"]
    expected = {
        ("/api/v1/offers", "get"): {"422"},
        ("/api/v1/offers/{offer_id}", "get"): {"304", "404"},
        ("/api/v1/offers/changes", "get"): {"422"},
        ("/api/v1/sellers/{seller_id}", "get"): {"404"},
        ("/api/v1/seller/offers", "post"): {"401", "403", "409", "422"},
        ("/api/v1/seller/offers/{offer_id}", "patch"): {"404", "412", "428"},
        ("/api/v1/seller/offers/{offer_id}", "delete"): {"404"},
        ("/api/v1/seller/offers/import", "post"): {"413", "415", "422"},
        ("/api/v1/offers/{offer_id}/questions", "post"): {"401", "404", "422"},
        ("/api/v1/seller/questions/{question_id}/answer", "post"): {"404", "409"},
    }
    for (path, method), statuses in expected.items():
        op = paths[path][method]
        assert statuses <= set(op["responses"]), (path, method, op["responses"].keys())
    assert "text/csv" in paths["/api/v1/seller/offers/import"]["post"]["requestBody"]["content"]
    assert {
        "/api/v1/currencies",
        "/api/v1/categories",
        "/api/v1/questions",
        "/api/v1/seller/questions",
        "/api/v1/seller/offers/export",
        "/api/v1/sellers/{seller_id}/offers",
    } <= set(paths)
    offer_schema = doc["components"]["schemas"]["OfferOut"]["properties"]
    assert {"unit_price", "list_price", "packagings", "promotion", "image_urls", "version"} <= set(
        offer_schema
    )


def test_each_offers_list_documents_its_query_parameters(api):
    """The offers-list query is validated as one model; the OpenAPI document still lists each of its
    parameters, with its limits, on the three lists that take it."""
    doc = httpx.get(str(api.base_url).removesuffix("/api/v1/") + "/openapi.json").json()
    names = ["q", "category", "collection", "seller", "country", "min_price", "max_price", "in_stock", "sort",
             "currency", "limit", "cursor"]
    for path in ("/api/v1/offers", "/api/v1/sellers/{seller_id}/offers", "/api/v1/seller/offers"):
        params = {p["name"]: p for p in doc["paths"][path]["get"]["parameters"] if p["in"] == "query"}
        assert list(params) == names, path
        assert params["limit"]["schema"]["maximum"] == 500 and params["limit"]["schema"]["minimum"] == 1
        assert {"enum": ["weekly", "surplus", "promotion"], "type": "string"} in params["collection"]["schema"]["anyOf"]
        assert "prefix" in params["q"]["description"]
