"""Offer images: the pictures the media source holds (app.state.media, marketplace/media.py), cacheable
for a day and revalidated by ETag."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response

from ..deps import ReadDB
from ..errors import ApiError, responses
from ..media import MediaSource
from ..schemas.common import MAX_ID
from ..services.offer_pictures import picture_ref

router = APIRouter(tags=["media"])

CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800"


def image_path(offer_id: int, n: int) -> str:
    """The path (under /api/v1) of an offer's n-th picture, n counting from 0."""
    return f"/media/offers/{offer_id}/{n}.png"


@router.get(
    "/media/offers/{offer_id}/{n}.png",
    response_class=Response,
    responses={
        200: {"description": "The picture", "content": {"image/png": {"schema": {"type": "string",
                                                                                  "format": "binary"}}}},
        304: {"description": "Not modified (the `If-None-Match` ETag still holds)"},
        **responses(404, 422),
    },
    summary="An offer's n-th picture (n from 0 to image_count - 1)",
)
def offer_image(
    offer_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    n: Annotated[int, Path(ge=0, le=100)],
    db: ReadDB,
    request: Request,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    ref = picture_ref(db, offer_id, n)
    media: MediaSource = request.app.state.media
    picture = media.find(ref) if ref is not None else None
    if picture is None:
        raise ApiError(404, "not_found", "No such picture.")
    headers = {"ETag": picture.etag, "Cache-Control": CACHE_CONTROL}
    wanted = {t.strip() for t in (if_none_match or "").split(",")}
    if picture.etag in wanted or "*" in wanted:
        return Response(status_code=304, headers=headers)
    return Response(picture.body(), media_type="image/png", headers=headers)
