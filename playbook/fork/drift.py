"""Which upstream entries changed since the fork last reviewed its overrides of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playbook.content.collect import LOCAL_FOLDER
from playbook.content.kinds import KINDS
from playbook.fork.overlay import fingerprint

_REVIEWED = re.compile(r"(?m)^reviewed:.*$")
_ID = re.compile(r"(?m)^id:\s*['\"]?([a-z0-9-]+)['\"]?\s*$")


@dataclass(frozen=True)
class Drift:
    """One override and the state of the upstream entry it changes."""

    override: Path
    upstream: Path | None
    reviewed: str | None
    current: str | None

    @property
    def changed(self) -> bool:
        return self.upstream is not None and self.reviewed != self.current


def _upstream_file(content_dir: Path, entry_id: str) -> Path | None:
    for kind in KINDS.values():
        for suffix in (".yml", ".yaml"):
            candidate = content_dir / kind.folder / f"{entry_id}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def drift(content_dir: Path) -> list[Drift]:
    """Every override in the overlay with its recorded and current upstream fingerprints."""
    found = []
    for path in sorted((content_dir / LOCAL_FOLDER / "overrides").glob("*.yml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        named = _ID.search(text)
        reviewed = _REVIEWED.search(text)
        upstream = _upstream_file(content_dir, named.group(1) if named else path.stem)
        recorded = reviewed.group(0).split(":", 1)[1].strip().strip("'\"") if reviewed else None
        found.append(Drift(path, upstream, recorded or None, fingerprint(upstream) if upstream else None))
    return found


def mark_reviewed(item: Drift) -> None:
    """Record the current upstream fingerprint in the override file, changing only that line."""
    assert item.current is not None
    write_reviewed(item.override, item.current)


def write_reviewed(path: Path, fingerprint: str, after: str | None = None) -> None:
    """Set the ``reviewed:`` line of a file to ``fingerprint``, keeping every other line and comment.

    A file without the line gets it after the line starting with ``after`` (``translation_of:``),
    else at its end.
    """
    text = path.read_text(encoding="utf-8")
    line = f"reviewed: {fingerprint}"
    if _REVIEWED.search(text):
        text = _REVIEWED.sub(line, text, count=1)
    elif after is not None and re.search(rf"(?m)^{re.escape(after)}.*$", text):
        text = re.sub(rf"(?m)^({re.escape(after)}.*)$", lambda m: f"{m.group(1)}\n{line}", text, count=1)
    else:
        text = text.rstrip("\n") + f"\n{line}\n"
    scratch = path.with_name(f".tmp-{path.name}")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)
