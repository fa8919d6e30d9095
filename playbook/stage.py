"""Stage *stage*: write the generated MkDocs project, touching only files whose bytes changed.

``mkdocs serve`` watches the staged folder; rewriting unchanged files would
make it rebuild in a loop, so a file is written only when its bytes differ,
and each write replaces the file in one step so no reader sees half of it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SyncResult:
    """How many files a sync wrote, left alone and removed."""

    written: int
    unchanged: int
    removed: int


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


def sync_tree(target: Path, files: dict[str, bytes]) -> SyncResult:
    """Make ``target`` hold exactly ``files`` (relative POSIX path → bytes)."""
    written = unchanged = removed = 0
    for relative, data in sorted(files.items()):
        if write_if_changed(target / relative, data):
            written += 1
        else:
            unchanged += 1
    if target.exists():
        for directory, _subdirs, names in os.walk(target, topdown=False):
            here = Path(directory)
            for name in names:
                relative = (here / name).relative_to(target).as_posix()
                if relative not in files:
                    (here / name).unlink()
                    removed += 1
            if here != target and not any(here.iterdir()):
                here.rmdir()
    return SyncResult(written, unchanged, removed)


def read_tree(source: Path) -> dict[str, bytes]:
    """Every file below ``source`` as relative POSIX path → bytes (for copying assets)."""
    if not source.is_dir():
        return {}
    return {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
