"""The API's routers, one module per area of the contract."""

from fastapi import APIRouter


def all_routers() -> list[APIRouter]:
    from . import (
        admin,
        auth,
        cart,
        catalog,
        checkout,
        media,
        orders,
        payments,
        questions,
        seller,
        seller_orders,
    )

    modules = (auth, catalog, media, questions, cart, checkout, orders, seller, seller_orders, payments)
    return [m.router for m in (*modules, admin)]
