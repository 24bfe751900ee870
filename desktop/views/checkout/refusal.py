"""What the checkout wizard says when the marketplace refuses a checkout (nothing was created or charged):
409 ``stock_changed`` / ``price_changed`` or 422 quote issues. The texts keep the "CheckoutWizard" context."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desktop.api_client import ApiStatusError
from desktop.models.cart import QuoteIssue

__all__ = ["refusal_notice"]


def refusal_notice(exc: BaseException, issues: Sequence[QuoteIssue]) -> str:
    """The notice above the review for a refused checkout (the lines' reasons are shown on the lines)."""
    code = exc.code if isinstance(exc, ApiStatusError) else None
    if code == "stock_changed":
        return QCoreApplication.translate(
            "CheckoutWizard", "Some items were bought by someone else meanwhile. Nothing was ordered and "
            "nothing was charged. The cart has been updated: adjust it and check out again.")
    if code == "price_changed":
        return QCoreApplication.translate(
            "CheckoutWizard", "Some prices changed since you reviewed the order. Nothing was ordered and "
            "nothing was charged. The cart shows the new prices: check them and check out again.")
    if issues:
        return QCoreApplication.translate(
            "CheckoutWizard", "The cart has issues to fix before checkout. Nothing was ordered and nothing "
            "was charged.")
    return (exc.detail if isinstance(exc, ApiStatusError) else None) or str(exc)
