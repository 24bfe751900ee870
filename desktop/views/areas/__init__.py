"""The window's areas as parts the shell builds and owns (see :mod:`.base` for their shape).

    areas = Areas.standard()
    for area in areas: ...            # catalog, cart, orders, seller: the window's order
    areas.catalog.page                # each area's parts, typed
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .base import Area, Connected, Services, SignIn
from .cart import CartArea
from .catalog import CatalogArea
from .orders import OrdersArea
from .seller import SellerArea

__all__ = ["Area", "Areas", "CartArea", "CatalogArea", "Connected", "OrdersArea", "SellerArea", "Services",
           "SignIn"]


@dataclass(frozen=True)
class Areas:
    """The shell's areas, each by name and type; iterated in the window's order."""

    catalog: CatalogArea
    cart: CartArea
    orders: OrdersArea
    seller: SellerArea

    @classmethod
    def standard(cls) -> Areas:
        catalog = CatalogArea()
        return cls(catalog=catalog, cart=CartArea(), orders=OrdersArea(), seller=SellerArea(catalog=catalog))

    def __iter__(self) -> Iterator[Area]:
        return iter((self.catalog, self.cart, self.orders, self.seller))
