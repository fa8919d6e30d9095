"""The speed-ups that can be turned off, all read here, so the benchmark can weigh each one.

A speed-up never changes a result, only how soon it comes. Each one stays only
while ``bench/speedups.py`` shows it saving at least a tenth of the full build,
or of ``playbook serve``'s update after an edit, at 1× or 10× the default
entries, measured with and without it in one run. The three below earn it in the
preview (issue 14, measured 2026-12-02): the theme cache 40% of an update at 1×
and 27% at 10×, the collector pause 23% at 10×, the manifest 18% at 10×.
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
