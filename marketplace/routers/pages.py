"""Pages outside the JSON API: the card checkout page and offer images. (being written)"""

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
