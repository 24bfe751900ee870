"""The seller tests' fixtures."""

from __future__ import annotations

import pytest

from .support import Desk, open_desk


@pytest.fixture
def desk(live_server, tmp_path) -> Desk:
    """The demo seller's desk (local copy, outbox, sender) on the session's server, in the test's folder."""
    desk = open_desk(live_server.url, tmp_path)
    yield desk
    desk.close()
