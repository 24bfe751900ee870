"""The API's routers, one module per area of the contract."""

from fastapi import APIRouter


def all_routers() -> list[APIRouter]:
    from . import (
        admin,
        auth,
        cart,
        catalog,
        checkout,
        marketplace,
        media,
        orders,
        payments,
        questions,
        seller,
        seller_orders,
    )

    # the catalog first: GET /offers, the busiest route, is then matched after a handful of others
    modules = (catalog, auth, media, questions, cart, checkout, orders, seller, seller_orders, payments, marketplace)
    return [m.router for m in (*modules, admin)]
