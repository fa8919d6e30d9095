"""PDFs an earlier build rendered, kept for the next one under the digest of what decides their bytes.

A build whose print inputs did not change (only a site page did, say) takes its
PDFs from here instead of laying them out again. The key is :func:`fingerprint`
of the HTML to lay out; each key has a folder of its own under the cache, with
the files and a manifest saying what each one is. The newest few keys stay, so
a site in several languages keeps one set per language.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

MANIFEST = "manifest.json"
KEPT_KEYS = 4
_FILE_URL = re.compile(rb"""file://[^"')\s]+""")


def fingerprint(html: dict[str, bytes], generators_dir: Path) -> str:
    """What decides the PDFs' bytes: the HTML, the files it links (a logo), every print asset, the writers' versions."""
    from importlib.metadata import version

    from playbook.handouts.layout import OPTIONS

    digest = hashlib.sha256()
    for part in (version("weasyprint"), version("pydyf"), repr(sorted(OPTIONS.items()))):
        digest.update(part.encode("utf-8") + b"\0")
    for name in sorted(html):
        digest.update(name.encode("utf-8") + b"\0" + html[name] + b"\0")
        for url in sorted(set(_FILE_URL.findall(html[name]))):
            path = Path(unquote(urlparse(url.decode("utf-8")).path))
            digest.update(url + b"\0" + (path.read_bytes() if path.is_file() else b"(missing)"))
    for path in sorted((generators_dir / "print").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(generators_dir).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def kept(cache: Path, key: str) -> list[tuple[dict[str, Any], bytes]] | None:
    """What an earlier build kept under ``key``: each file's description and bytes; None if nothing (or damaged)."""
    folder = cache / key
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return [(item, (folder / item["stored"]).read_bytes()) for item in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def keep(cache: Path, key: str, files: list[tuple[dict[str, Any], bytes]]) -> None:
    """Keep these files (each a JSON-able description and its bytes) under ``key``; the oldest keys go.

    The folder is written aside and renamed into place, so a build reads all of it or
    none; a cache that cannot be written is skipped.
    """
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".writing-", dir=cache) as scratch:
            work = Path(scratch) / key
            work.mkdir()
            entries = []
            for index, (about, data) in enumerate(files):
                stored = f"{index}.pdf"
                (work / stored).write_bytes(data)
                entries.append({**about, "stored": stored})
            (work / MANIFEST).write_text(json.dumps({"files": entries}), encoding="utf-8")
            shutil.rmtree(cache / key, ignore_errors=True)
            work.rename(cache / key)
        folders = sorted(
            (p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.stat().st_mtime
        )
        for old in folders[:-KEPT_KEYS]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return
