"""The offline copy: the built site as a zip that works opened from disk, search and tools included.

A second MkDocs build of the staged project (run by
:func:`playbook.pipeline.build_offline`), with plain ``.html`` addresses
and Material's ``offline`` plugin (which inlines the search index as a
script). Two things would still fail on a ``file://`` page, and this module
provides them:

- Material's search runs in a Web Worker, which browsers refuse to start from
  disk; the offline plugin then loads an iframe-based shim from a CDN unless
  the project names its own in ``extra.polyfills``. Ours is
  ``playbook/site/assets/iframe-worker.js``.
- The browser tools are ES modules, which Chromium refuses on ``file://``
  pages; :mod:`playbook.site.jsbundle` turns them into one classic script that
  replaces ``main.js`` in this copy only.

Limitation: links inside the tools' data (for example from the calculator to
a principle) are written for the site's directory addresses, so on disk they
open the entry's folder rather than its page.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from playbook.site.jsbundle import BundleError, bundle
from playbook.problems import ContentError, Problem
from playbook.site.staged_config import merged

ZIP_PATH = "dist/site-offline.zip"
CONFIG_NAME = "mkdocs.offline.yml"
TOOLS_ENTRY = "assets/playbook/main.js"
TOOLS_SCRIPT = "assets/playbook/offline/tools.js"
# Material's offline plugin keeps a polyfill whose address contains "iframe-worker" instead of its CDN one.
SHIM_SCRIPT = "assets/playbook/offline/iframe-worker.js"
SHIM_SOURCE = Path(__file__).with_name("assets") / "iframe-worker.js"
# Zip timestamps cannot go before 1980.
ZIP_EPOCH_MIN = 315532800


def offline_project(staged: dict[str, bytes]) -> dict[str, bytes]:
    """The staged project's files, plus the offline config, the search shim and the tools as one script."""
    sources = {
        path.removeprefix("overrides/assets/playbook/"): data.decode("utf-8")
        for path, data in staged.items()
        if path.startswith("overrides/assets/playbook/") and path.endswith(".js")
    }
    try:
        tools = bundle(sources, TOOLS_ENTRY.removeprefix("assets/playbook/"))
    except BundleError as error:
        raise ContentError(
            [
                Problem(
                    f"overrides/assets/playbook/{error.path}",
                    error.line,
                    1,
                    "",
                    f"cannot bundle the tools for the offline copy: {error.message}",
                    "keep to the import and export forms listed in playbook/site/jsbundle.py",
                )
            ]
        ) from None
    files = dict(staged)
    files[f"overrides/{TOOLS_SCRIPT}"] = tools.encode("utf-8")
    files[f"overrides/{SHIM_SCRIPT}"] = SHIM_SOURCE.read_bytes()
    files[CONFIG_NAME] = offline_config(staged)
    return files


def offline_config(staged: dict[str, bytes]) -> bytes:
    """The staged ``mkdocs.yml`` made into the offline build's, as one complete file (no ``INHERIT``).

    The plugins gain ``offline``, the theme features lose instant navigation,
    and the scripts have the tools' module swapped for the classic bundle.
    """
    staged_config = yaml.safe_load(staged["mkdocs.yml"])
    scripts: list[Any] = []
    for script in staged_config.get("extra_javascript", []):
        path = script.get("path") if isinstance(script, dict) else script
        if path == TOOLS_ENTRY:
            scripts.append(TOOLS_SCRIPT)
        elif isinstance(script, dict) and script.get("type") == "module":
            raise ContentError(
                [
                    Problem(
                        "mkdocs.yml",
                        1,
                        1,
                        "extra_javascript",
                        f"{path} is a module script",
                        "browsers refuse module scripts on pages opened from disk; load it from main.js",
                    )
                ]
            )
        else:
            scripts.append(script)
    # Material's instant navigation cannot fetch pages from disk, and with it on, document$ (which the
    # tools mount on) never fires on a file:// page; the offline copy loads pages the plain way.
    theme = staged_config.get("theme", {})
    features = [f for f in theme.get("features", []) if not str(f).startswith("navigation.instant")]
    # A site in several languages keeps its switch: every language is in the copy, at the same relative
    # places (see pipeline.build_offline), and the switch's links are relative. A site in one language
    # keeps the configuration it always had: no switch, no links to other languages.
    several = bool(staged_config.get("extra", {}).get("languages"))
    languages: dict[str, Any] = {} if several else {"alternate": False, "languages": []}
    changes = {
        "use_directory_urls": False,
        "theme": {"features": features},
        "plugins": [*staged_config.get("plugins", []), "offline"],
        "extra": {"polyfills": [SHIM_SCRIPT], **languages},
        "extra_javascript": scripts,
    }
    return yaml.safe_dump(merged(staged_config, changes), allow_unicode=True, sort_keys=False).encode("utf-8")


def top_folder(staged: dict[str, bytes]) -> str:
    """The folder the zip unpacks into: named after the site, like its storage keys."""
    name = str(yaml.safe_load(staged["mkdocs.yml"]).get("site_name", "playbook"))
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "playbook"


def zip_tree(folder: Path, top: str, epoch: int) -> bytes:
    """A deterministic zip of ``folder`` under ``top/``: sorted names, one timestamp, fixed modes."""
    stamp = datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), tz=UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
