"""Collect a library's log warnings instead of letting them print as stray lines.

MkDocs and WeasyPrint report problems only through logging; the playbook turns
what they log into failures with messages of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Collected(logging.Handler):
    """Keeps the messages of warnings and errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def capture_warnings(logger_name: str, level: int = logging.WARNING) -> Iterator[Collected]:
    """Route ``logger_name``'s records at ``level`` and above to a collector for the block's duration."""
    logger = logging.getLogger(logger_name)
    handler = Collected()
    saved_handlers, saved_propagate, saved_level = logger.handlers[:], logger.propagate, logger.level
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(level)
    try:
        yield handler
    finally:
        logger.handlers, logger.propagate = saved_handlers, saved_propagate
        logger.setLevel(saved_level)
