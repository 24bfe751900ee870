"""(being written) Offer images."""

from fastapi import APIRouter

router = APIRouter(tags=["media"])
