"""The speed-ups that can be turned off, all read here, so the benchmark can weigh each one.

A speed-up never changes a result, only how soon it comes. Each one stays only
while ``bench/speedups.py`` shows it saving at least a tenth of the full build
at 1× or 10× the default entries, measured with and without it in one run.
``PLAYBOOK_WITHOUT`` names the ones to turn off, separated by commas (for
example ``PLAYBOOK_WITHOUT=theme-cache,gc-pause``).
"""

from __future__ import annotations

import os

VARIABLE = "PLAYBOOK_WITHOUT"
# Each speed-up by the name PLAYBOOK_WITHOUT takes, and what it does.
PIECES = {
    "theme-cache": "the theme's compiled templates kept in .cache/ between builds",
    "gc-pause": "Python's cyclic garbage collector held off while content loads and renders",
    "stage-manifest": "staged files recognized as unchanged from a manifest, without reading them",
}


def enabled(piece: str) -> bool:
    """Whether the speed-up ``piece`` (a key of :data:`PIECES`) is on: it is unless PLAYBOOK_WITHOUT names it."""
    if piece not in PIECES:
        raise ValueError(f"unknown speed-up {piece!r}: expected one of {', '.join(PIECES)}")
    return piece not in {name.strip() for name in os.environ.get(VARIABLE, "").split(",")}
