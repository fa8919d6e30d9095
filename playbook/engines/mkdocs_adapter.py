"""The MkDocs engine, a thin shell around MkDocs: build a staged project, or serve it with live reload.

Everything the playbook knows happens before this module: the staged folder
is a plain MkDocs project, and MkDocs is called only through its public API.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playbook import speedups
from playbook.engines.engine import BuildFailed
from playbook.logcapture import capture_warnings

__all__ = ["BuildFailed", "build", "refresh", "serve"]


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
            if cache_dir is not None and speedups.enabled("theme-cache"):
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


# MkDocs warns on every dirty build that other pages may be out of date; refresh's caller knows.
_DIRTY_WARNING = "A 'dirty' build is being performed"
# Material's theme folder holds some fourteen thousand files (its icons), which MkDocs lists and
# filters on every build. Folders outside the staged project do not change while a preview runs.
_listings: dict[tuple[object, ...], list[str]] = {}


def refresh(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
    """Bring ``site_dir``, which a build of the same staged project wrote, up to date in place; return the page count.

    Only staged files newer than their built copies are rendered or copied
    again (MkDocs' dirty build), and the search index keeps the entries of the
    pages that were not. A page that was not rendered again keeps what it showed
    of other pages, so the caller builds afresh when the configuration, the theme
    or the set of pages changed. Raises :class:`BuildFailed` like :func:`build`.
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    index = site_dir / "search" / "search_index.json"
    previous = _read_json(index)
    with capture_warnings("mkdocs", logging.INFO) as log:
        try:
            config = load_config(str(config_file), strict=False, site_dir=str(site_dir))
            if cache_dir is not None and speedups.enabled("theme-cache"):
                from playbook.engines import theme_cache

                config.plugins[theme_cache.NAME] = theme_cache.ThemeCache(cache_dir)
            _list_theme_once(config.theme, config_file.parent.resolve())
            _keep_tags_whole(config)
            mkdocs_build(config, dirty=True)
        except (exceptions.MkDocsException, exceptions.Abort, exceptions.ConfigurationError) as error:
            raise BuildFailed(log.messages or [str(error)]) from None
        complaints = [message for message in log.messages if not message.startswith(_DIRTY_WARNING)]
        if complaints:
            raise BuildFailed(complaints)
    if previous is not None:
        _merge_search_index(index, previous)
    return sum(1 for _ in site_dir.rglob("*.html"))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _merge_search_index(index: Path, previous: Any) -> None:
    """Give the dirty build's search index, which holds only the pages it rendered, the other pages' entries back.

    Each page's entries take the place its previous entries had, so the index
    lists the pages in the order a full build does.
    """
    current = _read_json(index)
    if not (isinstance(current, dict) and isinstance(previous, dict)):
        return
    fresh: dict[str, list[Any]] = {}
    for doc in current.get("docs", []):
        fresh.setdefault(_page_of(doc), []).append(doc)
    merged: list[Any] = []
    for doc in previous.get("docs", []):
        page = _page_of(doc)
        if page not in fresh:
            merged.append(doc)
        elif fresh[page]:
            merged += fresh[page]
            fresh[page] = []
    merged += [doc for docs in fresh.values() for doc in docs]
    current["docs"] = merged
    # Written as the search plugin writes it (ASCII, compact), so the file is the one a full build writes.
    index.write_text(json.dumps(current, separators=(",", ":"), default=str), encoding="utf-8")


def _page_of(doc: Any) -> str:
    return str(doc.get("location", "")).split("#")[0] if isinstance(doc, dict) else ""


# Before the tags plugin's own on_env (100), which renders the listings from what it collected.
_BEFORE_TAGS = 200


def _keep_tags_whole(config: Any) -> None:
    """Have a dirty build collect every page's tags, as a full build would (for the plugin's ``tags.json``).

    The tags plugin collects a page's tags while the page is read, which a dirty
    build does only for changed pages. So every other page's tags are collected
    from its front matter (read without rendering it), in the order of a full
    build. The tags page itself is the playbook's own Markdown (``Shaper.tags_page``),
    staged again whenever what it lists changes.
    """
    tags = config.plugins.get("material/tags")
    if tags is None:
        return
    from mkdocs.plugins import BasePlugin, event_priority

    class WholeTags(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_files(self, files: Any, /, *, config: Any) -> Any:
            pages = [file.abs_src_path for file in files.documentation_pages()]
            for gone in _sources.keys() - set(pages):
                del _sources[gone]
            return files

        @event_priority(_BEFORE_TAGS)
        def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
            collected = tags.mappings.data
            order = []
            for file in files.documentation_pages():
                page = file.page
                if page is None:
                    continue
                if page.markdown is None:
                    # What Page.read_source would set, parsed once per version of the staged file.
                    markdown, front = _source(file.abs_src_path)
                    page.markdown, page.meta = markdown, dict(front)
                    tags.mappings.add(page, page.markdown)
                order.append(page.url)
            tags.mappings.data = {url: collected[url] for url in order if url in collected}
            return env

    config.plugins["playbook/whole-tags"] = WholeTags()


# Each staged page's Markdown and front matter, by the file's identity: staging replaces a file, never
# rewrites it in place, so each version of a page has an inode of its own.
_sources: dict[str, tuple[tuple[int, int, int], tuple[str, dict[str, Any]]]] = {}


def _source(path: str) -> tuple[str, dict[str, Any]]:
    """A staged page's Markdown and front matter, read and parsed again only once the file changed."""
    from mkdocs.utils import meta

    status = Path(path).stat()
    identity = (status.st_ino, status.st_mtime_ns, status.st_size)
    known = _sources.get(path)
    if known is None or known[0] != identity:
        known = (identity, meta.get_data(Path(path).read_text(encoding="utf-8-sig", errors="strict")))
        _sources[path] = known
    return known[1]


def _list_theme_once(theme: Any, project: Path) -> None:
    """Have the theme's environment list a theme folder outside the staged project once per process."""
    import jinja2

    make_env = theme.get_env
    static = tuple(sorted(theme.static_templates))

    def listed(folder: str, extensions: Any, filter_func: Any) -> list[str]:
        names: list[str] = jinja2.Environment(loader=jinja2.FileSystemLoader(folder)).list_templates(
            extensions, filter_func
        )
        return names

    def get_env() -> jinja2.Environment:
        env: jinja2.Environment = make_env()

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            names: set[str] = set()
            for folder in theme.dirs:
                if Path(folder).resolve().is_relative_to(project):
                    names.update(listed(folder, extensions, filter_func))
                    continue
                key = (folder, static, getattr(filter_func, "__code__", filter_func), extensions)
                if key not in _listings:
                    _listings[key] = listed(folder, extensions, filter_func)
                names.update(_listings[key])
            return sorted(names)

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    theme.get_env = get_env
