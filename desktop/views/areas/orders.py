"""The orders area: the Orders page (stage 2), over the signed-in account's orders cache, following
the session and the connection; it syncs when shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Area
from .openers import guest_clients, orders_caches

if TYPE_CHECKING:
    from desktop.views.orders import OrdersPage
    from desktop.views.window.main_window import MainWindow

    from .base import Connected

__all__ = ["OrdersArea"]


class OrdersArea(Area):
    key = "orders"

    def __init__(self) -> None:
        self.page: OrdersPage | None = None

    def connect(self, window: MainWindow, services: Connected) -> None:
        from desktop.views.orders import OrdersPage

        client, session = services.client, services.session
        page = self.page = OrdersPage(client, caches=orders_caches(services.paths.data, client.server_url),
                                      guest_client=guest_clients(client), token_store=services.token_store,
                                      cart=services.cart)
        window.replace_page(self.key, page)
        page.notifier.status_bar = window.status
        services.connectivity.changed.connect(page.set_online)

        def account_changed() -> None:  # the signed-in account's orders; offline, the kept account's cache
            user = session.user
            page.set_account(user.email if user is not None else session.pending_account, sync=session.signed_in)

        session.changed.connect(account_changed)
        window.page_changed.connect(lambda key: key == "orders" and session.signed_in and page.sync())
        window.remember_splitter(page.splitter, "orders")
        account_changed()

    def close(self) -> None:
        if self.page is not None:
            self.page.close_cache()
