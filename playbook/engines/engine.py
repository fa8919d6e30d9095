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

Two engines: MkDocs with Material 9.8 (``mkdocs_adapter``), the default, and Zensical
(``zensical_adapter``), Material's successor. ``content/site.yml`` (or a fork's
``branding.yml``) chooses one with ``engine:``; ``--engine`` overrides it.
This module imports no engine: each is imported when it is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Protocol

# The engines by the name a user gives, and the module of each; the first is the default.
MODULES = {"mkdocs": "playbook.engines.mkdocs_adapter", "zensical": "playbook.engines.zensical_adapter"}
NAMES = tuple(MODULES)
TITLES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
DEFAULT = NAMES[0]
# Folders an engine may write inside the staged folder (Zensical's site and cache); staging leaves them alone.
WORK_FOLDERS = frozenset({"site", ".cache"})


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


def _module(name: str) -> ModuleType:
    if name not in MODULES:
        raise ValueError(f"unknown engine {name!r}: expected one of {', '.join(NAMES)}")
    return importlib.import_module(MODULES[name])


class InProcess:
    """An engine's ``build`` called here, in this process."""

    def __init__(self, name: str) -> None:
        self.name = name

    def build(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
        pages: int = _module(self.name).build(config_file, site_dir, cache_dir)
        return pages

    def refresh(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
        """The engine's own refresh where it has one; otherwise a fresh build of the same folder."""
        module = _module(self.name)
        if not hasattr(module, "refresh"):
            return self.build(config_file, site_dir, cache_dir)
        pages: int = module.refresh(config_file, site_dir, cache_dir)
        return pages


def notes(name: str, config_file: Path) -> list[str]:
    """What the staged configuration asks for that the engine does not do, one line each (none for MkDocs)."""
    module = _module(name)
    found: list[str] = module.notes(config_file) if hasattr(module, "notes") else []
    return found


def serve(name: str, config_file: Path, dev_addr: str, start_watching: Callable[[], None]) -> None:
    """Serve the staged folder with the engine's live reload until interrupted."""
    _module(name).serve(config_file, dev_addr, start_watching)
