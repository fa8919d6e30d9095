"""Shape the workshops into the documents a facilitator prints: guides, slides and participant sheets.

One context for ``workshops.html.jinja``, which lays every document out in one
WeasyPrint pass (see :mod:`playbook.handouts.packs`, which cuts it into files).
Each document is a ``Doc``: its file name, its title and what it shows. The
entries inside come from :class:`playbook.handouts.documents.PrintShaper`, so a
worksheet or an anti-pattern prints here as it does in the full handout; only
the answer keys of the 'spot the problem' exercises are new, and they go into
the facilitator guides alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.content.link import Ref
from playbook.content.model import AntiPattern, Debate, Worksheet, Workshop
from playbook.content.strings import fill
from playbook.handouts.documents import (
    Context,
    PrintShaper,
    css_string,
    expression,
    message_paragraphs,
    plain_paragraphs,
)
from playbook.handouts.qr import qr_data_uri
from playbook.render import workshops as plan

# The playbook's own handouts a workshop can ask copies of: their file and the strings key of their title.
HANDOUTS = {
    "cards": ("cards.pdf", "handout_cards"),
    "short": ("playbook-short.pdf", "handout_short"),
    "full": ("playbook.pdf", "handout_full"),
}


@dataclass(frozen=True)
class Doc:
    """One PDF cut from the shared layout: where it goes, its title, and its template context."""

    file: str
    kind: str
    title: str
    context: Context
    # For slides: the workshop they belong to and the pages they must fill, one a slide.
    ref: Ref | None = None
    pages: int | None = None


class WorkshopShaper:
    """Builds every workshop document of one playbook, in a stable order."""

    def __init__(self, shaper: PrintShaper, strings: dict[str, Any]) -> None:
        self.shaper = shaper
        self.playbook = shaper.playbook
        self.site = shaper.playbook.site
        self.t: dict[str, str] = {**shaper.t, **strings.get("workshops", {})}

    # Pieces ---------------------------------------------------------------------------

    def minutes(self, value: int) -> str:
        return fill(self.t["minutes"], minutes=value)

    def per(self, per: str, count: int, workshop: Workshop) -> str:
        key = f"per.{per}" if count == 1 else f"per.{per}_many"
        return fill(self.t[key], count=count, table=workshop.table_size)

    def facts(self, workshop: Workshop) -> list[dict[str, str]]:
        """Audience, length, group and start, as label and value."""
        start = fill(self.t["starts_at"], start=workshop.start) if workshop.start else self.t["relative_times"]
        return [
            {"label": self.t["for_whom"], "value": workshop.participants},
            {"label": self.t["duration"], "value": fill(self.t["minutes_long"], minutes=workshop.duration)},
            {
                "label": self.t["group_size"],
                "value": fill(self.t["group"], count=workshop.group_size, table=workshop.table_size),
            },
            {"label": self.t["starts"], "value": start},
        ]

    def way_back(self) -> Context:
        """The site's address and QR code when it has one; otherwise the playbook's title and version."""
        address = self.site.url
        return {
            "address": address,
            "qr": qr_data_uri(address) if address else None,
            "qr_alt": fill(self.t["qr_alt"], address=address or ""),
            "label": fill(self.t["open_page"], address=address) if address else None,
            "edition": f"{self.site.title} · {fill(self.t['version'], version=self.site.version)}",
        }

    def entry_title(self, entry_id: str) -> str:
        return self.playbook.get(self.playbook.ref_of(entry_id)).title

    def exercise_label(self, entry: AntiPattern) -> str:
        return fill(self.t["exercise_sheet"], number=plan.exercise_number(self.playbook, entry.id))

    def formula(self) -> Context | None:
        formula = self.playbook.formula
        if formula is None:
            return None
        return {
            "expression": expression(formula),
            "components": [{"label": c.label, "question": c.question} for c in formula.components],
        }

    # Participant sheets ---------------------------------------------------------------

    def worksheet_doc(self, entry: Worksheet) -> Doc:
        title = fill(self.t["worksheet_sheet"], title=entry.title)
        return Doc(plan.worksheet_file(entry.id), "worksheet", title, {"worksheet": self.shaper.worksheet(entry)})

    def exercise(self, entry: AntiPattern) -> Context:
        """The weak message alone, with nothing that names the anti-pattern."""
        number = plan.exercise_number(self.playbook, entry.id)
        return {
            "label": self.exercise_label(entry),
            "message": message_paragraphs(entry.rewrite.weak),
            "number": number,
        }

    def exercise_doc(self, entry: AntiPattern) -> Doc:
        return Doc(
            plan.exercise_file(entry.id), "exercise", self.exercise_label(entry), {"exercise": self.exercise(entry)}
        )

    def debate(self, entry: Debate, *, take: bool) -> Context:
        return {
            "title": entry.title,
            "question": entry.question,
            "sides": [
                {
                    "label": fill(self.t["side"], number=number),
                    "position": side.position,
                    "reasoning": plain_paragraphs(side.reasoning),
                }
                for number, side in enumerate(entry.sides, 1)
            ],
            "take": plain_paragraphs(entry.take) if take else [],
        }

    def debates_doc(self, file: str, title: str, heading: str, debates: list[Debate]) -> Doc:
        """The debates with both sides and without the take; ``heading`` is what the sheet's title reads."""
        context = {"heading": heading, "debates": [self.debate(d, take=False) for d in debates]}
        return Doc(file, "debates", title, context)

    # The facilitator guide ------------------------------------------------------------

    def answer_key(self, workshop: Workshop, entry: AntiPattern) -> Context:
        """What the exercise's message gets wrong and a better one: the anti-pattern as the handout prints it."""
        shown = self.shaper.anti_pattern(entry)
        return {
            "label": fill(self.t["answer_key"], number=plan.exercise_number(self.playbook, entry.id)),
            "problem": entry.title,
            "summary": entry.summary,
            "signs": shown["signs"],
            "why_it_fails": shown["why_it_fails"],
            "rewrite": shown["rewrite"],
            "instead": [p.title for p in self.playbook.linked(Ref("anti-pattern", entry.id), "principle")],
            "anchor": key_anchor(workshop, entry),
        }

    def segment(self, workshop: Workshop, slot: plan.Slot) -> Context:
        s = slot.segment
        exercises = [e for e in plan.exercises(workshop, self.playbook) if e.id in s.exercises]
        return {
            "anchor": slot.anchor,
            "title": s.title,
            "clock": slot.clock,
            "minutes": self.minutes(s.minutes),
            "does": plain_paragraphs(s.does),
            "says": plain_paragraphs(s.says),
            "notes": plain_paragraphs(s.notes),
            "produces": s.produces,
            "slide": list(s.slide),
            "formula": s.formula,
            "entries": [self.entry_title(i) for i in s.entries if self.playbook.has(i)],
            "worksheets": [
                {"title": w.title, "file": plan.worksheet_file(w.id)}
                for w in plan.worksheets(workshop, self.playbook)
                if w.id in s.worksheets
            ],
            "exercises": [{"title": self.exercise_label(e), "anchor": key_anchor(workshop, e)} for e in exercises],
            "debates": [self.entry_title(i) for i in s.debates if self.playbook.has(i)],
        }

    def print_list(self, workshop: Workshop) -> list[Context]:
        titles = {name: (file, self.t[key]) for name, (file, key) in HANDOUTS.items()}
        lines = []
        for line in plan.print_list(workshop, self.playbook, titles):
            if line.file.startswith(plan.EXERCISES_FOLDER):
                title = fill(self.t["exercise_sheet"], number=line.title)
            elif line.file == plan.debates_file(workshop):
                title = self.t["debates_sheet"]
            else:
                title = line.title
            lines.append(
                {
                    "copies": fill(self.t["print_copies"], copies=line.copies),
                    "title": title,
                    "file": line.file,
                    "per": self.per(line.per, line.each, workshop),
                }
            )
        return lines

    def materials(self, workshop: Workshop) -> list[Context]:
        return [
            {
                "item": m.item,
                "count": plan.units(workshop, m.per) * m.count,
                "per": self.per(m.per, m.count, workshop),
            }
            for m in workshop.materials
        ]

    def guide(self, workshop: Workshop) -> Doc:
        slots = plan.timeline(workshop)
        context = {
            "workshop": {
                "title": workshop.title,
                "summary": workshop.summary,
                "facts": self.facts(workshop),
                "preparation": list(workshop.preparation),
                "agenda": [
                    {
                        "clock": slot.clock,
                        "title": slot.segment.title,
                        "minutes": self.minutes(slot.segment.minutes),
                        "produces": slot.segment.produces or "",
                        "anchor": slot.anchor,
                    }
                    for slot in slots
                ],
                "segments": [self.segment(workshop, slot) for slot in slots],
                "print_list": self.print_list(workshop),
                "materials": self.materials(workshop),
                "answer_keys": [self.answer_key(workshop, e) for e in plan.exercises(workshop, self.playbook)],
                "debates": [self.debate(d, take=True) for d in plan.debates(workshop, self.playbook)],
                "formula": self.formula() if any(s.formula for s in workshop.agenda) else None,
                "total": fill(self.t["minutes_long"], minutes=workshop.duration),
            }
        }
        title = f"{workshop.title}: {self.t['guide']}"
        return Doc(plan.guide_file(workshop), "guide", title, context)

    def slides(self, workshop: Workshop) -> Doc:
        """One slide per segment; the formula's after the segment that uses it, each exercise's after its segment."""
        slides: list[Context] = []
        formula = self.formula()
        for slot in plan.timeline(workshop):
            s = slot.segment
            slides.append(
                {
                    "kind": "segment",
                    "title": s.title,
                    "clock": slot.clock,
                    "minutes": fill(self.t["minutes_long"], minutes=s.minutes),
                    "points": list(s.slide),
                    "produces": s.produces,
                }
            )
            if s.formula and formula is not None:
                slides.append({"kind": "formula", **formula})
            slides += [
                {"kind": "exercise", **self.exercise(e)}
                for e in plan.exercises(workshop, self.playbook)
                if e.id in s.exercises
            ]
        context = {
            "workshop": {"title": workshop.title, "summary": workshop.summary, "facts": self.facts(workshop)},
            "slides": slides,
        }
        title = f"{workshop.title}: {self.t['slides']}"
        return Doc(plan.slides_file(workshop), "slides", title, context, Ref("workshop", workshop.id), len(slides) + 1)

    # Everything -----------------------------------------------------------------------

    def docs(self) -> list[Doc]:
        """Every workshop document: per workshop its guide, slides and debates sheet; every worksheet and
        exercise sheet; the sheet of all debates."""
        p = self.playbook
        found: list[Doc] = []
        for workshop in p.of_kind("workshop"):
            found += [self.guide(workshop), self.slides(workshop)]
            used = plan.debates(workshop, p)
            if used:
                title = f"{workshop.title}: {self.t['debates_sheet']}"
                found.append(self.debates_doc(plan.debates_file(workshop), title, workshop.title, used))
        found += [self.worksheet_doc(w) for w in p.of_kind("worksheet")]
        found += [self.exercise_doc(a) for a in p.of_kind("anti-pattern")]
        if p.of_kind("debate"):
            title = self.t["all_debates"]
            found.append(self.debates_doc(plan.DEBATES_FILE, title, title, p.of_kind("debate")))
        return found

    def bundle(self, docs: list[Doc]) -> Context:
        """Context of ``workshops.html.jinja``: every document, each opening with an anchor the cutter finds."""
        way_back = self.way_back()
        return {
            "t": self.t,
            "doc": self.shaper.document(self.site.title),
            "site": {"title": self.site.title, "organization": self.site.organization},
            "way_back": way_back,
            "footer": css_string(way_back["address"] or way_back["edition"]),
            "docs": [{"id": doc_anchor(i), "kind": d.kind, "title": d.title, **d.context} for i, d in enumerate(docs)],
        }


def doc_anchor(index: int) -> str:
    """The id of the element that opens document ``index`` in the shared layout."""
    return f"pbdoc-{index}"


def key_anchor(workshop: Workshop, entry: AntiPattern) -> str:
    """The id of an exercise's answer key in a workshop's guide (unique in the shared layout)."""
    return f"key-{workshop.id}-{entry.id}"
