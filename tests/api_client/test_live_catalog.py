"""Round trips against the real server: accounts, catalog, sellers, questions, seller offers, CSV."""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal

import pytest

from desktop.api_client import (
    AuthenticationError,
    AuthExpiredError,
    ConflictError,
    NotFoundError,
    UnprocessableError,
    VersionConflictError,
)
from desktop.api_client.types import CURRENCY_CODES, OfferPatch

from .live import create_offer, new_client

pytestmark = pytest.mark.usefixtures("live_server")


def test_register_login_me_logout(live_server):
    client = new_client(live_server.url)
    email = f"acct-{uuid.uuid4().hex[:8]}@example.com"
    session = client.auth.register(email, "a long password", {"name": "Acme BV", "country": "nl"}, "buyer")
    assert session.user.email == email and session.user.role == "buyer"
    assert session.user.company.country == "NL"
    assert client.auth.me().id == session.user.id
    with pytest.raises(ConflictError) as taken:
        new_client(live_server.url).auth.register(email, "a long password", {"name": "X", "country": "NL"})
    assert taken.value.code == "email_taken" and taken.value.request_id
    with pytest.raises(UnprocessableError) as weak:
        new_client(live_server.url).auth.register(f"w-{email}", "short", {"name": "X", "country": "NL"})
    assert weak.value.code == "weak_password"
    assert any(e.field == "password" for e in weak.value.errors)

    client.auth.logout()
    assert not client.is_authenticated
    # the old token is revoked on the server: using it is a 401 that clears it again
    stale = new_client(live_server.url)
    stale.set_token(session.token, email)
    with pytest.raises(AuthExpiredError):
        stale.auth.me()
    assert not stale.is_authenticated

    again = new_client(live_server.url)
    assert again.auth.login(email, "a long password").user.id == session.user.id
    with pytest.raises(AuthenticationError) as wrong:
        new_client(live_server.url).auth.login(email, "not the password")
    assert wrong.value.code == "invalid_credentials"
    assert not isinstance(wrong.value, AuthExpiredError)


def test_currencies_and_categories(live_server):
    client = new_client(live_server.url)
    currencies = client.catalog.currencies()
    assert sorted(c.code for c in currencies) == sorted(CURRENCY_CODES)
    assert next(c for c in currencies if c.code == "EUR").rate_per_eur == Decimal(1)
    categories = client.catalog.categories()
    ids = {c.id for c in categories}
    assert len(categories) == 20
    assert all(c.parent_id is None or c.parent_id in ids for c in categories)
    assert sum(c.offer_count for c in categories if c.parent_id is None) > 0


def test_offers_walk_every_page_and_filter(live_server):
    client = new_client(live_server.url)
    walked = list(client.catalog.offers(limit=37))
    ids = [o.id for o in walked]
    assert len(ids) == len(set(ids)) > 37  # several pages, no duplicates
    first = client.catalog.offers(limit=5).first_page()
    assert len(first.items) == 5 and first.next_cursor

    in_stock = client.catalog.offers(in_stock=True, sort="price", limit=100).take(150)
    assert all(o.stock_units > 0 for o in in_stock)
    prices = [o.unit_price.amount for o in in_stock]
    assert prices == sorted(prices)

    top = max(client.catalog.categories(), key=lambda c: c.offer_count if c.parent_id is None else -1)
    sub_ids = {top.id} | {c.id for c in client.catalog.categories() if c.parent_id == top.id}
    in_category = list(client.catalog.offers(category=top.id, limit=200))
    assert len(in_category) == top.offer_count
    assert {o.category_id for o in in_category} <= sub_ids

    word = walked[0].title.split()[0]
    found = client.catalog.offers(q=word).take(20)
    assert found and all(
        word.lower() in (o.title + o.description + o.sku + o.seller.name).lower() for o in found
    )

    cheap = client.catalog.offers(min_price="1.00", max_price="5.00").take(50)
    assert all(Decimal("1.00") <= o.unit_price.amount <= Decimal("5.00") for o in cheap)
    weekly = client.catalog.offers(collection="weekly").take(20)
    assert weekly and all("weekly" in o.collections for o in weekly)

    usd = client.catalog.offers(currency="USD").take(3)
    assert all(o.unit_price.currency == "USD" for o in usd)
    other = client.catalog.offers(currency="XYZ").take(3)
    assert all(o.unit_price.currency == "EUR" for o in other)


def test_offer_detail_etag_304(live_server, caplog):
    client = new_client(live_server.url)
    offer_id = client.catalog.offers(limit=1).first_page().items[0].id
    first = client.catalog.offer(offer_id)
    caplog.set_level(logging.DEBUG, logger="desktop.api_client")
    second = client.catalog.offer(offer_id)
    assert second is first
    assert any(f"GET /api/v1/offers/{offer_id} -> 304" in r.getMessage() for r in caplog.records)
    with pytest.raises(NotFoundError) as missing:
        client.catalog.offer(2**31 - 2)
    assert missing.value.code == "not_found"


def test_changes_feed_walk_and_a_later_edit(live_server, seller_client):
    client = new_client(live_server.url)
    feed = client.catalog.changes(limit=500)
    seen: dict[int, int] = {}
    for page in feed:
        for offer in page.items:
            seen[offer.id] = seen.get(offer.id, 0) + 1
    assert seen and set(seen.values()) == {1}
    token = feed.next_since

    offer = create_offer(seller_client)
    seller_client.seller.update_offer(offer.id, OfferPatch(stock_units=5), version=offer.version)
    seller_client.seller.delete_offer(offer.id)
    later = client.catalog.changes(since=token)
    pages = list(later)
    deleted = [i for p in pages for i in p.deleted]
    changed = [o.id for p in pages for o in p.items]
    assert deleted.count(offer.id) + changed.count(offer.id) == 1
    assert offer.id in deleted
    assert later.next_since != token


def test_seller_profile_and_offers(live_server, seller_client):
    client = new_client(live_server.url)
    seller_id = seller_client.auth.me().seller_id
    assert seller_id is not None
    profile = client.catalog.seller(seller_id)
    assert profile.id == seller_id and profile.review_count >= 0
    offers = client.catalog.seller_offers(seller_id).take(30)
    assert offers and all(o.seller.id == seller_id for o in offers)


def test_questions_ask_list_answer(live_server, seller_client, fresh_buyer):
    seller_id = seller_client.auth.me().seller_id
    offer = new_client(live_server.url).catalog.seller_offers(seller_id).take(1)[0]
    message = f"Can you ship to Madeira? {uuid.uuid4().hex[:6]}"
    asked = fresh_buyer.questions.ask(offer.id, message)
    assert asked.offer_id == offer.id and asked.message == message and asked.answer is None
    inbox = [q for q in seller_client.seller.questions() if q.id == asked.id]
    assert len(inbox) == 1
    answered = seller_client.seller.answer(asked.id, "Yes, by sea freight.")
    assert answered.answer == "Yes, by sea freight."
    mine = list(fresh_buyer.questions.list())
    assert [q.answer for q in mine if q.id == asked.id] == ["Yes, by sea freight."]
    stranger = new_client(live_server.url)
    stranger.set_token("not-a-token", persist=False)
    with pytest.raises(AuthExpiredError):
        stranger.questions.list().first_page()


def test_seller_offer_create_patch_if_match_and_conflict(seller_client):
    offer = create_offer(seller_client, stock=500, price="12.34")
    assert offer.unit_price.amount == Decimal("12.34") and offer.version >= 1
    assert [o.id for o in seller_client.seller.offers(q=offer.sku)] == [offer.id]
    patched = seller_client.seller.update_offer(
        offer.id, OfferPatch(stock_units=400, title="Renamed pallet"), version=offer.version
    )
    assert (
        patched.version > offer.version and patched.stock_units == 400 and patched.title == "Renamed pallet"
    )
    with pytest.raises(VersionConflictError) as stale:
        seller_client.seller.update_offer(offer.id, OfferPatch(stock_units=1), version=offer.version)
    assert stale.value.code == "version_conflict"
    assert stale.value.current is not None
    assert stale.value.current.version == patched.version and stale.value.current.stock_units == 400
    seller_client.seller.delete_offer(offer.id)
    with pytest.raises(NotFoundError):
        new_client(seller_client.config.server_url).catalog.offer(offer.id)


def test_csv_export_and_import_dry_run(seller_client):
    csv_text = seller_client.seller.export_csv()
    header = csv_text.splitlines()[0]
    for column in (
        "sku",
        "title",
        "category",
        "unit_price",
        "currency",
        "stock_units",
        "moq_units",
        "packagings",
        "collections",
        "warehouse",
    ):
        assert column in header
    rows = len([line for line in csv_text.splitlines()[1:] if line.strip()])
    report = seller_client.seller.import_csv(csv_text, dry_run=True)
    assert report.errors == []
    assert report.created == 0 and report.unchanged + report.updated == rows

    bad = header + "\n" + "sku-only-row\n"
    report = seller_client.seller.import_csv(bad, dry_run=True)
    assert report.errors and report.errors[0].row == 2
    assert report.created == 0
