"""The language a client asks for (`Accept-Language`), for the texts the server owns (category names).

Only `SUPPORTED` languages are answered; anything else gets English, the default. The answer says which
it used (`Content-Language`) and that it depends on the header (`Vary: Accept-Language`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Response

DEFAULT = "en"
SUPPORTED = ("en", "fr")


def negotiate(header: str | None) -> str:
    """The best supported language of an `Accept-Language` value ("fr-CH, fr;q=0.9, en;q=0.8" → "fr")."""
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        if rest.strip().startswith("q="):
            try:
                quality = float(rest.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in SUPPORTED and quality > 0:
            choices.append((-quality, index, primary))
    return min(choices)[2] if choices else DEFAULT


def _language(response: Response, accept_language: Annotated[str | None, Header()] = None) -> str:
    language = negotiate(accept_language)
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language"
    return language


#: a route parameter: the negotiated language, with the answer's `Content-Language` and `Vary` set
Language = Annotated[str, Depends(_language)]
