"""The checkout wizard: 1 Who · 2 Company and delivery · 3 Shipping · 4 Payment · 5 Review, then the
payment (waiting for the card page, or the bank transfer / Multibanco instructions) and the confirmation.

    wizard = CheckoutWizard(cart_page)      # opened by CartPage.open_checkout()
    wizard.view_orders_requested.connect(...)
"""

from .wizard import CheckoutWizard

__all__ = ["CheckoutWizard"]
