"""Where offer pictures come from. The production route (routers/media.py) asks `app.state.media`:
by default the pictures stored under the media folder (BULKDESK_MEDIA_DIR, `offers/<id>/<n>.png`);
`bulkdesk-server --demo` installs the demo's generated pictures instead (marketplace/asgi.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class PictureRef:
    """Which picture is asked for, with what the route already read about its offer."""

    offer_id: int
    n: int
    category_id: int
    category_name: str


@dataclass(frozen=True)
class Picture:
    etag: str
    #: the PNG bytes, read only when the answer is not a 304
    body: Callable[[], bytes]


class MediaSource(Protocol):
    def find(self, ref: PictureRef) -> Picture | None: ...


class StoredMedia:
    """Pictures kept as files: `<folder>/offers/<offer id>/<n>.png`. No folder: no pictures (404)."""

    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder else None

    def find(self, ref: PictureRef) -> Picture | None:
        if self.folder is None:
            return None
        path = self.folder / "offers" / str(ref.offer_id) / f"{ref.n}.png"
        try:
            stat = path.stat()
        except OSError:
            return None
        digest = hashlib.sha256(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
        return Picture(etag=f'"{digest[:24]}"', body=path.read_bytes)
