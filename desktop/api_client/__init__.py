"""The typed client of the marketplace HTTP API (httpx + pydantic; no Qt).

from desktop.api_client import ClientConfig, KeyringTokenStore, MarketplaceClient, new_idempotency_key

client = MarketplaceClient(ClientConfig("https://market.example"), token_store=KeyringTokenStore())
"""

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
