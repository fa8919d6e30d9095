"""Interface strings and generated headings, in the site's language.

English lives in ``generators/strings/en/``; another language's folder holds
the same files with the same keys. A key a translation leaves out falls back
to English; a key English does not have is a typo and is reported.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from playbook.content.load import Document, not_reported_yet, read_mapping
from playbook.content.validate import problem_at
from playbook.problems import Problem

Strings = dict[str, dict[str, Any]]


def _read(root: Path, path: Path) -> tuple[Document | None, list[Problem]]:
    return read_mapping(
        path,
        path.relative_to(root).as_posix(),
        "write one 'key: text' a line",
        root=root,
        message="a strings file must be a mapping of keys to text",
    )


def _check(document: Document, base: dict[str, Any] | None, prefix: tuple[str, ...] = ()) -> list[Problem]:
    """Values are text (or groups of text); in a translation, keys exist in English."""
    problems = []
    data: Any = document.data
    for part in prefix:
        data = data[part]
    for key, value in data.items():
        path = (*prefix, key)
        if base is not None and key not in base:
            close = difflib.get_close_matches(key, list(base), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "remove it; English has no such string"
            problems.append(problem_at(document, path, f"unknown string key '{key}'", hint))
        elif isinstance(value, dict):
            problems.extend(_check(document, base.get(key) if base is not None else None, path))
        elif not isinstance(value, str):
            problems.append(problem_at(document, path, "expected text", "put the text in quotes"))
    return problems


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def load_strings(
    root: Path, generators_dir: Path, language: str, local_dir: Path | None = None
) -> tuple[Strings, list[Problem]]:
    """Every strings group (one file each) for ``language``, English filling gaps.

    A fork's ``content/local/strings/<group>.yml`` replaces single strings last.
    """
    strings: Strings = {}
    problems: list[Problem] = []
    english_dir = generators_dir / "strings" / "en"
    for path in sorted(english_dir.glob("*.yml")):
        document, found = _read(root, path)
        problems.extend(found)
        if document is not None:
            problems.extend(not_reported_yet((document,), _check(document, None)))
            strings[path.stem] = dict(document.data)
    folders = [generators_dir / "strings" / language] if language != "en" else []
    if local_dir is not None:
        folders.append(local_dir)
    for folder in folders:
        for path in sorted(folder.glob("*.yml")):
            document, found = _read(root, path)
            problems.extend(found)
            if document is None:
                continue
            base = strings.get(path.stem, {})
            problems.extend(not_reported_yet((document,), _check(document, base)))
            strings[path.stem] = _merge(base, document.data)
    return strings, problems


def languages(generators_dir: Path) -> list[str]:
    """The languages a site can be in: those with a folder of strings in ``generators/strings/``."""
    return sorted(path.name for path in (generators_dir / "strings").iterdir() if path.is_dir())


def translation_languages(generators_dir: Path) -> tuple[str, ...]:
    """The languages content can be translated into: every supported language but English, the source."""
    folder = generators_dir / "strings"
    if not folder.is_dir():
        return ()
    return tuple(language for language in languages(generators_dir) if language != "en")


def fill(template: str, **values: object) -> str:
    """Replace ``{name}`` in a string with values."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template
