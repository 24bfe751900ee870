"""The marketplace's identity: an id made once and kept in its database (it survives restarts, new ports
and new host names), and the name it shows. Clients key what they keep for an account on this
marketplace by the id, not by the URL they reached it at."""

from __future__ import annotations

import uuid

from ..config import Config
from ..db import Database
from .server_secrets import kept_value

__all__ = ["DEMO_NAME", "MARKETPLACE_ID", "identity"]

#: the kept value's name in table server_secrets
MARKETPLACE_ID = "marketplace_id"
DEMO_NAME = "Bulkdesk demo marketplace"
DEFAULT_NAME = "Bulkdesk marketplace"


def identity(database: Database, config: Config) -> tuple[str, str]:
    """(id, name): the id made on first use (the first of several workers to insert it wins)."""
    marketplace_id = kept_value(database, MARKETPLACE_ID, lambda: str(uuid.uuid4()))
    name = config.name or (DEMO_NAME if config.demo else DEFAULT_NAME)
    return marketplace_id, name
