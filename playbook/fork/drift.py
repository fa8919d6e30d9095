"""Which upstream entries changed since the fork last reviewed its overrides of them, and how, in words.

``playbook drift --mark-reviewed`` records the upstream file's fingerprint in
the override and keeps a copy of the file as reviewed in
``content/local/overrides/.reviewed/`` (a dot folder, which the playbook does not
read as content). The next drift compares the upstream file with that copy
field by field, so an editor sees what changed without git.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playbook.content.collect import LOCAL_FOLDER
from playbook.content.kinds import KINDS
from playbook.content.load import load_document
from playbook.fork.overlay import fingerprint

REVIEWED_COPIES = ".reviewed"
# Longer values are cut in the report; the files hold them whole.
_SHOWN = 90

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
    folder = content_dir / LOCAL_FOLDER / "overrides"
    # The overlay applies .yaml overrides as it does .yml ones; each is checked for drift alike.
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        named = _ID.search(text)
        reviewed = _REVIEWED.search(text)
        upstream = _upstream_file(content_dir, named.group(1) if named else path.stem)
        recorded = reviewed.group(0).split(":", 1)[1].strip().strip("'\"") if reviewed else None
        found.append(Drift(path, upstream, recorded or None, fingerprint(upstream) if upstream else None))
    return found


def reviewed_copy(item: Drift) -> Path:
    """Where the copy of the upstream file as last reviewed is kept."""
    return item.override.parent / REVIEWED_COPIES / item.override.name


def mark_reviewed(item: Drift) -> None:
    """Record the current upstream fingerprint in the override file, and keep a copy of the upstream file."""
    assert item.current is not None and item.upstream is not None
    copy = reviewed_copy(item)
    copy.parent.mkdir(exist_ok=True)
    scratch = copy.with_name(f".tmp-{copy.name}")
    scratch.write_bytes(item.upstream.read_bytes())
    scratch.replace(copy)
    write_reviewed(item.override, item.current)


@dataclass(frozen=True)
class FieldChange:
    """One top-level field of the upstream entry, as reviewed and as it is now (None: not there)."""

    field: str
    old: Any
    new: Any
    overridden: bool


def changes(item: Drift) -> list[FieldChange] | None:
    """The fields that differ between the reviewed copy and the upstream file, or None without a usable copy."""
    copy = reviewed_copy(item)
    if item.upstream is None or not copy.is_file() or fingerprint(copy) != item.reviewed:
        return None
    old, new, mine = (_data(path) for path in (copy, item.upstream, item.override))
    if old is None or new is None:
        return None
    overridden = set(mine or {}) - {"id", "reviewed"}
    return [
        FieldChange(key, old.get(key), new.get(key), key in overridden)
        for key in sorted(set(old) | set(new), key=lambda k: (list(new).index(k) if k in new else len(new), k))
        if old.get(key) != new.get(key)
    ]


def _data(path: Path) -> dict[str, Any] | None:
    document, _problems = load_document(path.name, path.read_bytes())
    return document.data if document is not None and isinstance(document.data, dict) else None


def shown(value: Any) -> str:
    """A value as one short line of the report."""
    if value is None:
        return "(not set)"
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(str(text).split())
    return f"'{text}'" if len(text) <= _SHOWN else f"'{text[: _SHOWN - 1]}…'"


def described(change: FieldChange) -> str:
    """One field's change in words."""
    yours = " (you override this field: check that your value still fits)" if change.overridden else ""
    if change.old is None:
        return f"{change.field}: added, now {shown(change.new)}{yours}"
    if change.new is None:
        return f"{change.field}: removed, was {shown(change.old)}{yours}"
    return f"{change.field}: was {shown(change.old)}, now {shown(change.new)}{yours}"


def write_reviewed(path: Path, fingerprint: str, after: str | None = None) -> None:
    """Set the ``reviewed:`` line of a file to ``fingerprint``, keeping every other line and comment.

    A file without the line gets it after the line starting with ``after`` (``translation_of:``),
    else at its end.
    """
    text = path.read_text(encoding="utf-8")
    # Quoted: a fingerprint such as 684570e52392 or 1234567890 would otherwise read as a number.
    line = f'reviewed: "{fingerprint}"'
    if _REVIEWED.search(text):
        text = _REVIEWED.sub(line, text, count=1)
    elif after is not None and re.search(rf"(?m)^{re.escape(after)}.*$", text):
        text = re.sub(rf"(?m)^({re.escape(after)}.*)$", lambda m: f"{m.group(1)}\n{line}", text, count=1)
    else:
        text = text.rstrip("\n") + f"\n{line}\n"
    scratch = path.with_name(f".tmp-{path.name}")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)
