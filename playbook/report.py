"""What a command tells the person running it: each stage, its counts and its time."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Reporter:
    """Prints one line a stage; silent when quiet."""

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.detail = ""
        self.warnings = 0

    @contextmanager
    def stage(self, name: str) -> Iterator[Reporter]:
        """Time a stage; the block sets ``detail`` to say what it did."""
        self.detail = ""
        start = time.perf_counter()
        yield self
        elapsed = time.perf_counter() - start
        self.say(f"{name:<9} {self.detail:<44} {elapsed:6.2f} s")

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def warn(self, text: str) -> None:
        """A warning about the content, printed even when quiet: it does not stop the build."""
        self.warnings += 1
        print(f"warning: {text}", file=self.stream, flush=True)
