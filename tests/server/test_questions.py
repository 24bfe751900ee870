"""'Contact the seller': ask, read, answer."""

from __future__ import annotations

import httpx
import pytest

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, make_shop, register

bare_server = catalog_support.bare_server


@pytest.fixture(scope="module")
def shop(bare_server):
    cats = add_categories(bare_server, {"Questions": None})
    return make_shop(bare_server, cats["Questions"], name="Answering Seller")


def test_question_round_trip(bare_server, shop):
    offer = shop.offer(title="Pallet of gloves")
    buyer = register(bare_server, "buyer", name="Curious Buyer SA")
    message = "<b>Can you</b> ship 3 pallets to Lyon?'); DROP TABLE questions;--"
    r = buyer.post(f"/offers/{offer['id']}/questions", json={"message": message})
    assert r.status_code == 201, r.text
    q = r.json()
    assert q["message"] == message and q["offer_title"] == "Pallet of gloves" and q["answer"] is None
    assert q["seller_name"] == "Answering Seller" and q["buyer_company"] == "Curious Buyer SA"

    inbox = shop.client.get("/seller/questions", params={"unanswered": True}).json()["items"]
    assert [i["id"] for i in inbox] == [q["id"]]
    answered = shop.client.post(f"/seller/questions/{q['id']}/answer", json={"message": "Yes, by Friday."})
    assert answered.status_code == 200 and answered.json()["answer"] == "Yes, by Friday."
    assert answered.json()["answered_at"] is not None
    again = shop.client.post(f"/seller/questions/{q['id']}/answer", json={"message": "Again"})
    assert again.status_code == 409 and again.json()["code"] == "already_answered"
    assert shop.client.get("/seller/questions", params={"unanswered": True}).json()["items"] == []
    assert [i["id"] for i in shop.client.get("/seller/questions").json()["items"]] == [q["id"]]

    threads = buyer.get("/questions").json()
    assert [(t["id"], t["answer"], t["offer_title"]) for t in threads["items"]] == [
        (q["id"], "Yes, by Friday.", "Pallet of gloves")
    ]


def test_threads_are_private(bare_server, shop):
    offer = shop.offer()
    asker = register(bare_server, "buyer")
    q = asker.post(f"/offers/{offer['id']}/questions", json={"message": "Price for 1000?"}).json()
    other_buyer = register(bare_server, "buyer")
    assert other_buyer.get("/questions").json()["items"] == []
    cats = add_categories(bare_server, {"Elsewhere": None})
    other_seller = make_shop(bare_server, cats["Elsewhere"])
    assert other_seller.client.get("/seller/questions").json()["items"] == []
    r = other_seller.client.post(f"/seller/questions/{q['id']}/answer", json={"message": "Not mine"})
    assert r.status_code == 404
    assert asker.get("/seller/questions").status_code == 403  # buyers have no seller inbox


@pytest.mark.parametrize("message", ["", "   ", "x" * 2001, None, 42])
def test_bad_messages_are_422(bare_server, shop, message):
    offer = shop.offer()
    buyer = register(bare_server, "buyer")
    r = buyer.post(f"/offers/{offer['id']}/questions", json={"message": message})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "message"
    assert buyer.get("/questions").json()["items"] == []


def test_asking_needs_an_account_and_a_live_offer(bare_server, shop):
    offer = shop.offer()
    assert (
        httpx.post(f"{bare_server.api}/offers/{offer['id']}/questions", json={"message": "Hi"}).status_code
        == 401
    )
    buyer = register(bare_server, "buyer")
    assert buyer.post("/offers/2147483000/questions", json={"message": "Hi"}).status_code == 404
    assert shop.client.delete(f"/seller/offers/{offer['id']}").status_code == 204
    assert buyer.post(f"/offers/{offer['id']}/questions", json={"message": "Hi"}).status_code == 404
    mine = shop.offer()
    own = shop.client.post(f"/offers/{mine['id']}/questions", json={"message": "Hi"})
    assert own.status_code == 422 and own.json()["code"] == "own_offer"


def test_question_pages_walk(bare_server, shop):
    offer = shop.offer()
    buyer = register(bare_server, "buyer")
    made = [
        buyer.post(f"/offers/{offer['id']}/questions", json={"message": f"Q{i}"}).json()["id"]
        for i in range(5)
    ]
    seen, cursor = [], None
    while True:
        page = buyer.get("/questions", params={"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made[::-1]
