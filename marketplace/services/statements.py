"""Plain SQL text statements for the hot read paths, built once per shape and cached: no SQL expression
building or cache-key generation per request."""

from __future__ import annotations

from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from ..orm import Category, Offer, Packaging, Seller, Warehouse

OFFERS = Offer.__table__
SELLERS = Seller.__table__
WAREHOUSES = Warehouse.__table__
PACKAGINGS = Packaging.__table__
CATEGORIES = Category.__table__

# --- text statements, built once per shape -------------------------------------------------------------

Statement = TextClause | TextualSelect
STATEMENTS: dict[tuple, Statement] = {}
_PRICE = OFFERS.c.unit_price.type


def sql_text(stmt: Statement) -> str:
    """The SQL of a statement, with its :name parameters (what sqlite3 runs as is)."""
    return stmt.element.text if isinstance(stmt, TextualSelect) else stmt.text


def statement(key: tuple, build) -> Statement:
    """The text() statement for `key`, built by `build()` the first time (a few hundred shapes at most)."""
    stmt = STATEMENTS.get(key)
    if stmt is None:
        stmt = STATEMENTS[key] = build()
    return stmt
