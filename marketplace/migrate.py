"""`bulkdesk-server migrate`: bring the database's schema up to date as a deployment step of its own, before
the servers start with `--schema check` (which refuse an old schema instead of upgrading it).

Exit status 0 when the schema is current (after upgrading it, or already), 1 when `--check` finds it is
not, 2 when the database cannot be reached. Safe to run while servers start or run: the upgrade holds
the schema lock (schema_setup.serialise), as a starting server does."""

from __future__ import annotations

import argparse
import logging
import os
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bulkdesk-server migrate",
                                     description="Upgrade the marketplace database to the current schema.")
    parser.add_argument("--database", default=os.environ.get("BULKDESK_DATABASE_URL"),
                        help="SQLAlchemy URL (default: the server's; BULKDESK_DATABASE_URL)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing: exit 0 if the schema is current, 1 if it needs upgrading")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=os.environ.get("BULKDESK_LOG_LEVEL", "info").upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from sqlalchemy.exc import SQLAlchemyError

    from .config import default_database_url
    from .db import Database
    from .schema_setup import current_revision, ensure_schema, head_revision

    db = Database(args.database or default_database_url())
    try:
        with db.engine.connect() as connection:
            before = current_revision(connection)
        head = head_revision()
        if args.check:
            verdict = "up to date" if before == head else "needs upgrading"
            print(f"schema at {before or '(none)'}, current is {head}: {verdict}")
            return 0 if before == head else 1
        ensure_schema(db)
        with db.engine.connect() as connection:
            after = current_revision(connection)
    except SQLAlchemyError as exc:
        print(f"bulkdesk-server migrate: the database cannot be reached: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"schema at {after} (was {before or '(none)'})" if after != before else f"schema already at {after}")
    return 0 if after == head else 1
