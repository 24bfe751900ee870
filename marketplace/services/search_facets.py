"""The offers' filters inside SQLite's full-text index, so that a search with a filter intersects two
lists of the index instead of looking up and checking every match of its words.

Each row of `offers_fts` has a fifth column, `facets`, with one token per filter value of the offer:
`zs<seller id>`, `zw<warehouse country>`, `zk<collection>` for each of weekly / surplus / promotion that
is on, and `zc<category id>` for its category and each one above it (a category filter includes the
sub-categories). A search's words are matched against the other four columns only (`- {facets} :`),
and the facets column weighs nothing in bm25, so nobody finds an offer by typing `zc12`.

Keeping them true is the database's job, whoever writes: a new FTS row takes its facets from the offer
(`FTS_INSERT`), and triggers rewrite them when an offer's seller, warehouse, category or collections
change, a warehouse's country changes, or a category moves, and drop the row of a removed offer
(`TRIGGERS`, made by migration 0005). A search ordered by relevance with no price or stock condition
then reads the index alone, without looking up one offer row per match (search.py).
Measured on the 100,000-offer benchmark catalog: GET /offers' SQL p95 16 → 6 ms, mean 2.7 → 1.3 ms;
"palette" (31,207 matches) in a category went from 26 to 18 ms.

PostgreSQL filters with plain SQL beside its GIN index (search.py); none of this applies there.
Migration 0005 builds the column and the triggers from this module: a change here needs a migration that
rebuilds them.
"""

# ruff: noqa: S608 - fixed SQL text built from constants; no request value goes into it

from __future__ import annotations

#: nested categories are followed this deep at most (a guard against a cycle a bad edit could make)
MAX_DEPTH = 32


def facets_of(offer_id: str) -> str:
    """The SQL expression of an offer's facets text, for the offer whose id is the SQL `offer_id`."""
    return (
        "(SELECT 'zs' || o.seller_id || ' zw' || lower(w.country)"
        " || CASE WHEN o.weekly THEN ' zkweekly' ELSE '' END"
        " || CASE WHEN o.surplus THEN ' zksurplus' ELSE '' END"
        " || CASE WHEN o.promotion THEN ' zkpromotion' ELSE '' END"
        " || coalesce((SELECT ' ' || group_concat('zc' || id, ' ') FROM ("
        "WITH RECURSIVE up(id, depth) AS (SELECT o.category_id, 0 UNION ALL "
        "SELECT c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.id "
        f"WHERE c.parent_id IS NOT NULL AND up.depth < {MAX_DEPTH}) SELECT id FROM up)), '')"
        f" FROM offers o JOIN warehouses w ON w.id = o.warehouse_id WHERE o.id = {offer_id})"
    )


#: one offer's FTS row, its facets read from the offer (which must be written first)
FTS_INSERT = (
    "INSERT INTO offers_fts(rowid, title, description, sku, seller, facets) "
    f"VALUES (:id, :title, :description, :sku, :seller, {facets_of(':id')})"
)

#: the FTS table as migration 0005 makes it
FTS_CREATE = (
    "CREATE VIRTUAL TABLE {name} USING fts5(title, description, sku, seller, facets, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)

_FACET_COLUMNS = ("seller_id", "warehouse_id", "category_id", "weekly", "surplus", "promotion")
_REFRESH = f"UPDATE offers_fts SET facets = {facets_of('offers_fts.rowid')} WHERE rowid IN "

TRIGGERS = {
    "offers_fts_facets_offer": (
        f"AFTER UPDATE OF {', '.join(_FACET_COLUMNS)} ON offers "
        f"WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in _FACET_COLUMNS)} "
        f"BEGIN UPDATE offers_fts SET facets = {facets_of('NEW.id')} WHERE rowid = NEW.id; END"
    ),
    "offers_fts_facets_warehouse": (
        "AFTER UPDATE OF country ON warehouses WHEN OLD.country IS NOT NEW.country "
        f"BEGIN {_REFRESH}(SELECT id FROM offers WHERE warehouse_id = NEW.id); END"
    ),
    # the index holds live offers only (services/offers.py reindex); the database makes sure, so that a
    # search needing no offer column can rank the index's rows alone (search.py)
    "offers_fts_removed_offer": (
        "AFTER UPDATE OF deleted_at ON offers WHEN NEW.deleted_at IS NOT NULL "
        "BEGIN DELETE FROM offers_fts WHERE rowid = NEW.id; END"
    ),
    "offers_fts_facets_category": (
        "AFTER UPDATE OF parent_id ON categories WHEN OLD.parent_id IS NOT NEW.parent_id "
        f"BEGIN {_REFRESH}(SELECT rowid FROM offers_fts WHERE offers_fts MATCH 'facets : zc' || NEW.id); END"
    ),
}


#: merges every segment of the full-text index into one (FTS5's 'optimize' command)
FTS_OPTIMIZE = "INSERT INTO offers_fts(offers_fts) VALUES ('optimize')"


def create_triggers(execute) -> None:
    for name, body in TRIGGERS.items():
        execute(f"CREATE TRIGGER {name} {body}")


def drop_triggers(execute) -> None:
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


def match(words: list[str], *, category: int | None = None, country: str | None = None,
          collection: str | None = None, seller: int | None = None) -> str:
    """The MATCH text of a search: every word as a prefix in the text columns, and each filter set."""
    text = " AND ".join(f'"{w}"*' for w in words)
    parts = [f"(- {{facets}} : ({text}))"]
    facets: list[str] = []
    if category is not None:
        facets.append(f"zc{int(category)}")
    if country is not None:
        facets.append(f"zw{country.lower()}")
    if collection is not None:
        facets.append(f"zk{collection}")
    if seller is not None:
        facets.append(f"zs{int(seller)}")
    parts += ['(facets : "{}")'.format(token.replace('"', '""')) for token in facets]
    return " AND ".join(parts)
