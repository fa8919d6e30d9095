"""How much room the site settings take in a laid-out print document, and who to blame when a page runs over.

The print templates mark each value that comes from the site settings
(``content/site.yml`` or a fork's ``content/local/branding.yml``) with a
``data-setting`` attribute naming its key, for example
``data-setting="organization"`` or ``data-setting="contact.address"``. After
layout, :func:`measure` counts the lines and characters each one takes. A
document that runs over its page budget asks :func:`over_budget` which
settings take more lines than the room the document gives them, and reports
those at the line of the settings file that wrote them, with the number of
characters that would fit: an editor shortens a setting, not a template.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from playbook.content.link import Playbook, Ref
from playbook.handouts.boxes import attribute, descendants
from playbook.problems import Problem

ATTRIBUTE = "data-setting"
SITE = Ref("site", "site")


@dataclass(frozen=True)
class Measure:
    """One setting as laid out: the lines it takes, its characters, and the most characters on one of its lines."""

    setting: str
    lines: int
    characters: int
    per_line: int


@dataclass(frozen=True)
class Room:
    """The lines a document gives each setting it shows, and how the editor would name the place."""

    where: str
    lines: Mapping[str, int]


def measure(pages: Iterable[Any]) -> dict[str, Measure]:
    """The widest occurrence (most lines) of each marked setting on ``pages`` (WeasyPrint pages)."""
    lines: dict[tuple[str, int], set[int]] = {}
    characters: dict[tuple[str, int], dict[int, int]] = {}
    for page in pages:
        for key, line, text in _texts(page._page_box, None, None):
            lines.setdefault(key, set()).add(line)
            counts = characters.setdefault(key, {})
            counts[line] = counts.get(line, 0) + len(text)
    found: dict[str, Measure] = {}
    for key, taken in lines.items():
        counts = characters[key]
        shown = Measure(key[0], len(taken), sum(counts.values()), max(counts.values()))
        if key[0] not in found or shown.lines > found[key[0]].lines:
            found[key[0]] = shown
    return found


def _texts(box: Any, setting: tuple[str, int] | None, line: int | None) -> Iterator[tuple[tuple[str, int], int, str]]:
    """(setting and the element marked with it, the line box, the text) for every run of text below ``box``."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    name = attribute(box, ATTRIBUTE)
    if name is not None:
        setting = (name, id(box.element))
    if isinstance(box, LineBox):
        line = id(box)
    if isinstance(box, TextBox) and setting is not None and line is not None and box.text.strip():
        yield setting, line, box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child, setting, line)


def holds(page: Any, css_class: str) -> bool:
    """Whether a laid-out page holds (part of) an element of ``css_class``: how a block that ran over is found."""
    return any(css_class in (attribute(box, "class") or "").split() for box in descendants(page._page_box))


def over_budget(playbook: Playbook, measures: Mapping[str, Measure], room: Room, consequence: str) -> list[Problem]:
    """A problem, at the settings file's line, for each setting that takes more lines than ``room`` gives it."""
    origin = playbook.origins[SITE]
    problems = []
    for setting, allowed in room.lines.items():
        taken = measures.get(setting)
        if taken is None or taken.lines <= allowed:
            continue
        fits = allowed * taken.per_line
        # The value as written: the laid-out text drops the spaces where its lines break.
        value: Any = playbook.site
        for key in setting.split("."):
            value = getattr(value, key, None)
        written = len(value) if isinstance(value, str) else taken.characters
        problems.append(
            origin.problem(
                tuple(setting.split(".")),
                f"{setting} is {written} characters and takes {taken.lines} lines {room.where}, which has "
                f"room for {allowed} (about {fits} characters), so {consequence}",
                f"shorten {setting} to about {fits} characters",
            )
        )
    return problems
