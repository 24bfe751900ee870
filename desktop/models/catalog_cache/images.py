"""The catalog cache's thumbnails: files in a folder next to the database, indexed by the `images` table."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from .store import CacheStore


class ImagesPart(CacheStore):
    """`CatalogCache`'s downloaded images (stored and trimmed by a worker, looked up from anywhere)."""

    def image_path(self, url: str) -> Path | None:
        """The local file of a downloaded image, or None (download it, then `store_image`)."""
        with self._read() as conn:
            row = conn.execute("SELECT file_name FROM images WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        path = self.images_dir / row[0]
        return path if path.is_file() else None

    def store_image(self, url: str, data: bytes) -> Path:
        """Save an image's bytes (atomically) and index it. Returns its file."""
        self.images_dir.mkdir(parents=True, exist_ok=True)
        import hashlib  # here: OpenSSL's start costs ~3 ms, and only a worker stores pictures

        name = hashlib.sha256(url.encode()).hexdigest()[:40] + _image_suffix(url)
        target = self.images_dir / name
        fd, tmp = tempfile.mkstemp(dir=self.images_dir, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        with self._write() as conn:
            conn.execute(
                "INSERT INTO images (url, file_name, size_bytes, stored_at) VALUES (?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET file_name = excluded.file_name, "
                "size_bytes = excluded.size_bytes, stored_at = excluded.stored_at",
                (url, name, len(data), datetime.now(UTC).timestamp()),
            )
        return target

    def images_size_bytes(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT coalesce(sum(size_bytes), 0) FROM images").fetchone()[0]

    def trim_images(self, max_bytes: int) -> int:
        """Delete the oldest images until they take at most `max_bytes`. Returns the bytes freed."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT url, file_name, size_bytes FROM images ORDER BY stored_at DESC"
            ).fetchall()
            kept, victims = 0, []
            for url, name, size in rows:
                if kept + size <= max_bytes:
                    kept += size
                else:
                    victims.append((url, name, size))
            conn.executemany("DELETE FROM images WHERE url = ?", [(url,) for url, _, _ in victims])
        for _, name, _ in victims:
            with contextlib.suppress(FileNotFoundError):
                (self.images_dir / name).unlink()
        return sum(size for _, _, size in victims)


def _image_suffix(url: str) -> str:
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    return suffix if suffix in (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg") else ".img"
