"""Regenerate the staged project when content, templates or theme overrides change."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from playbook.project import Project

# An editor's save is a burst of events within a few milliseconds (write, or write-then-rename).
DEBOUNCE_SECONDS = 0.05
# Reading a file raises events too ("opened", "closed_no_write"); the preview reads every source
# on each update, so reacting to those would update it for ever.
CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})


class _Debounced(FileSystemEventHandler):
    """Coalesces a burst of file events (an editor saving) into one regeneration."""

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: Any) -> None:
        if event.event_type not in CHANGES or event.is_directory:
            return
        if "/.tmp-" in str(event.src_path) or str(event.src_path).endswith("~"):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.start()


def watch_sources(project: Project, regenerate: Callable[[], None]) -> BaseObserver:
    """Start watching the sources, calling ``regenerate`` after each edit; stop the returned observer to end."""
    observer = Observer()
    handler = _Debounced(regenerate)
    for folder in (project.content_dir, project.generators_dir, project.overrides_dir):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.schedule(handler, str(project.root), recursive=False)
    observer.start()
    return observer
