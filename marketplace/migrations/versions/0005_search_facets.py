"""filters inside the SQLite full-text index (marketplace/services/search_facets.py)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from alembic import op

from marketplace.services.search_facets import FTS_CREATE, create_triggers, drop_triggers, facets_of

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_OLD_CREATE = (
    "CREATE VIRTUAL TABLE {name} USING fts5(title, description, sku, seller, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL filters beside its GIN index
    op.execute(FTS_CREATE.format(name="offers_fts_new"))
    op.execute(
        "INSERT INTO offers_fts_new(rowid, title, description, sku, seller, facets) "
        f"SELECT rowid, title, description, sku, seller, {facets_of('offers_fts.rowid')} FROM offers_fts"
    )
    op.execute("DROP TABLE offers_fts")
    op.execute("ALTER TABLE offers_fts_new RENAME TO offers_fts")
    create_triggers(op.execute)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    drop_triggers(op.execute)
    op.execute(_OLD_CREATE.format(name="offers_fts_old"))
    op.execute(
        "INSERT INTO offers_fts_old(rowid, title, description, sku, seller) "
        "SELECT rowid, title, description, sku, seller FROM offers_fts"
    )
    op.execute("DROP TABLE offers_fts")
    op.execute("ALTER TABLE offers_fts_old RENAME TO offers_fts")
