"""The Zensical engine: build a staged project with Zensical in strict mode, or serve it.

Zensical reads the staged ``mkdocs.yml`` as it is. Three things about it shape
this module:

- it writes only inside the project's folder (``site_dir`` must lie below the
  configuration file), so it builds into ``site/`` of the staged folder and
  the finished folder is then moved to where the caller asked;
- it runs as a separate process (``python -m zensical``): its Rust runtime
  keeps global state and a large heap, and a process of its own gives both
  back at once, and the playbook's process is not held up by its threads;
- it prints its complaints rather than logging them, each with the page, line
  and column (``Warning: page does not exist`` … ``[ sources.md:87:10 ]``);
  they are handed back as ``Doc file 'sources.md' (line 87, column 10): …``,
  the form the pipeline reports at the content file the page comes from.

What Zensical 0.0.73 does not do that the staged configuration asks for is
listed by :func:`notes`, one line each, for the build to print.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from playbook.engines.engine import BuildFailed

NAME = "zensical"
# Inside the staged folder: where Zensical writes the site, and its own cache.
SITE_FOLDER = "site"
CACHE_FOLDER = ".cache"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(r"^\s*(?:Warning|Error):\s*(?P<message>.+?)\s*$")
_WHERE = re.compile(r"\[\s*(?P<page>[^\]\s]+?):(?P<line>\d+):(?P<column>\d+)\s*\]")
# MkDocs' validation settings Zensical 0.0.73 reads (it maps them onto its own two checks).
_VALIDATED = {"not_found", "anchors"}
_TIMEOUT_SECONDS = 1800
# The plugins Zensical 0.0.73 reads from mkdocs.yml (zensical/config.py); it skips any other silently.
_PLUGINS = frozenset(
    [
        "api-autonav",
        "autorefs",
        "awesome-nav",
        "blog",
        "callouts",
        "exclude",
        "gh-admonitions",
        "glightbox",
        "include-markdown",
        "literate-nav",
        "llmstxt",
        "macros",
        "markdown-exec",
        "markdownextradata",
        "meta",
        "mike",
        "minify",
        "mkdocs-audio",
        "mkdocs-autoapi",
        "mkdocs-nav-weight",
        "mkdocs-video",
        "mkdocstrings",
        "offline",
        "privacy",
        "redirects",
        "rss",
        "search",
        "social",
        "table-reader",
        "tags",
    ]
)


def build(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
    """Build the staged project in strict mode into the empty ``site_dir``; return the page count.

    ``cache_dir`` is MkDocs' template cache and means nothing here; Zensical
    starts from a clean cache every time, so the same staged folder always
    gives the same site.
    """
    root = config_file.parent
    built = root / SITE_FOLDER
    shutil.rmtree(built, ignore_errors=True)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", str(config_file)],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env={**os.environ, "NO_COLOR": "1"},
            check=False,
            timeout=_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildFailed([f"Zensical could not run: {error}"]) from None
    output = _ANSI.sub("", result.stdout + "\n" + result.stderr)
    if result.returncode != 0:
        shutil.rmtree(built, ignore_errors=True)
        raise BuildFailed(complaints(output) or [_last_line(output)])
    # The cache served this build only (it started clean); the staged folder keeps no trace of it.
    shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
    if site_dir.exists():
        site_dir.rmdir()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    built.replace(site_dir)
    return sum(1 for _ in site_dir.rglob("*.html"))


def complaints(output: str) -> list[str]:
    """Zensical's warnings and errors, one message each, naming the staged page the way MkDocs does."""
    found: list[str] = []
    message: str | None = None
    for line in output.splitlines():
        warning = _WARNING.match(line)
        if warning:
            if message is not None:
                found.append(message)
            message = warning["message"]
            continue
        where = _WHERE.search(line)
        if message is not None and where:
            found.append(f"Doc file '{where['page']}' (line {where['line']}, column {where['column']}): {message}")
            message = None
    if message is not None:
        found.append(message)
    return found


def _last_line(output: str) -> str:
    """What a failed run said last (its exception), for a failure that printed no warning."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return f"Zensical failed: {lines[-1]}" if lines else "Zensical failed and said nothing"


def notes(config_file: Path) -> list[str]:
    """What the staged configuration asks for that Zensical does not do, one line each."""
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    lines = []
    validation = config.get("validation") or {}
    unchecked = sorted(
        f"{group}.{key}"
        for group, settings in validation.items()
        if isinstance(settings, dict)
        for key, value in settings.items()
        if value != "ignore" and key not in _VALIDATED
    )
    if unchecked:
        lines.append(
            f"does not check {', '.join(unchecked)} (only not_found and anchors); build with --engine mkdocs to check them"
        )
    plugins = config.get("plugins") or []
    names = plugins if isinstance(plugins, dict) else [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    ignored = sorted(
        str(name) for name in names if str(name).removeprefix("material/").split("/", 1)[0] not in _PLUGINS
    )
    if ignored:
        lines.append(
            f"ignores the plugins {', '.join(ignored)} (it has no plugin API); build with --engine mkdocs to use them"
        )
    return lines


def serve(config_file: Path, dev_addr: str, start_watching: Callable[[], None]) -> None:
    """Serve the staged project with Zensical's live reload; ``start_watching`` begins regenerating on edits."""
    import zensical

    start_watching()
    zensical.serve(str(config_file), {"dev_addr": dev_addr, "open": False, "strict": False})
