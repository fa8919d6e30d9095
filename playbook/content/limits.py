"""The playbook's numbers, written once in content/limits.yml, put wherever the content names them.

Text in any entry writes a limit as ``[[limit:name]]``; a checker rule names one
under ``match.limit``. After linking, :func:`apply_limits` replaces each token
with the number and gives each such rule its ``max``, so pages, handouts,
templates, the checker and the tests all read the same figure. A name that is
not a limit is reported where it is written.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from pydantic import BaseModel

from playbook.content.link import Playbook, Ref
from playbook.content.load import Document, Position
from playbook.content.model import CheckerRule, Limits
from playbook.problems import Problem

TOKEN = re.compile(r"\[\[limit:([a-z_]*)\]\]")
LIMITS_FILE = "content/limits.yml"


def limit_names() -> tuple[str, ...]:
    """The names a token or a rule may use."""
    return tuple(name for name in Limits.model_fields if name != "sources")


def apply_limits(playbook: Playbook) -> tuple[Playbook, list[Problem]]:
    """The playbook with every limit token and rule limit replaced by its number, or the problems found."""
    problems: list[Problem] = []
    names = limit_names()
    entries: dict[str, dict[str, Any]] = {}
    for kind, table in playbook.entries.items():
        entries[kind] = {}
        for entry_id, entry in table.items():
            origin = playbook.origins.get(Ref(kind, entry_id))
            path = origin.path if origin is not None else f"content/{kind}/{entry_id}.yml"
            unknown = sorted({m.group(1) for m in TOKEN.finditer(_all_text(entry))} - set(names))
            for name in unknown:
                token = f"[[limit:{name}]]"
                # The token was written in the upstream file or in a fork's override of the entry.
                written = [d for d in ((*origin.overlays, origin.document) if origin else ()) if token in d.text]
                document = written[0] if written else (origin.document if origin else None)
                problems.append(_problem(document, document.path if document else path, token, name, names))
            if unknown:
                continue
            if playbook.limits is None and TOKEN.search(_all_text(entry)):
                problems.append(_missing(path))
                continue
            value = _replaced(entry, playbook.limits) if playbook.limits is not None else entry
            if isinstance(value, CheckerRule) and value.match.limit is not None:
                if playbook.limits is None:
                    problems.append(_missing(path))
                    continue
                match = value.match.model_copy(update={"max": playbook.limits.value(value.match.limit)})
                value = value.model_copy(update={"match": match})
            entries[kind][entry_id] = value
    if problems:
        return playbook, problems
    return dataclasses.replace(playbook, entries=entries), []


def fill(text: str, limits: Limits) -> str:
    """Text with each ``[[limit:name]]`` replaced by the number (names are checked by :func:`apply_limits`)."""
    return TOKEN.sub(lambda m: str(limits.value(m.group(1))), text)


def _replaced(value: Any, limits: Limits) -> Any:
    """A value with limit tokens filled in every string inside it; unchanged values are returned as they are."""
    if isinstance(value, str):
        return fill(value, limits) if "[[limit:" in value else value
    if isinstance(value, tuple):
        items = tuple(_replaced(item, limits) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {key: _replaced(item, limits) for key, item in value.items()}
        return value if all(pairs[k] is value[k] for k in value) else pairs
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _replaced(old, limits)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    return value


def _all_text(value: Any) -> str:
    """Every string inside a value, joined, to look for tokens."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return "\n".join(_all_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_all_text(item) for item in value.values())
    if isinstance(value, BaseModel):
        return "\n".join(_all_text(getattr(value, name)) for name in type(value).model_fields)
    return ""


def _problem(document: Document | None, path: str, token: str, name: str, names: tuple[str, ...]) -> Problem:
    position = _position(document, token)
    return Problem(
        path,
        position.line,
        position.column,
        "",
        f"{token} names no limit",
        f"use one of {', '.join(names)} (see {LIMITS_FILE})",
    )


def _missing(path: str) -> Problem:
    return Problem(
        path, 1, 1, "", f"a limit is used but {LIMITS_FILE} is missing", f"create {LIMITS_FILE} with the limits"
    )


def _position(document: Document | None, needle: str) -> Position:
    if document is None or not document.text:
        return Position(1, 1)
    index = document.text.find(needle)
    if index < 0:
        return Position(1, 1)
    line = document.text.count("\n", 0, index) + 1
    return Position(line, index - (document.text.rfind("\n", 0, index) + 1) + 1)
