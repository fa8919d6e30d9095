"""Hold off Python's cyclic garbage collector while a batch stage builds its data.

Loading and rendering thousands of entries creates hundreds of thousands of
small objects (positions, tuples, dicts) that all stay alive until the stage
ends. Each automatic full collection walks every one of them again, and at
100× the default playbook that walking took 40% of the load stage. Reference
counting still frees almost everything at once; the few cycles a stage makes
(a Jinja context and its macros, for one) wait for the collection that runs
after the stage, so the collector waits until the stage is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from playbook import speedups


@contextmanager
def paused() -> Iterator[None]:
    """Run the block without automatic cyclic collections; restore the previous state after."""
    if not speedups.enabled("gc-pause"):
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
