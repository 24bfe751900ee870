"""What the checkout wizard needs of the page that opens it (the cart area's CartPage, which this area
does not import: the composition root connects them) and of the cart it checks out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from desktop.api_client import MarketplaceClient
    from desktop.models.cart import Cart, Quote, QuoteIssue
    from desktop.views.shell.collaborators import AccountState

__all__ = ["CheckoutHost", "QuoteSource"]


class QuoteSource(Protocol):
    """The cart's latest quote (None before the first)."""

    quote: Quote | None


class CheckoutHost(Protocol):
    """The page the wizard opens over (a QWidget: the wizard's parent) and whose cart it checks out."""

    client: MarketplaceClient
    session: AccountState
    quoter: QuoteSource
    #: the wizard's "Sign in" / "Create an account": the page asks the shell
    sign_in_requested: SignalInstance
    create_account_requested: SignalInstance
    #: a quote (server or local) was shown
    quote_shown: SignalInstance

    def cart(self) -> Cart: ...

    def currency(self) -> str: ...

    def issue_text(self, issue: QuoteIssue) -> str: ...

    def reload(self, *, immediately: bool = False) -> None: ...
