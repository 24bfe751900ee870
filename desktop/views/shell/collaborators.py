"""What the pages receive from the composition root (desktop/views/shell/shell.py and its areas in
desktop/views/areas/), as types: the few callables and small protocols that more than one view area,
or an area and the root, name.

Nothing here builds a client or a store: the root does, and hands the pages these. The real types
(``MarketplaceClient``, ``OrdersCache``…) are imported for type checking only, so that importing a page
in stage 1 does not import httpx, pydantic or the keyring (see Shell).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from desktop.api_client import MarketplaceClient
    from desktop.models.cart import Cart
    from desktop.models.orders_cache import OrdersCache

__all__ = ["AccountState", "CartSource", "GuestClientFactory", "OrdersCacheOpener"]

#: a client for one guest checkout: its guest token → a client that sends it (the app's server, proxy and
#: trust store); the caller closes it
GuestClientFactory: TypeAlias = "Callable[[str], MarketplaceClient]"

#: an account's orders cache (None: signed out, only the guest orders kept on this computer); the caller
#: closes it
OrdersCacheOpener: TypeAlias = "Callable[[str | None], OrdersCache]"

#: the cart lines are added to (the signed-in account's, else the guest cart)
CartSource: TypeAlias = "Callable[[], Cart]"


class AccountState(Protocol):
    """Who is signed in, as the cart page and the checkout read it (desktop.views.account.session.Session)."""

    @property
    def signed_in(self) -> bool: ...

    @property
    def email(self) -> str | None: ...

    #: emitted on sign in / out / guest / restore
    changed: SignalInstance
