"""The tracking CSVs LibreOffice Calc saved in a French locale (tests/seller/files/, made by
make_tracking_calc_fr.sh), with their placeholder refs replaced by real ones."""

from __future__ import annotations

from pathlib import Path

FILES = Path(__file__).parent / "files"


def calc_file(name: str, refs: dict[str, str]) -> bytes:
    """The bytes Calc wrote, with its placeholder refs REF-A… replaced (ASCII for ASCII)."""
    data = (FILES / name).read_bytes()
    for placeholder, ref in refs.items():
        data = data.replace(placeholder.encode(), ref.encode())
    return data
