"""The API's routers, one module per area of the contract."""

from fastapi import APIRouter


def all_routers() -> list[APIRouter]:
    from . import admin, auth, cart, catalog, checkout, media, orders, payments, questions, seller

    return [m.router for m in (auth, catalog, media, questions, cart, checkout, orders, seller, payments, admin)]
