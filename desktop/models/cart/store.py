"""The carts file: one cart per (server URL, account) and one guest cart per server, and the pending checkout.

WAL with synchronous=FULL, and every change is committed before the method returns: killing the app at
any moment loses no line. The file is precious (`FileSpec.precious`): it is never discarded, and a file
written by a newer app is refused, not destroyed. Each thread gets its own connection (`sqlite_file`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.models.infrastructure.sqlite_file import FileSpec, SqliteFile

from .lines import MAX_QUANTITY, CartLine, PendingCheckout, _validate_id, normalize_server_url, validate_quantity

SCHEMA_VERSION = 1

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS carts (
    id INTEGER PRIMARY KEY,
    server_url TEXT NOT NULL,
    account TEXT NOT NULL,               -- '' = the guest cart of that server
    created_at TEXT NOT NULL,
    UNIQUE (server_url, account)
);
CREATE TABLE IF NOT EXISTS cart_lines (
    cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    offer_id INTEGER NOT NULL,
    packaging_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND {MAX_QUANTITY}),
    position INTEGER NOT NULL,           -- the order lines were first added in
    PRIMARY KEY (cart_id, offer_id, packaging_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_checkout (
    cart_id INTEGER PRIMARY KEY REFERENCES carts(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    body TEXT NOT NULL,                  -- the exact JSON request body sent with that key
    created_at TEXT NOT NULL
);
PRAGMA user_version = {SCHEMA_VERSION};
"""

_FILE_SPEC = FileSpec(
    label="cart",
    version=SCHEMA_VERSION,
    schema=_SCHEMA,
    precious=True,
    synchronous="FULL",  # a committed line survives a power cut too
    pragmas={"foreign_keys": "ON"},
)


class CartStore:
    """The carts file. `cart(server_url, account)` gives one cart; account None is the guest cart."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._file = SqliteFile(self.path, _FILE_SPEC)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> CartStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def cart(self, server_url: str, account: str | None = None) -> Cart:
        """The cart of `account` (a stable account id, e.g. the user id) on that server; None = guest."""
        server = normalize_server_url(server_url)
        key = (account or "").strip()
        with self._file.write() as conn:
            conn.execute(
                "INSERT INTO carts (server_url, account, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT(server_url, account) DO NOTHING",
                (server, key, _now_text()),
            )
            row = conn.execute("SELECT id FROM carts WHERE server_url = ? AND account = ?", (server, key)).fetchone()
        return Cart(self._file, row[0], server, key or None)

    def merge_guest_cart(self, server_url: str, account: str) -> Cart:
        """After signing in: move the guest cart's lines into the account's cart (merging quantities,
        capped at the maximum) and empty the guest cart. One transaction."""
        guest = self.cart(server_url, None)
        target = self.cart(server_url, account)
        with self._file.write() as conn:
            for line in guest.lines():
                existing = target._quantity(conn, line.offer_id, line.packaging_id)
                quantity = min(MAX_QUANTITY, existing + line.quantity)
                target._write_line(conn, line.offer_id, line.packaging_id, quantity)
            conn.execute("DELETE FROM cart_lines WHERE cart_id = ?", (guest.cart_id,))
        return target


class Cart:
    """One cart. Every method commits before returning."""

    def __init__(self, file: SqliteFile, cart_id: int, server_url: str, account: str | None) -> None:
        self._file = file
        self.cart_id = cart_id
        self.server_url = server_url
        self.account = account  # None: the guest cart

    def lines(self) -> list[CartLine]:
        with self._file.read() as conn:
            cursor = conn.execute(
                "SELECT offer_id, packaging_id, quantity FROM cart_lines WHERE cart_id = ? ORDER BY position",
                (self.cart_id,),
            )
            return [CartLine(*row) for row in cursor]

    def __len__(self) -> int:
        with self._file.read() as conn:
            return conn.execute("SELECT count(*) FROM cart_lines WHERE cart_id = ?", (self.cart_id,)).fetchone()[0]

    def add(self, offer_id: int, packaging_id: int, quantity: int) -> CartLine:
        """Add packagings; a line for the same offer and packaging gets the quantities summed."""
        _validate_id("offer_id", offer_id)
        _validate_id("packaging_id", packaging_id)
        validate_quantity(quantity)
        with self._file.write() as conn:
            total = self._quantity(conn, offer_id, packaging_id) + quantity
            if total > MAX_QUANTITY:
                raise ValueError(
                    f"The quantity must be at most {MAX_QUANTITY:,} packagings "
                    f"(the cart already holds {total - quantity:,} of these)."
                )
            self._write_line(conn, offer_id, packaging_id, total)
        return CartLine(offer_id, packaging_id, total)

    def set_quantity(self, offer_id: int, packaging_id: int, quantity: int) -> CartLine:
        """Change a line's quantity (KeyError if there is no such line; use `remove` for zero)."""
        validate_quantity(quantity)
        with self._file.write() as conn:
            cursor = conn.execute(
                "UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND offer_id = ? AND packaging_id = ?",
                (quantity, self.cart_id, offer_id, packaging_id),
            )
            if cursor.rowcount == 0:
                raise KeyError((offer_id, packaging_id))
        return CartLine(offer_id, packaging_id, quantity)

    def remove(self, offer_id: int, packaging_id: int) -> bool:
        """Remove a line; False if it was not there."""
        with self._file.write() as conn:
            cursor = conn.execute(
                "DELETE FROM cart_lines WHERE cart_id = ? AND offer_id = ? AND packaging_id = ?",
                (self.cart_id, offer_id, packaging_id),
            )
            return cursor.rowcount > 0

    def clear(self) -> None:
        with self._file.write() as conn:
            conn.execute("DELETE FROM cart_lines WHERE cart_id = ?", (self.cart_id,))

    # -- pending checkout: the idempotency key and body of a checkout not known to have succeeded --

    def set_pending_checkout(self, idempotency_key: str, body: Mapping[str, Any]) -> None:
        """Record the key and exact body before sending `POST /checkout`, so a retry (even after a
        restart) sends the same key with the same body and can never create a second order."""
        if not idempotency_key:
            raise ValueError("an idempotency key is required")
        with self._file.write() as conn:
            conn.execute(
                "INSERT INTO pending_checkout (cart_id, idempotency_key, body, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(cart_id) DO UPDATE SET idempotency_key = excluded.idempotency_key, "
                "body = excluded.body, created_at = excluded.created_at",
                (self.cart_id, idempotency_key, json.dumps(body, sort_keys=True, default=str), _now_text()),
            )

    def pending_checkout(self) -> PendingCheckout | None:
        with self._file.read() as conn:
            row = conn.execute(
                "SELECT idempotency_key, body, created_at FROM pending_checkout WHERE cart_id = ?",
                (self.cart_id,),
            ).fetchone()
        if row is None:
            return None
        return PendingCheckout(row[0], json.loads(row[1]), datetime.fromisoformat(row[2]))

    def clear_pending_checkout(self) -> None:
        with self._file.write() as conn:
            conn.execute("DELETE FROM pending_checkout WHERE cart_id = ?", (self.cart_id,))

    def complete_checkout(self) -> None:
        """The order exists: empty the cart and forget the pending checkout, together."""
        with self._file.write() as conn:
            conn.execute("DELETE FROM cart_lines WHERE cart_id = ?", (self.cart_id,))
            conn.execute("DELETE FROM pending_checkout WHERE cart_id = ?", (self.cart_id,))

    # -- internals (called inside a transaction) --

    def _quantity(self, conn: sqlite3.Connection, offer_id: int, packaging_id: int) -> int:
        row = conn.execute(
            "SELECT quantity FROM cart_lines WHERE cart_id = ? AND offer_id = ? AND packaging_id = ?",
            (self.cart_id, offer_id, packaging_id),
        ).fetchone()
        return 0 if row is None else row[0]

    def _write_line(self, conn: sqlite3.Connection, offer_id: int, packaging_id: int, quantity: int) -> None:
        conn.execute(
            "INSERT INTO cart_lines (cart_id, offer_id, packaging_id, quantity, position) "
            "VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM cart_lines WHERE cart_id = ?)) "
            "ON CONFLICT(cart_id, offer_id, packaging_id) DO UPDATE SET quantity = excluded.quantity",
            (self.cart_id, offer_id, packaging_id, quantity, self.cart_id),
        )


def _now_text() -> str:
    return datetime.now(UTC).isoformat()
