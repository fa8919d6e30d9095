"""Stage *stage*: write the generated MkDocs project, touching only files whose bytes changed.

``mkdocs serve`` watches the staged folder; rewriting unchanged files would
make it rebuild in a loop, so a file is written only when its bytes differ,
and each write replaces the file in one step so no reader sees half of it.

Comparing means reading every staged file again, which on a large playbook
whose files have left the disk cache costs more than generating them. A
manifest in the project's ``.cache/``, kept as git keeps its index, records
each staged file's size, modification and change times, inode and digest: a
file whose record still matches is compared by digest without being read.
The change time cannot be set back by hand, so an edit that keeps the size
and restores the modification time still shows. A record whose modification
time is not clearly older than the start of the sync that wrote it is not
trusted (the file could change again within the same clock tick, or another
process could replace it between our write and our look at it), and a
manifest that is missing, unreadable or of another version only means
reading the files as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A record is trusted only if the file was last modified this long before the sync that made it began.
_RACY_NS = 2_000_000_000
_MANIFEST_VERSION = 2
# A record: size, modification time, change time, inode, digest.
_FIELDS = 5


@dataclass(frozen=True)
class SyncResult:
    """How many files a sync wrote, left alone and removed, and which it wrote or removed."""

    written: int
    unchanged: int
    removed: int
    changed: tuple[str, ...] = ()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fixed temporary name beside the file is enough: one build stages at a time.
    temporary = path.with_name(f".tmp-{path.name}")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def sync_tree(target: Path, files: dict[str, bytes], manifest: Path | None = None) -> SyncResult:
    """Make ``target`` hold exactly ``files`` (relative POSIX path → bytes).

    With ``manifest``, unchanged files are recognized from what it recorded
    (see the module's description) and it is brought up to date.
    """
    known = _read_manifest(manifest) if manifest is not None else {}
    started_ns = time.time_ns()
    recorded: dict[str, list[Any]] = {}
    unchanged = 0
    written: list[str] = []
    for relative, data in sorted(files.items()):
        path = target / relative
        digest = hashlib.blake2b(data, digest_size=16).hexdigest() if manifest is not None else ""
        entry = known.get(relative)
        if entry is not None and entry[-1] == digest and _unchanged_since(entry, path):
            unchanged += 1
            recorded[relative] = entry
            continue
        if write_if_changed(path, data):
            written.append(relative)
        else:
            unchanged += 1
        if manifest is not None:
            with contextlib.suppress(OSError):
                status = path.stat()
                recorded[relative] = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, digest]
    removed = _remove_others(target, files)
    if manifest is not None:
        _write_manifest(manifest, recorded, started_ns)
    return SyncResult(len(written), unchanged, len(removed), (*written, *removed))


def _remove_others(target: Path, files: dict[str, bytes]) -> list[str]:
    """Delete files below ``target`` that ``files`` does not name, and folders left empty; return the files'."""
    removed: list[str] = []
    if target.exists():
        for directory, _subdirs, names in os.walk(target, topdown=False):
            here = Path(directory)
            for name in names:
                relative = (here / name).relative_to(target).as_posix()
                if relative not in files:
                    (here / name).unlink()
                    removed.append(relative)
            if here != target and not any(here.iterdir()):
                here.rmdir()
    return removed


def _unchanged_since(entry: list[Any], path: Path) -> bool:
    """Whether ``path`` is still the very file, untouched, that the manifest recorded."""
    try:
        status = path.stat()
    except OSError:
        return False
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino] == entry[:-1]


def _read_manifest(manifest: Path) -> dict[str, list[Any]]:
    """The trusted entries of a manifest, or none if it cannot be used."""
    try:
        saved = json.loads(manifest.read_bytes())
        if saved.get("version") != _MANIFEST_VERSION:
            return {}
        limit = int(saved["started_ns"]) - _RACY_NS
        return {
            relative: entry
            for relative, entry in saved["files"].items()
            if isinstance(entry, list) and len(entry) == _FIELDS and isinstance(entry[1], int) and entry[1] < limit
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _write_manifest(manifest: Path, recorded: dict[str, list[Any]], started_ns: int) -> None:
    """Save the manifest in one step; one that cannot be saved only costs a slower next build."""
    data = json.dumps({"version": _MANIFEST_VERSION, "started_ns": started_ns, "files": recorded})
    with contextlib.suppress(OSError):
        write_if_changed(manifest, data.encode("utf-8"))


def read_tree(source: Path) -> dict[str, bytes]:
    """Every file below ``source`` as relative POSIX path → bytes (for copying assets)."""
    if not source.is_dir():
        return {}
    return {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
