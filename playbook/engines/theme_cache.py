"""The MkDocs theme's compiled templates, kept between builds: a plugin the adapter adds to each build.

MkDocs makes a fresh Jinja environment for the theme on every build and
compiles Material's templates into it again. This plugin gives that
environment the on-disk cache our generators use (see
:mod:`playbook.render.jinja_cache`). It asks to run after every other ``on_env``, so
the filters that plugins and hooks add there are part of the cache's settings;
a filter added in a later event would not be (no plugin of this site does
that). Templates loaded before it runs, such as the listing the tags plugin
loads in its own ``on_env``, compile as usual. The staged folder does not name
this plugin: a bare ``mkdocs build`` of it compiles everything as usual.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from playbook.render import jinja_cache

NAME = "playbook/theme-cache"
# Far below MkDocs' usual "last" (-100), so a plugin or hook that also asks to run late still runs first.
_LAST = -1_000_000


class ThemeCache(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Attaches the on-disk bytecode cache below ``cache_root`` to the theme's environment."""

    def __init__(self, cache_root: Path) -> None:
        super().__init__()
        self.cache_root = cache_root

    @event_priority(_LAST)
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        jinja_cache.attach(env, self.cache_root)
        return env
