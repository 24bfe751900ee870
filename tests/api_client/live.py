"""Helpers of the real-server tests: clients of the demo accounts, a fresh offer, placing an order."""

from __future__ import annotations

import uuid
from decimal import Decimal

from desktop.api_client import ClientConfig, MarketplaceClient, MemoryTokenStore, new_idempotency_key
from desktop.api_client.types import (
    CheckoutRequest,
    CheckoutResult,
    Offer,
    OfferCreate,
    PackagingIn,
)

from .helpers import SleepRecorder

PASSWORD = "demo-password"
BUYER, SELLER, ADMIN = "buyer@demo.test", "seller@demo.test", "admin@demo.test"
PASSWORD_OF_NEW_BUYERS = "long enough password"


def new_client(url: str, sleeps: SleepRecorder | None = None, **config) -> MarketplaceClient:
    config.setdefault("sleep", sleeps or SleepRecorder())
    return MarketplaceClient(ClientConfig(server_url=url, **config), token_store=MemoryTokenStore())


def signed_in(url: str, email: str, password: str = PASSWORD) -> MarketplaceClient:
    client = new_client(url)
    client.auth.login(email, password)
    return client


def register_buyer(url: str) -> tuple[MarketplaceClient, str]:
    client = new_client(url)
    email = f"buyer-{uuid.uuid4().hex[:10]}@example.com"
    client.auth.register(email, PASSWORD_OF_NEW_BUYERS, {"name": "Test Buyer Lda", "country": "PT"}, "buyer")
    return client, email


def leaf_category_id(client: MarketplaceClient) -> int:
    categories = client.catalog.categories()
    parents = {c.parent_id for c in categories}
    return next(c.id for c in categories if c.id not in parents)


def create_offer(
    seller: MarketplaceClient, *, stock: int = 100_000, price: str = "1000.00", moq: int = 1
) -> Offer:
    """A fresh offer of the demo seller, priced so one unit clears any minimum order value."""
    warehouse_id = seller.seller.offers().first_page().items[0].warehouse.id
    return seller.seller.create_offer(
        OfferCreate(
            sku=f"T-{uuid.uuid4().hex[:12]}",
            title=f"Client test pallet {uuid.uuid4().hex[:6]}",
            description="Made by the API client tests",
            category_id=leaf_category_id(seller),
            warehouse_id=warehouse_id,
            unit_price={"amount": Decimal(price), "currency": "EUR"},
            packagings=[PackagingIn(label="unit", units=1), PackagingIn(label="pallet", units=50)],
            moq_units=moq,
            stock_units=stock,
            collections=["surplus"],
        )
    )


def checkout_request(
    client: MarketplaceClient,
    offer: Offer,
    quantity: int = 20,
    *,
    method: str = "bank_transfer",
    guest_email: str | None = None,
) -> CheckoutRequest:
    lines = [{"offer_id": offer.id, "packaging_id": offer.packagings[0].id, "quantity": quantity}]
    quote = client.cart.quote(lines, "EUR")
    assert quote.all_issues == [], quote.all_issues
    shipping = {str(group.warehouse.id): group.shipping_methods[0].id for group in quote.groups}
    return CheckoutRequest.model_validate(
        {
            "currency": "EUR",
            "lines": lines,
            "shipping": shipping,
            "company": {
                "name": "Test Buyer Lda",
                "vat_number": "PT999999990",
                "address": "Rua Teste 1, Porto",
            },
            "delivery_address": {
                "name": "Receiving",
                "street": "Rua Teste 1",
                "postcode": "4000-001",
                "city": "Porto",
                "country": "PT",
            },
            "payment_method": method,
            "guest": {"email": guest_email} if guest_email else None,
        }
    )


def place_order(
    client: MarketplaceClient, offer: Offer, quantity: int = 20, *, method: str = "bank_transfer"
) -> CheckoutResult:
    request = checkout_request(client, offer, quantity, method=method)
    return client.checkout.place(request, idempotency_key=new_idempotency_key())
