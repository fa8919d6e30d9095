"""How the files of one entry stack up: upstream, a fork's override, a translation.

An override replaces whole top-level fields; a translation (``<id>.<language>.yml``)
replaces text deep inside them, mapping key by key and list item by item, so the
Spanish file holds only the words and the English keeps every id, tag and number.
Each value is reported in the file that wrote it last.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from playbook.content.load import Document, Path

# Keys of an override or a translation that are about the file itself, not fields of the entry.
OVERRIDE_KEYS = frozenset({"id", "reviewed"})
TRANSLATION_KEYS = frozenset({"translation_of", "reviewed"})
# A translation sits beside its English file with the language before the suffix: give-first.es.yml.
TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<language>[a-z]{2})$")


def translation_of(path: str | PurePosixPath | Any) -> tuple[str, str] | None:
    """The English file's stem and the language, when ``path`` names a translation (``give-first.es.yml``)."""
    match = TRANSLATION_NAME.match(PurePosixPath(str(path)).stem)
    return (match["stem"], match["language"]) if match else None


def is_translation(document: Document) -> bool:
    """Whether a document is a translation, which merges into the entry deeply."""
    return translation_of(document.path) is not None


def deep_merge(base: Any, extra: Any) -> Any:
    """``extra`` laid over ``base``: mappings key by key, lists of the same length item by item."""
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{key: deep_merge(base.get(key), value) for key, value in extra.items()}}
    if isinstance(base, (list, tuple)) and isinstance(extra, (list, tuple)) and len(base) == len(extra):
        return tuple(deep_merge(old, new) for old, new in zip(base, extra, strict=True))
    return extra


def merged(document: Document, overlays: tuple[Document, ...]) -> Any:
    """The entry's data: overrides replace top-level fields, translations replace text inside them."""
    data = dict(document.data)
    for overlay in overlays:
        if is_translation(overlay):
            data = deep_merge(data, {k: v for k, v in overlay.data.items() if k not in TRANSLATION_KEYS})
        else:
            data.update({k: v for k, v in overlay.data.items() if k not in OVERRIDE_KEYS})
    return data


def _writes(overlay: Document, path: Path) -> bool:
    if not path:
        return False
    if not is_translation(overlay):
        return path[0] in overlay.data and path[0] not in OVERRIDE_KEYS
    if path[0] in TRANSLATION_KEYS:
        return False
    node: Any = overlay.data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, (list, tuple)) and isinstance(part, int) and 0 <= part < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def layer_for(document: Document, overlays: tuple[Document, ...], path: Path) -> Document:
    """The file where the value at ``path`` was written last."""
    for overlay in reversed(overlays):
        if _writes(overlay, path):
            return overlay
    return document
