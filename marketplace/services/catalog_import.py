"""The seller's CSV import, in two steps so that a big file never stalls the marketplace:

1. check: the whole file is parsed and compared with the seller's offers in a READ transaction (no
   write lock, however long it takes); with any error, or on a dry run, that is the answer and
   nothing is written;
2. apply: the rows that create or change an offer are written in batches of BATCH rows, each its own
   short write transaction, so other writers (checkouts, sign-ins, other sellers) get the lock
   between batches. Each batch reloads its offers, so an edit made meanwhile is not overwritten
   with stale data (an offer that now matches the file is left alone).

The report lists each row that updates an offer, field by field (the server's value → the file's).
A file exported by us carries each offer's `version`: a row whose offer is newer on the server was
edited after the export, and importing it would undo that edit. Such rows are `stale` in the report;
the import (not a dry run) then needs the seller's choice, ``stale="skip"`` (leave them as they are on
the server) or ``"overwrite"``; by default ("refuse") it is a 409 ``stale_rows`` naming them and
nothing is written. A row that becomes stale between the check and its batch is skipped unless
"overwrite" (never overwritten without the seller's word).

A batch that fails (the database goes away mid-import) leaves the earlier batches written: the
import is then a 500 whose retry converges, since re-importing the same file writes only what
still differs."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db import Database
from ..errors import ApiError
from ..orm import Offer, Packaging, Seller, utcnow
from ..schemas.catalog import ImportFieldChange, ImportReport, ImportRowChange
from . import currency as fx
from . import price_tiers
from .catalog_csv import RowSpec, _Lookup, collections_text, decode, packagings_text, parse, tiers_text
from .offer_edit import revive, set_attrs, set_list_price, set_packagings
from .offers import next_change_seq, touch
from .search_facets import FTS_INSERT

#: rows per write transaction: ~50 ms of writing each, so nobody waits on the lock for long
BATCH = 1000
#: what the import (not a dry run) does with rows whose offer changed on the server after the export
StaleRows = Literal["refuse", "skip", "overwrite"]
#: the pause between batches on SQLite (see import_csv): waiting writers ask every 5 ms (db.begin_immediate)
YIELD_S = 0.02


@dataclass(slots=True)
class _Current:
    """What the check compares of one of the seller's offers (plain columns: loading 50,000 ORM
    offers with their packagings took 9 s; these rows take a fraction of that)."""

    title: str
    category_id: int
    list_price: Decimal
    stock_units: int
    moq_units: int
    weekly: bool
    surplus: bool
    warehouse_id: int
    deleted_at: datetime | None
    price_tiers: str | None
    version: int
    updated_at: datetime
    packs: list[tuple[str, int]]


def _snapshot(session: Session, seller_id: int) -> dict[str, _Current]:
    """The seller's offers by SKU, removed ones included, as the check compares them."""
    packs: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for offer_id, label, units in session.execute(
        select(Packaging.offer_id, Packaging.label, Packaging.units)
        .join(Offer, Offer.id == Packaging.offer_id)
        .where(Offer.seller_id == seller_id)
    ).tuples():
        packs[offer_id].append((label, units))
    columns = (Offer.id, Offer.sku, Offer.title, Offer.category_id, Offer.list_price, Offer.stock_units,
               Offer.moq_units, Offer.weekly, Offer.surplus, Offer.warehouse_id, Offer.deleted_at,
               Offer.price_tiers, Offer.version, Offer.updated_at)
    return {
        sku: _Current(*rest, packs.get(offer_id, []))
        for offer_id, sku, *rest in session.execute(select(*columns).where(Offer.seller_id == seller_id)).tuples()
    }


def _packs(offer: Offer | _Current) -> list[tuple[str, int]]:
    return offer.packs if isinstance(offer, _Current) else [(p.label, p.units) for p in offer.packagings]


def _differs(offer: Offer | _Current, spec: RowSpec) -> tuple[bool, bool]:
    """(anything differs, the title differs)"""
    title = offer.title != spec.title
    other = (
        offer.category_id != spec.category_id
        or Decimal(offer.list_price) != spec.price_eur
        or offer.stock_units != spec.stock_units
        or offer.moq_units != spec.moq_units
        or offer.weekly != spec.weekly
        or offer.surplus != spec.surplus
        or offer.warehouse_id != spec.warehouse_id
        or sorted(_packs(offer)) != sorted(spec.packagings)
        or (spec.price_tiers is not None and price_tiers.load(offer.price_tiers) != list(spec.price_tiers))
    )
    return title or other, title


def _offers(session: Session, seller_id: int, skus: list[str] | None = None) -> dict[str, Offer]:
    stmt = select(Offer).where(Offer.seller_id == seller_id).options(selectinload(Offer.packagings))
    if skus is not None:
        stmt = stmt.where(Offer.sku.in_(skus))
    return {o.sku: o for o in session.scalars(stmt)}


def _plan(existing: Mapping[str, Offer | _Current], specs: list[RowSpec]):
    """(created [(spec, removed offer or None)], updated [(spec, offer, title changed)], unchanged)"""
    created, updated, unchanged = [], [], 0
    for spec in specs:
        offer = existing.get(spec.sku)
        if offer is None or offer.deleted_at is not None:
            created.append((spec, offer))
            continue
        differs, title = _differs(offer, spec)
        if differs:
            updated.append((spec, offer, title))
        else:
            unchanged += 1
    return created, updated, unchanged


def _stale(offer: Offer | _Current, spec: RowSpec) -> bool:
    """The offer changed on the server after the file's row was exported."""
    return spec.version is not None and (offer.version or 0) > spec.version


def _change(offer: _Current, spec: RowSpec, lookup: _Lookup) -> ImportRowChange:
    """What the row changes, field by field, as the export writes the values."""
    def category(cid: int) -> str:
        return lookup.category_label.get(cid, str(cid))

    def warehouse(wid: int) -> str:
        return lookup.warehouse_code.get(wid, "")

    pairs = [
        ("title", offer.title, spec.title),
        ("category", category(offer.category_id), category(spec.category_id)),
        ("unit_price", f"{Decimal(offer.list_price):.2f}", f"{spec.price_eur:.2f}"),
        ("stock_units", str(offer.stock_units), str(spec.stock_units)),
        ("moq_units", str(offer.moq_units), str(spec.moq_units)),
        ("packagings", packagings_text(offer.packs), packagings_text(spec.packagings)),
        ("collections", collections_text(offer.weekly, offer.surplus), collections_text(spec.weekly, spec.surplus)),
        ("warehouse", warehouse(offer.warehouse_id), warehouse(spec.warehouse_id)),
    ]
    if spec.price_tiers is not None:
        pairs.append(("price_tiers", tiers_text(price_tiers.load(offer.price_tiers)), tiers_text(spec.price_tiers)))
    same_packs = sorted(offer.packs) == sorted(spec.packagings)  # the order of packagings is no change
    changes = [ImportFieldChange(field=name, old=old, new=new) for name, old, new in pairs
               if old != new and not (name == "packagings" and same_packs)]
    return ImportRowChange(row=spec.line, sku=spec.sku, changes=changes, stale=_stale(offer, spec),
                           file_version=spec.version, server_version=offer.version,
                           server_updated_at=offer.updated_at)


def import_csv(
    database: Database, seller_id: int, body: bytes, *, dry_run: bool, update_only: bool = False,
    stale: StaleRows = "refuse",
) -> ImportReport:
    """Check the file, count and list what it would do, and (no errors, not a dry run) do it in batches.

    ``update_only``: a row whose SKU is not one of the seller's live offers is the row error
    ``unknown_sku`` (so nothing is written), never a new offer. ``stale``: see the module's doc."""
    with database.session() as session:
        lookup = _Lookup(session, seller_id)
        parsed = parse(decode(body), lookup, fx.rates(session))
        created, updated, unchanged = _plan(_snapshot(session, seller_id), parsed.rows)
        session.rollback()  # end the read transaction before writing
    if update_only and created:
        for spec, _ in created:
            parsed.error(spec.line, "sku", "unknown_sku",
                         f"You have no offer with the SKU {spec.sku!r}; this import only updates offers.")
            parsed.errors[-1].sku = spec.sku
        parsed.errors.sort(key=lambda error: error.row)
        created = []
    changes = [_change(offer, spec, lookup) for spec, offer, _ in updated]
    stale_rows = [c for c in changes if c.stale]
    if stale == "skip":
        updated = [u for u in updated if not _stale(u[1], u[0])]
    if stale == "refuse" and stale_rows and not dry_run and not parsed.errors:
        raise ApiError(
            409, "stale_rows",
            f"{len(stale_rows)} row(s) change offers edited after the file was exported; import again with "
            "stale=skip to leave them as they are, or stale=overwrite to write the file's values.",
            stale_rows=[{"row": c.row, "sku": c.sku, "file_version": c.file_version,
                         "server_version": c.server_version} for c in stale_rows],
        )
    todo = [spec for spec, _ in created] + [spec for spec, _, _ in updated]
    apply = not dry_run and not parsed.errors and bool(todo)
    late = 0
    if apply:
        todo.sort(key=lambda spec: spec.line)
        for start in range(0, len(todo), BATCH):
            if start and database.dialect == "sqlite":
                # SQLite hands the write lock to whoever asks first after a commit, and a waiting
                # writer asks every 5 ms (db.begin_immediate): without a pause the import's next
                # batch always wins and a checkout or sign-in waits for the whole import.
                time.sleep(YIELD_S)
            late += _write_batch(database, seller_id, todo[start:start + BATCH], overwrite=stale == "overwrite")
    return ImportReport(
        created=len(created),
        updated=len(updated) - late,
        unchanged=unchanged,
        errors=parsed.errors,
        dry_run=dry_run,
        applied=apply,
        stale=len(stale_rows),
        skipped=(len(stale_rows) if stale == "skip" else 0) + late,
        changes=changes,
    )


def _write_batch(database: Database, seller_id: int, specs: list[RowSpec], *, overwrite: bool) -> int:
    """Write one batch; returns the rows skipped because their offer changed since the check
    (unless ``overwrite``)."""
    with database.session(write=True) as session:
        created, updated, _ = _plan(_offers(session, seller_id, [s.sku for s in specs]), specs)
        late = 0
        if not overwrite:
            kept = [u for u in updated if not _stale(u[1], u[0])]
            late, updated = len(updated) - len(kept), kept
        if created or updated:
            _apply(session, seller_id, created, updated)
        session.commit()
    return late


def _fill(offer: Offer, spec: RowSpec) -> None:
    set_attrs(
        offer,
        title=spec.title,
        category_id=spec.category_id,
        stock_units=spec.stock_units,
        moq_units=spec.moq_units,
        weekly=spec.weekly,
        surplus=spec.surplus,
        warehouse_id=spec.warehouse_id,
    )
    set_list_price(offer, spec.price_eur)
    set_packagings(offer, spec.packagings)
    if spec.price_tiers is not None:
        price_tiers.set_tiers(offer, spec.price_tiers)


def _apply(session: Session, seller_id: int, created, updated) -> None:
    seller = session.get(Seller, seller_id)
    revived = []
    _insert_new(session, seller, [spec for spec, offer in created if offer is None])
    for spec, offer in created:
        if offer is not None:
            revive(offer, spec.price_eur)
            _fill(offer, spec)
            revived.append(offer)
    for spec, offer, _title in updated:
        _fill(offer, spec)
    session.flush()
    touch(session, revived + [o for _, o, title in updated if title], text_changed=True)
    touch(session, [o for _, o, title in updated if not title])


def _insert_new(session: Session, seller: Seller, specs: list[RowSpec]) -> None:
    """New offers as three executemany INSERTs at the driver (offers, packagings, the FTS rows)
    instead of ORM objects (ten times slower; SQLAlchemy's per-row parameter work alone was half the
    import): the same columns new_offer + _fill + touch(new=True) set, each value through its column
    type's own bind processor. The batch's feed positions, reserved here, find the new ids."""
    if not specs:
        return
    first = next_change_seq(session, len(specs)) - len(specs) + 1
    now = utcnow()
    connection = session.connection()
    dialect = connection.dialect
    table = Offer.__table__
    names = ("seller_id", "warehouse_id", "category_id", "sku", "title", "description", "list_price",
             "unit_price", "moq_units", "stock_units", "weekly", "surplus", "promotion", "image_count",
             "created_at", "updated_at", "version", "change_seq", "search_text", "price_tiers")
    def bind(name: str, value):
        process = table.c[name].type._cached_bind_processor(dialect)
        return process(value) if process else value

    price, flag, stamp = (table.c[n].type._cached_bind_processor(dialect) for n in ("list_price", "weekly",
                                                                                     "created_at"))
    price = price or (lambda v: v)
    flag = flag or (lambda v: v)
    when, no = (stamp(now) if stamp else now), bind("promotion", False)
    seller_name = seller.name.lower()
    rows = []
    for i, spec in enumerate(specs):
        amount = price(spec.price_eur)
        rows.append((seller.id, spec.warehouse_id, spec.category_id, spec.sku, spec.title, "", amount, amount,
                     spec.moq_units, spec.stock_units, flag(spec.weekly), flag(spec.surplus), no, 1, when, when,
                     1, first + i, f"{spec.title}  {spec.sku} {seller_name}".lower(),
                     price_tiers.dump(spec.price_tiers or ())))
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(names))
    connection.exec_driver_sql(f"INSERT INTO offers ({', '.join(names)}) VALUES ({marks})", rows)  # noqa: S608 - fixed names
    ids = dict(session.execute(
        select(Offer.sku, Offer.id).where(Offer.change_seq.between(first, first + len(specs) - 1))
    ).tuples().all())
    connection.exec_driver_sql(
        f"INSERT INTO packagings (offer_id, label, units) VALUES ({mark}, {mark}, {mark})",  # noqa: S608
        [(ids[spec.sku], label, units) for spec in specs for label, units in sorted(spec.packagings, key=_units)],
    )
    if dialect.name == "sqlite":
        connection.exec_driver_sql(FTS_INSERT, [
            {"id": ids[spec.sku], "title": spec.title, "description": "", "sku": spec.sku, "seller": seller.name}
            for spec in specs
        ])


def _units(packaging: tuple[str, int]) -> int:
    return packaging[1]
