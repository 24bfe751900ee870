"""The app for uvicorn's worker processes (`bulkdesk-server --workers N`): each worker builds its own
app from the environment the supervisor filled in (marketplace/cli.py), since an app object cannot
cross a process boundary. Also usable by any ASGI server: `uvicorn --factory marketplace.asgi:create`."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from fastapi import FastAPI

if TYPE_CHECKING:
    from .config import Config
    from .db import Database


def build(config: Config, db: Database | None = None) -> FastAPI:
    """The server's app: with `config.demo`, the demo's generated pictures are its media source
    (the one place the demo reaches the running server; production serves stored pictures only)."""
    from .app import create_app

    media = None
    if config.demo:
        from .demo.images import GeneratedMedia

        media = GeneratedMedia()
    return create_app(config, db, media)


def create() -> FastAPI:
    from .config import Config

    logging.basicConfig(level=os.environ.get("BULKDESK_LOG_LEVEL", "info").upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s[%(process)d]: %(message)s")
    return build(Config.from_env())
