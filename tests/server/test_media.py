"""Offer pictures: real PNGs of the advertised size, cacheable, revalidated by ETag, 404 beyond the last."""

from __future__ import annotations

import struct
import zlib

import httpx
import pytest

from marketplace.demo.images import HEIGHT, WIDTH

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunks(data: bytes):
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        yield kind, body
        pos += 12 + length


@pytest.fixture(scope="module")
def offer(live_server) -> dict:
    page = httpx.get(live_server.api + "/offers", params={"limit": 100}).json()
    return max(page["items"], key=lambda o: len(o["image_urls"]))


def test_every_advertised_image_is_a_valid_png(live_server, offer):
    assert offer["image_urls"]
    bodies = set()
    for url in offer["image_urls"]:
        reply = httpx.get(url)
        assert reply.status_code == 200
        assert reply.headers["content-type"] == "image/png"
        data = reply.content
        assert data.startswith(PNG_SIGNATURE)
        chunks = list(_chunks(data))
        kinds = [k for k, _ in chunks]
        assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
        width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
        assert (width, height, depth, colour) == (WIDTH, HEIGHT, 8, 2)
        raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
        assert len(raw) == height * (1 + width * 3)
        bodies.add(data)
    assert len(bodies) == len(offer["image_urls"])  # each picture of an offer differs


def test_caching_headers_and_revalidation(live_server, offer):
    url = offer["image_urls"][0]
    first = httpx.get(url)
    assert "max-age=" in first.headers["cache-control"] and "public" in first.headers["cache-control"]
    etag = first.headers["etag"]
    assert etag.startswith('"')
    again = httpx.get(url)
    assert again.content == first.content and again.headers["etag"] == etag  # deterministic
    not_modified = httpx.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == etag
    stale = httpx.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_unknown_offer_or_picture_is_404(live_server, offer):
    base = f"{live_server.api}/media/offers"
    beyond = httpx.get(f"{base}/{offer['id']}/{len(offer['image_urls'])}.png")
    assert beyond.status_code == 404
    assert beyond.headers["content-type"].startswith("application/problem+json")
    assert beyond.json()["code"] == "not_found"
    assert httpx.get(f"{base}/999999999/0.png").status_code == 404
    assert httpx.get(f"{base}/{offer['id']}/-1.png").status_code == 422


def test_without_the_demo_only_stored_pictures_are_served(tmp_path):
    """A production server (no --demo) draws nothing: it serves the files of its media folder and
    answers 404 for a picture it does not hold."""
    from tests.server.catalog_support import add_categories, make_shop
    from tests.support.server import cleanup, make_server

    media = tmp_path / "media"
    server = make_server(offers=0, orders=0, demo=False, extra_env={"BULKDESK_MEDIA_DIR": str(media)})
    server.start()
    try:
        shop = make_shop(server, add_categories(server, {"Tools": None})["Tools"])
        stored, missing = shop.offer(), shop.offer()
        picture = PNG_SIGNATURE + b"stored picture bytes"
        (media / "offers" / str(stored["id"])).mkdir(parents=True)
        (media / "offers" / str(stored["id"]) / "0.png").write_bytes(picture)
        reply = httpx.get(stored["image_urls"][0])
        assert reply.status_code == 200 and reply.content == picture
        assert reply.headers["content-type"] == "image/png"
        etag = reply.headers["etag"]
        assert httpx.get(stored["image_urls"][0], headers={"If-None-Match": etag}).status_code == 304
        absent = httpx.get(missing["image_urls"][0])
        assert absent.status_code == 404 and absent.json()["code"] == "not_found"
    finally:
        cleanup(server)
