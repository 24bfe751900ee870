"""Generated offer pictures: deterministic PNGs drawn with zlib + struct (no imaging library).

One look per offer: a background tinted by category, a pattern and a "parcel" that vary with the
offer and the picture number, and the category's initial. Rows are built with slice assignments
(spans, not pixels), so a 320×240 picture takes a few milliseconds; an LRU keeps the recent ones.
"""

from __future__ import annotations

import colorsys
import hashlib
import random
import struct
import zlib
from functools import lru_cache, partial

from ..media import Picture, PictureRef

WIDTH, HEIGHT = 320, 240
#: bump when the drawing changes, so ETags change with it
STYLE_VERSION = 1

_FONT = {  # 5×7 capitals
    "A": "01110 10001 10001 11111 10001 10001 10001", "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110", "D": "11110 10001 10001 10001 10001 10001 11110",
    "E": "11111 10000 10000 11110 10000 10000 11111", "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111", "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110", "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001", "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001", "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110", "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101", "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110", "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110", "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010", "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 01010 00100 00100 00100 00100", "Z": "11111 00001 00010 00100 01000 10000 11111",
}

Color = bytes


def _rgb(hue: float, saturation: float, value: float) -> Color:
    r, g, b = colorsys.hsv_to_rgb(hue % 1.0, saturation, value)
    return bytes((round(r * 255), round(g * 255), round(b * 255)))


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(rows: list[bytearray], width: int, height: int) -> bytes:
    """8-bit RGB PNG from `height` rows of `width * 3` bytes."""
    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 (None) on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6))
            + _chunk(b"IEND", b""))


def _fill(row: bytearray, x0: int, x1: int, color: Color) -> None:
    x0, x1 = max(0, x0), min(WIDTH, x1)
    if x1 > x0:
        row[x0 * 3:x1 * 3] = color * (x1 - x0)


def etag(offer_id: int, n: int, category_id: int, initial: str) -> str:
    digest = hashlib.sha256(f"{STYLE_VERSION}:{offer_id}:{n}:{category_id}:{initial}".encode()).hexdigest()
    return f'"{digest[:24]}"'


@lru_cache(maxsize=1024)
def offer_png(offer_id: int, n: int, category_id: int, initial: str) -> bytes:
    """The `n`-th picture of an offer (deterministic for the same arguments)."""
    rng = random.Random(offer_id * 7919 + n)
    hue = (category_id * 0.137) % 1.0
    top, bottom = _rgb(hue, 0.18, 0.97), _rgb(hue, 0.32, 0.86)
    stripe = _rgb(hue, 0.28, 0.80)
    accent = _rgb(hue + rng.uniform(0.35, 0.65), 0.55, 0.90)
    box, box_edge = _rgb(hue + 0.05, 0.45, 0.62), _rgb(hue + 0.05, 0.55, 0.45)
    ink = b"\xff\xff\xff"

    period, band = rng.choice((24, 32, 40)), rng.choice((6, 10, 14))
    pattern = (rng.randrange(3) + n) % 3  # 0 diagonal stripes, 1 horizontal bands, 2 dots
    cx, cy, radius = rng.randrange(40, WIDTH - 40), rng.randrange(30, 90), rng.randrange(22, 46)
    bw, bh = rng.randrange(130, 170), rng.randrange(96, 120)
    bx, by = (WIDTH - bw) // 2 + rng.randrange(-40, 41), HEIGHT - bh - rng.randrange(18, 34)
    glyph = _FONT.get(initial.upper()[:1], _FONT["B"]).split()
    scale = 8
    gx, gy = bx + (bw - 5 * scale) // 2, by + (bh - 7 * scale) // 2

    rows = []
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        base = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        row = bytearray(base * WIDTH)
        if pattern == 0:
            for x in range(-(y % period), WIDTH, period):
                _fill(row, x, x + band, stripe)
        elif pattern == 1 and (y // band) % 3 == 0:
            _fill(row, 0, WIDTH, stripe)
        elif pattern == 2 and y % period < band:
            for x in range((y // period % 2) * period // 2, WIDTH, period):
                _fill(row, x, x + band, stripe)
        dy = y - cy
        if abs(dy) <= radius:
            half = int((radius * radius - dy * dy) ** 0.5)
            _fill(row, cx - half, cx + half, accent)
        if by <= y < by + bh:
            edge = y < by + 4 or y >= by + bh - 4
            _fill(row, bx, bx + bw, box_edge if edge else box)
            if not edge:
                _fill(row, bx, bx + 4, box_edge)
                _fill(row, bx + bw - 4, bx + bw, box_edge)
                _fill(row, bx + bw // 2 - 6, bx + bw // 2 + 6, box_edge)  # tape
            gr = (y - gy) // scale
            if y - gy >= 0 and gr < 7:
                bits = glyph[gr]
                for col, bit in enumerate(bits):
                    if bit == "1":
                        _fill(row, gx + col * scale, gx + (col + 1) * scale, ink)
        rows.append(row)
    return encode_png(rows, WIDTH, HEIGHT)


class GeneratedMedia:
    """The demo's media source (marketplace/media.py): every advertised picture is drawn on demand."""

    def find(self, ref: PictureRef) -> Picture:
        initial = ref.category_name[:1]
        return Picture(etag=etag(ref.offer_id, ref.n, ref.category_id, initial),
                       body=partial(offer_png, ref.offer_id, ref.n, ref.category_id, initial))
