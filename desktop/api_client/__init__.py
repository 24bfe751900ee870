"""The typed client of the marketplace HTTP API (httpx + pydantic; no Qt).

from desktop.api_client import ClientConfig, KeyringTokenStore, MarketplaceClient, new_idempotency_key

client = MarketplaceClient(ClientConfig("https://market.example"), token_store=KeyringTokenStore())

The names are loaded on first use (PEP 562): ``from desktop.api_client import OfflineError`` reads only
errors.py, so the views can name the error classes without paying for httpx and the pydantic types
(about half a second at start-up) before the main window is shown. The client itself loads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import types
    from ._base import new_idempotency_key
    from ._client import MarketplaceClient
    from .config import ClientConfig, build_ssl_context, user_agent
    from .errors import (
        ApiConnectionError,
        ApiError,
        ApiStatusError,
        ApiTimeoutError,
        AuthenticationError,
        AuthExpiredError,
        BadRequestError,
        ConflictError,
        ConnectTimeoutError,
        FieldError,
        ForbiddenError,
        MalformedResponseError,
        NotFoundError,
        OfflineError,
        ServerError,
        ThrottledError,
        TlsError,
        UnprocessableError,
        VersionConflictError,
    )
    from .pagination import ChangesFeed, PageIterator
    from .tokens import KeyringTokenStore, MemoryTokenStore, TokenStore

__all__ = [
    "ApiConnectionError",
    "ApiError",
    "ApiStatusError",
    "ApiTimeoutError",
    "AuthExpiredError",
    "AuthenticationError",
    "BadRequestError",
    "ChangesFeed",
    "ClientConfig",
    "ConflictError",
    "ConnectTimeoutError",
    "FieldError",
    "ForbiddenError",
    "KeyringTokenStore",
    "MalformedResponseError",
    "MarketplaceClient",
    "MemoryTokenStore",
    "NotFoundError",
    "OfflineError",
    "PageIterator",
    "ServerError",
    "ThrottledError",
    "TlsError",
    "TokenStore",
    "UnprocessableError",
    "VersionConflictError",
    "build_ssl_context",
    "new_idempotency_key",
    "types",
    "user_agent",
]

_ERRORS = frozenset(name for name in __all__ if name.endswith("Error"))
_TOKENS = frozenset({"KeyringTokenStore", "MemoryTokenStore", "TokenStore"})
_CONFIG = frozenset({"ClientConfig", "build_ssl_context", "user_agent"})
_PAGINATION = frozenset({"ChangesFeed", "PageIterator"})


def __getattr__(name: str) -> Any:
    if name in _ERRORS:
        from . import errors as module
    elif name in _TOKENS:
        from . import tokens as module
    elif name in _CONFIG:
        from . import config as module
    elif name in _PAGINATION:
        from . import pagination as module
    elif name == "MarketplaceClient":
        from . import _client as module
    elif name == "new_idempotency_key":
        from . import _base as module
    elif name == "types":  # a submodule: import it by its full name (``from . import`` asks us again)
        import importlib

        return importlib.import_module(f"{__name__}.types")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
