"""Helpers for the cart, checkout and order tests: own accounts via the API, own offers via the ORM.

Offers go straight into the server's database (through `services.offers.touch`, as every writer of
offers must), so these tests depend on nothing but the orders side of the API.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from marketplace.db import Database
from marketplace.orm import Category, Offer, Order, Packaging, Seller, Warehouse
from marketplace.services import offers as offer_service
from marketplace.services import price_tiers


@dataclass
class Account:
    token: str
    user_id: int
    seller_id: int | None
    email: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class OfferRef:
    id: int
    packaging_id: int
    pack_units: int
    warehouse_id: int
    seller_id: int
    sku: str


def register(api: str, role: str = "buyer") -> Account:
    email = f"{role}-{uuid.uuid4().hex[:12]}@example.com"
    r = httpx.post(
        f"{api}/auth/register",
        timeout=30,
        json={
            "email": email,
            "password": "long-enough-password",
            "role": role,
            "company": {"name": f"{role.title()} {email[:14]}", "country": "PT", "vat_number": "PT123456789"},
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    return Account(body["token"], body["user"]["id"], body["user"].get("seller_id"), email)


@pytest.fixture(scope="module")
def db(live_server) -> Iterator[Database]:
    database = Database(live_server.database_url)
    yield database
    database.dispose()


@pytest.fixture
def api(live_server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.api, timeout=60) as client:
        yield client


def seller_id_of(db: Database, account: Account) -> int:
    if account.seller_id:
        return account.seller_id
    with db.session() as s:
        return s.scalar(select(Seller.id).where(Seller.user_id == account.user_id))


def add_warehouse(db: Database, seller_id: int, *, min_order_value: str = "0", city: str = "Porto") -> int:
    with db.session(write=True) as s:
        wh = Warehouse(
            seller_id=seller_id,
            code=f"WH-{uuid.uuid4().hex[:8]}",
            country="PT",
            city=city,
            min_order_value=Decimal(min_order_value),
        )
        s.add(wh)
        s.commit()
        return wh.id


def add_offer(
    db: Database,
    seller_id: int,
    warehouse_id: int,
    *,
    price: str = "10.00",
    stock: int = 1000,
    moq: int = 1,
    pack_units: int = 10,
    title: str | None = None,
    extra_packs: tuple[int, ...] = (),
    tiers: tuple[tuple[int, str], ...] = (),
) -> OfferRef:
    """`tiers`: volume prices, (min_units, EUR list price) pairs."""
    sku = f"SKU-{uuid.uuid4().hex[:10].upper()}"
    with db.session(write=True) as s:
        category = s.scalar(select(Category.id).order_by(Category.id).limit(1))
        if category is None:
            c = Category(name="Test goods")
            s.add(c)
            s.flush()
            category = c.id
        offer = Offer(
            seller_id=seller_id,
            warehouse_id=warehouse_id,
            category_id=category,
            sku=sku,
            title=title or f"Test pallet {sku}",
            description="for the order tests",
            list_price=Decimal(price),
            unit_price=Decimal(price),
            moq_units=moq,
            stock_units=stock,
            surplus=True,
            change_seq=0,
            price_tiers=price_tiers.dump([(units, Decimal(amount)) for units, amount in tiers]),
        )
        offer.packagings = [Packaging(label=f"Box of {pack_units}", units=pack_units)]
        offer.packagings += [Packaging(label=f"Box of {u}", units=u) for u in extra_packs]
        s.add(offer)
        s.flush()
        s.refresh(offer)
        offer_service.touch(s, [offer], new=True)
        s.commit()
        pack = next(p for p in offer.packagings if p.units == pack_units)
        return OfferRef(offer.id, pack.id, pack_units, warehouse_id, seller_id, sku)


def stock_of(db: Database, offer_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(Offer.stock_units).where(Offer.id == offer_id))


def version_of(db: Database, offer_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(Offer.version).where(Offer.id == offer_id))


def set_order(db: Database, ref: str, **values: Any) -> None:
    with db.session(write=True) as s:
        s.execute(update(Order).where(Order.ref == ref).values(**values))
        s.commit()


def line(offer: OfferRef, quantity: int = 1) -> dict[str, int]:
    return {"offer_id": offer.id, "packaging_id": offer.packaging_id, "quantity": quantity}


def checkout_body(
    lines: list[dict],
    shipping: dict[int, int] | None = None,
    *,
    currency: str = "EUR",
    payment_method: str = "bank_transfer",
    guest: str | None = None,
    offers: list[OfferRef] | None = None,
) -> dict[str, Any]:
    if shipping is None:
        shipping = {o.warehouse_id: 1 for o in (offers or [])}
    body: dict[str, Any] = {
        "currency": currency,
        "lines": lines,
        "shipping": {str(k): v for k, v in shipping.items()},
        "company": {"name": "Acme Lda", "vat_number": "PT500000000", "address": "Rua A 1, Lisboa"},
        "delivery_address": {
            "name": "Ana",
            "street": "Rua B 2",
            "postcode": "1000-001",
            "city": "Lisboa",
            "country": "PT",
            "phone": "+351 900 000 000",
        },
        "payment_method": payment_method,
    }
    if guest:
        body["guest"] = {"email": guest}
    return body


def place(
    api: httpx.Client, account: Account | None, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    if account is not None:
        headers.update(account.headers)
    return api.post("/checkout", json=body, headers=headers)


def buy(api: httpx.Client, account: Account, offers: list[OfferRef], quantity: int = 1, **kw: Any) -> dict:
    """A successful checkout of `quantity` packs of each offer; returns the 201 body."""
    r = place(api, account, checkout_body([line(o, quantity) for o in offers], offers=offers, **kw))
    assert r.status_code == 201, r.text
    return r.json()


def buy_paid(api: httpx.Client, account: Account, offers: list[OfferRef], quantity: int = 1, **kw: Any) -> dict:
    """:func:`buy` by bank transfer, then the admin marks it received (a paid order may be shipped);
    returns the 201 body (as placed, before the payment)."""
    body = buy(api, account, offers, quantity, payment_method="bank_transfer", **kw)
    r = api.post("/auth/login", json={"email": "admin@demo.test", "password": "demo-password"})
    assert r.status_code == 200, r.text
    ref = body["order_group"]["ref"]
    paid = api.post(f"/admin/payment-groups/{ref}/received", headers={"Authorization": f"Bearer {r.json()['token']}"})
    assert paid.status_code == 200, paid.text
    return body


def ship(api: httpx.Client, seller: Account, ref: str, status: str, **kw: Any) -> httpx.Response:
    return api.post(f"/seller/orders/{ref}/shipping", json={"status": status, **kw}, headers=seller.headers)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Shop:
    """A seller of the test's own with one warehouse."""

    seller: Account
    seller_id: int
    warehouse_id: int


def new_shop(api_url: str, db: Database, *, min_order_value: str = "0") -> Shop:
    seller = register(api_url, "seller")
    sid = seller_id_of(db, seller)
    return Shop(seller, sid, add_warehouse(db, sid, min_order_value=min_order_value))


def packs_of(db: Database, offer_id: int) -> dict[int, int]:
    """units → packaging id"""
    with db.session() as s:
        return {p.units: p.id for p in s.scalars(select(Packaging).where(Packaging.offer_id == offer_id))}


def rate_of(db: Database, code: str) -> Decimal:
    from marketplace.services.currency import rates

    with db.session() as s:
        return rates(s)[code]


def card_order(api_url: str, database_url: str) -> tuple[Account, dict]:
    """A new buyer's unpaid card order (2 packs of 6 at 19.90 a unit, from a new shop): the buyer and the
    checkout's 201 body (its payment's checkout_url not yet paid)."""
    db = Database(database_url)
    try:
        shop = new_shop(api_url, db)
        offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="19.90", pack_units=6)
    finally:
        db.dispose()
    buyer = register(api_url)
    with httpx.Client(base_url=api_url, timeout=60) as api:
        return buyer, buy(api, buyer, [offer], quantity=2, payment_method="card")
