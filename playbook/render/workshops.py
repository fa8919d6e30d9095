"""What a workshop amounts to, for its page, its facilitator guide and its slides alike.

Pure functions from a workshop and the playbook: the clock time of each
segment, the copies to print for the stated group, the materials counted, and
the names of the PDFs the build makes for it (the site links them, the pdf
stage writes them). Each medium escapes and lays out these values itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playbook.content.link import Playbook
from playbook.content.model import AntiPattern, Debate, Per, Segment, Worksheet, Workshop

# Where the workshop documents go, inside the site's handouts folder.
WORKSHOPS_FOLDER = "workshops"
SHEETS_FOLDER = "sheets"
EXERCISES_FOLDER = "exercises"
DEBATES_FILE = "debates.pdf"


@dataclass(frozen=True)
class Slot:
    """A segment with its place in time: minutes from the start, and the clock reading if the start is given."""

    segment: Segment
    index: int
    start: int
    end: int
    clock: str

    @property
    def anchor(self) -> str:
        return f"segment-{self.index}"


def clock(start: str | None, minutes: int) -> str:
    """A time ``minutes`` after ``start`` (HH:MM), or ``+H:MM`` from the start when no start is given."""
    if start is None:
        return f"+{minutes // 60}:{minutes % 60:02d}"
    hours, mins = (int(part) for part in start.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def timeline(workshop: Workshop) -> list[Slot]:
    """Every segment with its start and end, in minutes and as clock times ``10:00–10:08``."""
    slots = []
    elapsed = 0
    for index, segment in enumerate(workshop.agenda, 1):
        end = elapsed + segment.minutes
        shown = f"{clock(workshop.start, elapsed)}–{clock(workshop.start, end)}"
        slots.append(Slot(segment, index, elapsed, end, shown))
        elapsed = end
    return slots


def units(workshop: Workshop, per: Per) -> int:
    """How many participants, pairs, tables or rooms the stated group makes."""
    if per == "participant":
        return workshop.group_size
    if per == "pair":
        return math.ceil(workshop.group_size / 2)
    if per == "table":
        return math.ceil(workshop.group_size / workshop.table_size)
    return 1


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def used(workshop: Workshop, field: str, playbook: Playbook) -> list[str]:
    """Ids a workshop's segments name under ``field``, in the order they first come, hidden entries left out."""
    return [i for i in _unique([i for s in workshop.agenda for i in getattr(s, field)]) if playbook.has(i)]


def worksheets(workshop: Workshop, playbook: Playbook) -> list[Worksheet]:
    table = playbook.entries.get("worksheet", {})
    return [w for i in used(workshop, "worksheets", playbook) if isinstance(w := table[i], Worksheet)]


def exercises(workshop: Workshop, playbook: Playbook) -> list[AntiPattern]:
    table = playbook.entries.get("anti-pattern", {})
    return [a for i in used(workshop, "exercises", playbook) if isinstance(a := table[i], AntiPattern)]


def debates(workshop: Workshop, playbook: Playbook) -> list[Debate]:
    table = playbook.entries.get("debate", {})
    return [d for i in used(workshop, "debates", playbook) if isinstance(d := table[i], Debate)]


def exercise_number(playbook: Playbook, entry_id: str) -> int:
    """The number of an anti-pattern's 'spot the problem' sheet: its place among all of them, by title.

    A sheet carries a number, not the anti-pattern's name, which would give the answer away.
    """
    return [a.id for a in playbook.of_kind("anti-pattern")].index(entry_id) + 1


# File names, relative to the site's handouts folder -----------------------------------


def guide_file(workshop: Workshop) -> str:
    return f"{WORKSHOPS_FOLDER}/{workshop.id}-guide.pdf"


def slides_file(workshop: Workshop) -> str:
    return f"{WORKSHOPS_FOLDER}/{workshop.id}-slides.pdf"


def debates_file(workshop: Workshop) -> str:
    return f"{WORKSHOPS_FOLDER}/{workshop.id}-debates.pdf"


def worksheet_file(worksheet_id: str) -> str:
    return f"{SHEETS_FOLDER}/{worksheet_id}.pdf"


def exercise_file(entry_id: str) -> str:
    return f"{EXERCISES_FOLDER}/{entry_id}.pdf"


@dataclass(frozen=True)
class Copies:
    """One line of a print list: a document, how many copies, and what they are counted for."""

    file: str
    title: str
    copies: int
    per: Per
    each: int


def print_list(workshop: Workshop, playbook: Playbook, handout_titles: dict[str, tuple[str, str]]) -> list[Copies]:
    """What to print for the stated group: each worksheet once per participant, each exercise sheet and
    the debates sheet once per table, then the playbook's handouts the workshop asks for.

    ``handout_titles`` maps a handout (cards, short, full) to its file name and title.
    """
    lines = [
        Copies(worksheet_file(w.id), w.title, workshop.group_size, "participant", 1)
        for w in worksheets(workshop, playbook)
    ]
    tables = units(workshop, "table")
    lines += [
        Copies(exercise_file(a.id), str(exercise_number(playbook, a.id)), tables, "table", 1)
        for a in exercises(workshop, playbook)
    ]
    if debates(workshop, playbook):
        lines.append(Copies(debates_file(workshop), "", tables, "table", 1))
    for item in workshop.handouts:
        file, title = handout_titles[item.handout]
        lines.append(Copies(file, title, units(workshop, item.per) * item.count, item.per, item.count))
    return lines
