"""QR codes for print: an address as an SVG image, made here with no network."""

from __future__ import annotations

import segno

# Medium error correction survives a smudged or creased handout; the four-module
# quiet zone is what phone cameras need to find the code.
ERROR_CORRECTION = "m"
QUIET_ZONE = 4


def qr_data_uri(address: str) -> str:
    """A QR code of ``address`` as a ``data:`` URI of an SVG image, black on white."""
    code = segno.make(address, error=ERROR_CORRECTION, micro=False)
    uri: str = code.svg_data_uri(scale=1, border=QUIET_ZONE, dark="#000", light="#fff")
    return uri
