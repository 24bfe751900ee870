"""The marketplace's tables (SQLAlchemy 2, typed). Money columns hold EUR unless named otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    update,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

MONEY = Numeric(14, 2)
RATE = Numeric(18, 6)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite too (which stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        if value is not None and dialect.name == "sqlite":
            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def result_processor(self, dialect, coltype):
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        process_value = self.process_result_value

        def process(value):  # SQLite's text read by the C parser: a fifth of the cost of SQLAlchemy's regex
            if isinstance(value, str):
                value = datetime.fromisoformat(value)
            return process_value(value, dialect)

        return process


class Base(DeclarativeBase):
    pass


# --- accounts -------------------------------------------------------------------------------------


class Company(Base):
    __tablename__ = "companies"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    vat_number: Mapped[str | None] = mapped_column(String(32))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))  # buyer | seller | admin
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    company: Mapped[Company] = relationship(lazy="joined")
    seller: Mapped[Seller | None] = relationship(back_populates="user", lazy="joined", uselist=False)


class AuthToken(Base):
    """Opaque bearer tokens, stored as SHA-256 hashes. A guest token reads one order group only."""

    __tablename__ = "auth_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    guest_group_id: Mapped[int | None] = mapped_column(ForeignKey("order_groups.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginFailure(Base):
    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the client address the attempt came from (throttled per address too)
    source: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)


class KnownLoginSource(Base):
    """An address an account signed in from successfully: it keeps access while the account is under
    attack from elsewhere (services/login_throttle.py)."""

    __tablename__ = "known_login_sources"
    __table_args__ = (UniqueConstraint("email", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    source: Mapped[str] = mapped_column(String(64))
    last_login_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServerSecret(Base):
    """Secrets the server makes once and keeps with its data (the payment-link signing key), so that
    what they signed stays valid across restarts and across worker processes."""

    __tablename__ = "server_secrets"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


# --- catalog --------------------------------------------------------------------------------------


class Currency(Base):
    __tablename__ = "currencies"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    rate_per_eur: Mapped[Decimal] = mapped_column(RATE)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))


class CategoryTranslation(Base):
    """A category's name in another language (`language`: "fr"); the `categories` row holds the default
    (English) name, which every language without a row here falls back to."""

    __tablename__ = "category_translations"
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))


class Seller(Base):
    __tablename__ = "sellers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    user: Mapped[User | None] = relationship(back_populates="seller")


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))  # the seller's own name for it, used by CSV import
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(100))
    min_order_value: Mapped[Decimal] = mapped_column(MONEY)
    __table_args__ = (UniqueConstraint("seller_id", "code"),)


class Counter(Base):
    """Monotonic counters. Bumping one inside a transaction holds its row lock until commit, so the
    offers change feed's sequence numbers are handed out in commit order."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


#: the counter the offers change feed numbers its changes with (services/offers.py)
OFFER_CHANGES = "offer_changes"


class Offer(Base):
    __tablename__ = "offers"
    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    sku: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: list price per unit, EUR; the buyer pays this less any running promotion
    list_price: Mapped[Decimal] = mapped_column(MONEY)
    #: what the buyer pays per unit right now (kept in step with the promotion; for sort and filters)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)
    moq_units: Mapped[int] = mapped_column(Integer, default=1)
    stock_units: Mapped[int] = mapped_column(Integer, default=0)
    weekly: Mapped[bool] = mapped_column(Boolean, default=False)
    surplus: Mapped[bool] = mapped_column(Boolean, default=False)
    promotion: Mapped[bool] = mapped_column(Boolean, default=False)
    promo_discount_percent: Mapped[int | None] = mapped_column(Integer)
    promo_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    image_count: Mapped[int] = mapped_column(Integer, default=1)
    #: volume prices: JSON text of [min_units, list price EUR] pairs, ascending (services/price_tiers.py)
    price_tiers: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: position in the change feed; bumped on every create, edit, stock change and removal
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: lower-cased "title description sku seller" for PostgreSQL's full-text index
    search_text: Mapped[str] = mapped_column(Text, default="")

    seller: Mapped[Seller] = relationship(lazy="joined", innerjoin=True)
    warehouse: Mapped[Warehouse] = relationship(lazy="joined", innerjoin=True)
    packagings: Mapped[list[Packaging]] = relationship(
        back_populates="offer", lazy="selectin", order_by="Packaging.units", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("seller_id", "sku"),
        Index("ix_offers_live_category", "deleted_at", "category_id"),
        Index("ix_offers_live_price", "deleted_at", "unit_price"),
        Index("ix_offers_live_created", "deleted_at", "created_at"),
        Index("ix_offers_seller", "seller_id", "deleted_at"),
        # the live promotions by end: housekeeping finds the ended ones without reading every offer
        # (services/housekeeping.py); two equalities and a range, so SQLite prefers it to the others
        Index("ix_offers_promo_ends", "promotion", "deleted_at", "promo_ends_at"),
    )

    @property
    def collections(self) -> list[str]:
        return [name for name in ("weekly", "surplus", "promotion") if getattr(self, name)]


class Packaging(Base):
    __tablename__ = "packagings"
    # an offer's packagings in the order they are shown (units, then id), label included: the offers
    # pages read them from the index alone (services/offer_json.py), 0.06 ms less per 50-offer page
    __table_args__ = (Index("ix_packagings_offer_units", "offer_id", "units", "id", "label"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(60))
    units: Mapped[int] = mapped_column(Integer)
    offer: Mapped[Offer] = relationship(back_populates="packagings")


class Question(Base):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# --- orders ---------------------------------------------------------------------------------------


class OrderGroup(Base):
    """What one checkout creates: one order per warehouse, paid together."""

    __tablename__ = "order_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    guest_email: Mapped[str | None] = mapped_column(String(254))
    currency: Mapped[str] = mapped_column(String(3))
    #: the exchange rate locked at order time (units of `currency` per EUR)
    rate_per_eur: Mapped[Decimal] = mapped_column(RATE)
    total: Mapped[Decimal] = mapped_column(MONEY)  # in `currency`
    payment_method: Mapped[str] = mapped_column(String(20))
    payment_status: Mapped[str] = mapped_column(String(12), default="pending")
    payment_reference: Mapped[str] = mapped_column(String(40))
    payment_details: Mapped[dict] = mapped_column(JSON, default=dict)
    stripe_payment_intent: Mapped[str | None] = mapped_column(String(80))
    payment_error: Mapped[str | None] = mapped_column(String(300))
    company: Mapped[dict] = mapped_column(JSON)
    delivery_address: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    orders: Mapped[list[Order]] = relationship(back_populates="group", lazy="selectin", order_by="Order.id")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("order_groups.id"), index=True)
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[Decimal] = mapped_column(MONEY)
    shipping_price: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)
    total_eur: Mapped[Decimal] = mapped_column(MONEY)  # sorts orders of mixed currencies
    payment_status: Mapped[str] = mapped_column(String(12), default="pending")
    shipping_status: Mapped[str] = mapped_column(String(24), default="awaiting_preparation")
    shipping_method: Mapped[dict] = mapped_column(JSON)
    tracking_carrier: Mapped[str | None] = mapped_column(String(60))
    tracking_number: Mapped[str | None] = mapped_column(String(80))
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: lower-cased refs, seller name, SKUs and titles, for the `q` filter
    search_text: Mapped[str] = mapped_column(Text, default="")

    group: Mapped[OrderGroup] = relationship(back_populates="orders", lazy="joined", innerjoin=True)
    seller: Mapped[Seller] = relationship(lazy="joined", innerjoin=True)
    warehouse: Mapped[Warehouse] = relationship(lazy="joined", innerjoin=True)
    lines: Mapped[list[OrderLine]] = relationship(lazy="selectin", order_by="OrderLine.id")
    events: Mapped[list[OrderEvent]] = relationship(lazy="selectin", order_by="OrderEvent.id")
    review: Mapped[Review | None] = relationship(lazy="selectin", uselist=False)

    __table_args__ = (
        Index("ix_orders_buyer_created", "buyer_id", "created_at"),
        Index("ix_orders_buyer_updated", "buyer_id", "updated_at"),
        Index("ix_orders_seller_updated", "seller_id", "updated_at"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"))
    sku: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    packaging_id: Mapped[int] = mapped_column(Integer)
    packaging_label: Mapped[str] = mapped_column(String(60))
    packaging_units: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)  # packagings
    units: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)  # in the order's currency
    line_total: Mapped[Decimal] = mapped_column(MONEY)


class OrderEvent(Base):
    __tablename__ = "order_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(300), default="")
    #: what a client needs to word `event` in its own language: payment_method, by, reason, carrier…
    params: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    seller_rating: Mapped[int] = mapped_column(Integer)
    delivery_rating: Mapped[int] = mapped_column(Integer)
    item_ratings: Mapped[list] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IdempotencyRecord(Base):
    """A replayable response per (scope, key): scope is the account, or the guest email."""

    __tablename__ = "idempotency_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(280))
    key: Mapped[str] = mapped_column(String(100))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("scope", "key"),)


class StripeEvent(Base):
    """Webhook events already applied, so a redelivery changes nothing."""

    __tablename__ = "stripe_events"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


#: rows an offer's representation shows besides the offer's own (seller, warehouse) or that decide which
#: offers a filter finds (the category tree)
_SHOWN_WITH_OFFERS = (Seller, Warehouse, Category)


@event.listens_for(Session, "before_flush")
def _bump_catalog_version(session: Session, _context, _instances) -> None:
    """A change to a seller, warehouse or category moves the offers' change counter (in the same
    transaction), as every offer write does: cached offer pages are keyed by that counter
    (services/page_cache.py), so none is served after such a change. The feed only skips a number."""
    for objects in (session.new, session.dirty, session.deleted):
        if any(isinstance(o, _SHOWN_WITH_OFFERS) for o in objects):
            table = Counter.__table__
            session.connection().execute(
                update(table).where(table.c.name == OFFER_CHANGES).values(value=table.c.value + 1)
            )
            return
