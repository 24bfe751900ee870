"""The Alembic migrations build exactly the schema the ORM describes, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from marketplace.db import Database
from marketplace.orm import Base
from marketplace.schema_setup import ensure_schema
from tests.support.server import fresh_database_url

#: full-text objects made by hand in the migration, unknown to the ORM on purpose
FULL_TEXT = ("offers_fts", "ix_offers_search")


def _drift(db: Database) -> list:
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in diff if not any(name in repr(d) for name in FULL_TEXT)]


def test_migrations_match_the_models_and_run_twice(tmp_path):
    db = Database(fresh_database_url(tmp_path))
    try:
        ensure_schema(db)
        ensure_schema(db)  # a second start finds the schema current and changes nothing
        assert _drift(db) == []
    finally:
        db.dispose()
