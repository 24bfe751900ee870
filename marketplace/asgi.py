"""The app for uvicorn's worker processes (`bulkdesk-server --workers N`): each worker builds its own
app from the environment the supervisor filled in (marketplace/cli.py), since an app object cannot
cross a process boundary. Also usable by any ASGI server: `uvicorn --factory marketplace.asgi:create`."""

from __future__ import annotations

import logging
import os
import sys

from fastapi import FastAPI


def create() -> FastAPI:
    from .app import create_app
    from .config import Config

    logging.basicConfig(level=os.environ.get("BULKDESK_LOG_LEVEL", "info").upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s[%(process)d]: %(message)s")
    return create_app(Config.from_env())
