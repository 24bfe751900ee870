"""The API's resource groups, as the contract groups them."""

from .account import Auth
from .catalog import Catalog
from .orders import Orders
from .questions import Questions
from .seller import Seller
from .shopping import Admin, Cart, Checkout, Payments

__all__ = ["Admin", "Auth", "Cart", "Catalog", "Checkout", "Orders", "Payments", "Questions", "Seller"]
