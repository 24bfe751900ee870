"""The public catalog's reads besides the offers lists: one live offer, the delta feed and its
`since` tokens, a seller's profile."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..errors import ApiError, not_found
from ..orm import Offer, Seller
from ..schemas.catalog import SellerProfile
from . import currency as fx
from .offer_rows import OfferRenderer, changed_rows, packagings_by_offer
from .statements import fetch_all

_LIVE_VERSION = text("SELECT version FROM offers WHERE id = :id AND deleted_at IS NULL")


def live_version(db: Session, offer_id: int) -> int:
    """A live offer's version (404 `not_found` when there is none), read without rendering it."""
    found = fetch_all(db, _LIVE_VERSION, {"id": offer_id})
    if not found:
        raise not_found("offer")
    return found[0][0]


def offer_dict(db: Session, offer_id: int, currency: str, public_url: str) -> dict[str, Any]:
    """One live offer, prices in `currency` (already resolved), 404 `not_found` when there is none."""
    items = OfferRenderer(public_url, currency, fx.cached_rates(db)[currency]).load(db, [offer_id])
    if not items:
        raise not_found("offer")
    return items[0]


def offer_eur(db: Session, public_url: str, offer_id: int) -> dict[str, Any]:
    """One offer as its seller sees it: prices in EUR."""
    return OfferRenderer(public_url, "EUR", Decimal(1)).load(db, [offer_id])[0]


# --- the delta feed -------------------------------------------------------------------------------


def encode_since(seq: int) -> str:
    return base64.urlsafe_b64encode(f"s:{seq}".encode()).decode().rstrip("=")


def decode_since(token: str) -> int:
    try:
        kind, value = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().split(":", 1)
        seq = int(value)
        if kind != "s" or seq < 0 or seq > 2**62:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            422,
            "invalid_since",
            "This `since` token is not one the server gave out.",
            errors=[
                {
                    "field": "since",
                    "code": "invalid_since",
                    "message": "Unknown token; sync again from scratch.",
                }
            ],
        ) from None
    return seq


def changes_page(session: Session, url: str, after: int, live_only: bool, limit: int) -> dict[str, Any]:
    """One page of the feed: every changed offer row in one query (removed ones give their id only)."""
    rows = changed_rows(session, after, limit + 1, live_only=live_only)
    has_more = len(rows) > limit
    rows = rows[:limit]
    live = [r for r in rows if r.deleted_at is None]
    deleted = [r.id for r in rows if r.deleted_at is not None]
    packs = packagings_by_offer(session, [r.id for r in live])
    items = OfferRenderer(url, "EUR", Decimal(1)).render_rows(live, packs)
    next_since = encode_since(rows[-1].change_seq if rows else after)
    return {"items": items, "deleted": deleted, "next_since": next_since, "has_more": has_more}


# --- sellers --------------------------------------------------------------------------------------


def require_seller(db: Session, seller_id: int) -> Seller:
    seller = db.get(Seller, seller_id)
    if seller is None:
        raise not_found("seller")
    return seller


def seller_profile(db: Session, seller_id: int) -> SellerProfile:
    """A seller's public profile, with its live offers counted (404 `not_found` for no such seller)."""
    seller = require_seller(db, seller_id)
    count = db.scalar(
        select(func.count())
        .select_from(Offer)
        .where(Offer.seller_id == seller_id, Offer.deleted_at.is_(None))
    )
    return SellerProfile(
        id=seller.id,
        name=seller.name,
        country=seller.country,
        rating=seller.rating,
        review_count=seller.review_count,
        description=seller.description or "",
        member_since=seller.created_at,
        offer_count=count or 0,
    )
