"""The boundary between the playbook and whatever builds its staged folder into HTML.

Everything before it (content, site, handouts) produces a plain staged
folder, ``.stage/``, whose ``mkdocs.yml`` and ``docs/`` mean the same to any
engine. An engine offers two things:

- ``build(config_file, site_dir, cache_dir)``: build the staged folder whose
  configuration is ``config_file`` into the empty folder ``site_dir`` in strict
  mode, and return the number of HTML pages written; or raise
  :class:`BuildFailed` with the engine's complaints. A complaint that names a
  staged page (``Doc file 'principles/x.md'`` for MkDocs) is reported by the
  pipeline at the content file the page comes from.
- ``refresh(config_file, site_dir, cache_dir)``: bring ``site_dir``, which a
  build of the same staged folder wrote, up to date in place, as fast as the
  engine can; pages whose staged file did not change may keep what they showed
  of other pages. ``playbook serve`` (see :mod:`playbook.site.preview`) calls it
  after an edit that changed pages only, and ``build`` otherwise. An engine
  without a faster way builds the folder afresh.
- ``serve(config_file, dev_addr, start_watching)``: serve the staged folder
  with the engine's own live reload until interrupted, calling
  ``start_watching`` once the server is about to start (not used by ``playbook
  serve``, which serves its own preview so that every engine gets the same one).

MkDocs is the engine today (``mkdocs_adapter``, warmed up in a second process
by ``mkdocs_worker``); another engine goes beside it in this room.
This module imports no engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class BuildFailed(Exception):
    """The engine refused the build; carries its warnings and errors, one message each."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


class Builder(Protocol):
    """Builds a staged folder into a site folder and returns the HTML page count (see the module's description)."""

    def build(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int: ...


class Refresher(Builder, Protocol):
    """A builder that can also bring a built folder up to date in place (see the module's description)."""

    def refresh(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int: ...
