"""The cart area: the Cart page (grouped per warehouse, issues with one-click fixes, quick order, CSV)
and the quote kept current in the background.

    CartPage     the page; "Checkout…" opens desktop.views.checkout.CheckoutWizard
    CartQuoter   debounced POST /cart/quote off the GUI thread; local_check offline
"""

from .cart_model import CartQuoter
from .cart_page import CartPage

__all__ = ["CartPage", "CartQuoter"]
