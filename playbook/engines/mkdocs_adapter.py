"""The MkDocs engine, a thin shell around MkDocs: build a staged project, or serve it with live reload.

Everything the playbook knows happens before this module: the staged folder
is a plain MkDocs project, and MkDocs is called only through its public API.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from playbook.engines.engine import BuildFailed
from playbook.logcapture import capture_warnings

__all__ = ["BuildFailed", "build", "serve"]


def build(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
    """Build the staged project in strict mode into ``site_dir``; return the page count.

    With ``cache_dir`` the theme's compiled templates are kept there for the
    next build (see :mod:`playbook.engines.theme_cache`).
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    with capture_warnings("mkdocs", logging.INFO) as log:
        try:
            config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
            if cache_dir is not None:
                from playbook.engines import theme_cache

                config.plugins[theme_cache.NAME] = theme_cache.ThemeCache(cache_dir)
            mkdocs_build(config)
        except (
            exceptions.MkDocsException,
            exceptions.Abort,
            exceptions.ConfigurationError,
        ) as error:
            raise BuildFailed(log.messages or [str(error)]) from None
        if log.messages:
            raise BuildFailed(log.messages)
    return sum(1 for _ in site_dir.rglob("*.html"))


def serve(config_file: Path, dev_addr: str, start_watching: Callable[[], None]) -> None:
    """Serve the staged project with live reload; ``start_watching`` begins regenerating on edits."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    start_watching()
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
