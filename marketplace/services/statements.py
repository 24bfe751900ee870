"""Plain SQL text statements for the hot read paths, built once per shape and cached: no SQL expression
building or cache-key generation per request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from ..db import KeptRead
from ..orm import OFFER_CHANGES, Category, Offer, Packaging, Seller, Warehouse

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


def fetch_all(session: Session | KeptRead, stmt: Statement, params: Mapping[str, Any]) -> list[Sequence[Any]]:
    """The rows of a text statement, its column types applied (Decimal, bool, UTC datetimes).

    On SQLite it runs on the driver's connection of the session's transaction (or of a short read's
    `KeptRead`, db.py), with the bind and result processors SQLAlchemy itself would apply: its execution
    path (events, caching, the result object) cost three times the SQL of a GET /offers page.
    Elsewhere, through the session."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return session.execute(stmt, params).all()
    binds, results = _processors(stmt, bind.dialect)
    if binds:
        params = {name: (binds[name](value) if name in binds and value is not None else value)
                  for name, value in params.items()}
    driver = session.driver if type(session) is KeptRead else _driver_connection(session)
    rows = driver.execute(sql_text(stmt), params).fetchall()
    if not results:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i, process in results:
            values[i] = process(values[i])
        out.append(values)
    return out


def _driver_connection(session: Session) -> Any:
    """The sqlite3 connection of the session's transaction (begun if need be), kept with the session
    for the transaction's other statements (asking the session for it each time cost a tenth of a page)."""
    kept = session.info.get("driver_connection")
    transaction = session.get_transaction()
    if kept is not None and transaction is not None and kept[0] is transaction:
        return kept[1]
    driver = session.connection().connection.dbapi_connection  # begins the session's transaction
    session.info["driver_connection"] = (session.get_transaction(), driver)
    return driver


_PROCESSORS: dict[int, tuple[dict[str, Any], list[tuple[int, Any]]]] = {}


def _processors(stmt: Statement, dialect) -> tuple[dict[str, Any], list[tuple[int, Any]]]:
    """(bind processor by parameter name, [(column index, result processor)]), the None ones left out."""
    found = _PROCESSORS.get(id(stmt))
    if found is None:
        clause = stmt.element if isinstance(stmt, TextualSelect) else stmt
        binds = {}
        for name, param in clause._bindparams.items():
            process = param.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                binds[name] = process
        results = []
        if isinstance(stmt, TextualSelect):
            for i, col in enumerate(stmt.selected_columns):
                process = col.type.dialect_impl(dialect).result_processor(dialect, None)
                if process is not None:
                    results.append((i, process))
        found = _PROCESSORS[id(stmt)] = (binds, results)  # statements live as long as STATEMENTS
    return found


def change_counter(session: Session | KeptRead) -> int:
    """The offers' change counter (services/offers.py) in one primary-key lookup."""
    stmt = statement(("change_counter",), lambda: TextClause("SELECT value FROM counters WHERE name = :name"))
    rows = fetch_all(session, stmt, {"name": OFFER_CHANGES})
    return int(rows[0][0]) if rows else 0
