"""Regenerate the staged project when content, templates or theme overrides change."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from playbook.project import Project

DEBOUNCE_SECONDS = 0.15


class _Debounced(FileSystemEventHandler):
    """Coalesces a burst of file events (an editor saving) into one regeneration."""

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: Any) -> None:
        if event.is_directory or "/.tmp-" in str(event.src_path) or str(event.src_path).endswith("~"):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.start()


def watch_sources(project: Project, regenerate: Callable[[], None]) -> None:
    """Watch the sources until the process ends, calling ``regenerate`` after each edit."""
    observer = Observer()
    handler = _Debounced(regenerate)
    for folder in (project.content_dir, project.generators_dir, project.overrides_dir):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.schedule(handler, str(project.root), recursive=False)
    observer.start()
    while True:
        time.sleep(3600)
