"""Shape the resolved playbook into what the print templates show.

Pure functions from the playbook and its strings to template contexts. The
print templates render with autoescape on, so text from content stays plain
here; the few values that land inside a ``<style>`` element are CSS-escaped
and marked safe. Cross-references are links within the document; the
contents page gets its page numbers from WeasyPrint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from playbook.content.contrast import WHITE, ratio
from playbook.content.kinds import KINDS
from playbook.content.link import Playbook, Ref
from playbook.content.model import (
    AntiPattern,
    Formula,
    MessageTemplate,
    Principle,
    Site,
    Worksheet,
    WorksheetField,
)
from playbook.content.strings import Strings, fill
from playbook.handouts.cards import CARD_HEIGHT, CARD_WIDTH, crop_marks, grid_for, sheets
from playbook.handouts.qr import qr_data_uri
from playbook.render import entries

Context = dict[str, Any]

PAPER = {"a4": "A4", "letter": "letter"}
# Anti-patterns on the short handout: the ones most principles answer come first.
TOP_ANTI_PATTERNS = 5
# Blank rows on the printed formula worksheet, one person each.
FORMULA_ROWS = 8
# Headings fall back to near-black when the brand color is too light to read in print.
MIN_CONTRAST = 4.5
FALLBACK_INK = "#1a1a1a"


def contact_lines(site: Site) -> list[Context]:
    """The organization's e-mail, phone and address, in that order, as set: each {setting, text}."""
    contact = site.contact
    if contact is None:
        return []
    address = ", ".join(contact.address_lines) or None
    values = {"email": contact.email, "phone": contact.phone, "address": address}
    return [
        {"setting": f"contact.{key}", "text": value, "lines": contact.address_lines if key == "address" else (value,)}
        for key, value in values.items()
        if value
    ]


@dataclass(frozen=True)
class Print:
    """What every print document needs besides the playbook: its strings and the build moment."""

    strings: Strings
    epoch: int
    logo_url: str | None = None


# Text ---------------------------------------------------------------------------


def plain_paragraphs(text: str | None) -> list[str]:
    """Paragraphs of plain text (split on blank lines), each on one line."""
    if not text:
        return []
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


def message_paragraphs(text: str) -> list[list[str]]:
    """A message as paragraphs of lines, so its line breaks print as written."""
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return [[line.strip() for line in block.splitlines() if line.strip()] for block in blocks]


def css_string(text: str) -> Markup:
    """Text as a double-quoted CSS string, safe inside a ``<style>`` element."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;!?()-_/'@&+*%#=~" else f"\\{ord(ch):x} " for ch in text.replace("\n", " ")
    )
    return Markup(f'"{escaped}"')


def css_content(template: str, **counters: str) -> Markup:
    """A strings template such as ``Page {page} of {pages}`` as a CSS ``content`` value.

    Each ``{name}`` becomes the CSS expression given for it (``counter(page)``);
    the text around it becomes CSS strings, so a translation can reorder them.
    """
    parts: list[str] = []
    for piece in re.split(r"(\{[a-z_]+\})", template):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if name is not None and name in counters:
            parts.append(counters[name])
        elif piece:
            parts.append(str(css_string(piece)))
    return Markup(" ".join(parts) or '""')


def print_ink(color: str) -> str:
    """The brand color if it reads on white paper (and so in grayscale), else near-black."""
    return color if ratio(color, WHITE) >= MIN_CONTRAST else FALLBACK_INK


# Whole documents ----------------------------------------------------------------


class PrintShaper:
    """Builds the contexts of the full handout, the short handout and the card deck."""

    def __init__(self, playbook: Playbook, setup: Print) -> None:
        self.playbook = playbook
        self.site = playbook.site
        self.setup = setup
        self.pages = setup.strings.get("pages", {})
        self.t: dict[str, str] = {**self.pages, **setup.strings.get("print", {})}

    # Pieces shared by every document --------------------------------------------

    def address(self) -> str | None:
        """The public address of the site, or None for a local copy."""
        return self.site.url

    def entry_address(self, ref: Ref) -> str | None:
        """The public address of an entry's page (directory URLs), or None."""
        if self.site.url is None:
            return None
        return f"{self.site.url}{KINDS[ref.kind].page_folder}/{ref.id}/"

    def date(self) -> str | None:
        """The build date, ISO 8601, from SOURCE_DATE_EPOCH so builds stay reproducible.

        None when the moment is unknown (no SOURCE_DATE_EPOCH and no git history), rather than 1970.
        """
        if self.setup.epoch <= 0:
            return None
        return datetime.fromtimestamp(self.setup.epoch, tz=UTC).strftime("%Y-%m-%d")

    def timestamp(self) -> str | None:
        """The build moment for the PDF's metadata, or None when unknown."""
        if self.setup.epoch <= 0:
            return None
        return datetime.fromtimestamp(self.setup.epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def document(self, title: str) -> Context:
        """Metadata and page setup every print template places in its ``<head>`` and ``@page``."""
        address = self.address()
        version = fill(self.t["version"], version=self.site.version)
        return {
            "lang": self.site.language,
            "title": title,
            "author": self.site.organization,
            "description": self.site.description,
            "created": self.timestamp(),
            "paper": PAPER[self.site.paper],
            "ink": print_ink(self.site.primary_color),
            "accent": print_ink(self.site.link_color or self.site.accent_color),
            "css": {
                "page_of": css_content(self.t["page_of"], page="counter(page)", pages="counter(pages)"),
                # Without a public address the footer names the playbook, never a bare "local copy".
                "address": css_string(address or self.site.title),
                "version": css_string(version),
            },
        }

    def cover(self) -> Context:
        """The organization, logo, title, version, date and address (with its QR code) of the cover."""
        address = self.address()
        return {
            "organization": self.site.organization,
            "title": self.site.title,
            "description": self.site.description,
            "version": fill(self.t["version"], version=self.site.version),
            "date": self.date(),
            "address": address,
            "qr": qr_data_uri(address) if address else None,
            "qr_alt": fill(self.t["qr_alt"], address=address or ""),
            "logo": self.setup.logo_url,
            "logo_alt": fill(self.t["logo_alt"], organization=self.site.organization),
            "contact": contact_lines(self.site),
            "call_to_action": self.site.call_to_action,
            "footer": self.site.footer,
        }

    def ref_link(self, entry: Any, kind: str) -> Context:
        """A cross-reference to an entry printed in the same document."""
        return {"title": entry.title, "anchor": anchor(Ref(kind, entry.id))}

    def refs(self, ref: Ref, kind: str) -> list[Context]:
        return [self.ref_link(entry, kind) for entry in self.playbook.linked(ref, kind)]

    def note(self, entry_id: str) -> Context | None:
        """The institution's note on an entry, from the fork's overlay."""
        note = self.playbook.notes.get(entry_id)
        if note is None:
            return None
        return {"title": note.title or self.pages["our_note"], "paragraphs": plain_paragraphs(note.note)}

    def source_titles(self, ids: tuple[str, ...]) -> list[str]:
        table = self.playbook.entries.get("source", {})
        return [table[i].title for i in ids]

    # Entries ----------------------------------------------------------------------

    def shown(self, value: Any) -> Any:
        """A value from :mod:`playbook.render.entries` as plain text and in-document links."""
        if isinstance(value, dict):
            return {key: self.shown(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.shown(item) for item in value]
        if isinstance(value, entries.Line | entries.Verbatim):
            return value.text
        if isinstance(value, entries.Paragraphs):
            return plain_paragraphs(value.text)
        if isinstance(value, entries.Message):
            return message_paragraphs(value.text)
        if isinstance(value, entries.Links):
            return self.refs(value.ref, value.kind)
        if isinstance(value, entries.Sources):
            return self.source_titles(value.ids)
        if isinstance(value, entries.SourceOf):
            return self.playbook.source(value.id).title
        if isinstance(value, entries.NoteOn):
            return self.note(value.entry_id)
        if isinstance(value, entries.Label):
            return self.pages[value.key]
        if isinstance(value, entries.Phrase):
            return fill(self.pages[value.key], **dict(value.values))
        return value

    def language_of(self, ref: Ref) -> str | None:
        """ "en" for an entry not translated into the handout's language (it prints in English), else None."""
        return "en" if ref in self.playbook.untranslated else None

    def principle(self, entry: Principle) -> Context:
        ref = Ref("principle", entry.id)
        return {"anchor": anchor(ref), "lang": self.language_of(ref), **self.shown(entries.principle(entry))}

    def anti_pattern(self, entry: AntiPattern) -> Context:
        """The entry with its rewrite turned into a "spot the problem" exercise; the answer is in the key."""
        ref = Ref("anti-pattern", entry.id)
        return {
            "anchor": anchor(ref),
            "lang": self.language_of(ref),
            **self.shown(entries.anti_pattern(entry)),
            "exercise": self.exercise(entry),
        }

    def exercise(self, entry: AntiPattern) -> Context:
        """The weak message to find the problem in, a field for the reader's rewrite, and where the answer is."""
        ref = Ref("anti-pattern", entry.id)
        return {
            "anchor": exercise_anchor(ref),
            "answer_anchor": answer_anchor(ref),
            **self.shown(entries.exercise(entry)),
            "field": {"id": f"ex-{entry.id}", "name": f"exercise__{entry.id}", "label": self.t["your_rewrite"]},
        }

    def answer(self, entry: AntiPattern) -> Context:
        """One answer of the answer key, with a link back to its exercise."""
        ref = Ref("anti-pattern", entry.id)
        return {
            "anchor": answer_anchor(ref),
            "exercise_anchor": exercise_anchor(ref),
            "entry_anchor": anchor(ref),
            **self.shown(entries.answer(entry)),
        }

    def template(self, entry: MessageTemplate) -> Context:
        ref = Ref("template", entry.id)
        return {"anchor": anchor(ref), "lang": self.language_of(ref), **self.shown(entries.template(entry))}

    def online(self, ref: Ref) -> Context | None:
        """The address of an entry's page and its QR code, when the site has a public address."""
        address = self.entry_address(ref)
        if address is None:
            return None
        return {"address": address, "qr": qr_data_uri(address), "qr_alt": fill(self.t["qr_alt"], address=address)}

    def worksheet(self, entry: Worksheet) -> Context:
        ref = Ref("worksheet", entry.id)
        return {
            "anchor": anchor(ref),
            "lang": self.language_of(ref),
            "online": self.online(ref),
            **self.shown(entries.worksheet(entry)),
            "sections": [
                {
                    "title": section.title,
                    "intro": plain_paragraphs(section.intro),
                    "fields": [self.field(entry.id, item) for item in section.fields],
                }
                for section in entry.sections
            ],
        }

    def field(self, worksheet_id: str, item: WorksheetField) -> Context:
        """One question as a fillable form field; names are unique in the whole PDF."""
        name = f"{worksheet_id}__{item.id}"
        view: Context = {
            "kind": item.kind,
            "id": f"ws-{worksheet_id}-{item.id}",
            "name": name,
            "label": item.label,
            "help": item.help,
            "options": [],
            "columns": [],
            "rows": [],
        }
        if item.kind == "scale" and item.scale is not None:
            low, high = item.scale
            view["options"] = [
                {"value": str(v), "label": str(v), "id": f"{view['id']}-{v}"} for v in range(low, high + 1)
            ]
        elif item.kind == "choice":
            view["options"] = [
                {"value": option, "label": option, "id": f"{view['id']}-{i}"}
                for i, option in enumerate(item.options, 1)
            ]
        elif item.kind == "table":
            view["columns"] = list(item.columns)
            view["rows"] = [
                [
                    {"name": f"{name}__r{row}c{col}", "title": fill(self.t["table_cell"], column=column, row=row)}
                    for col, column in enumerate(item.columns, 1)
                ]
                for row in range(1, item.rows + 1)
            ]
        return view

    def formula(self, formula: Formula) -> Context:
        """The formula as a printable scoring sheet with one fillable row per person."""
        components = [
            {
                "label": c.label,
                "question": c.question,
                "scale": fill(self.t["score_scale"], min=c.min, max=c.max, low=c.low, high=c.high),
                "min": c.min,
                "max": c.max,
                "principles": [
                    self.ref_link(self.playbook.entries["principle"][pid], "principle") for pid in c.principles
                ],
            }
            for c in formula.components
        ]
        rows = [
            {
                "person": {"name": f"formula__r{row}__person", "title": fill(self.t["formula_person_cell"], row=row)},
                "scores": [
                    {"name": f"formula__r{row}__{c.id}", "title": fill(self.t["table_cell"], column=c.label, row=row)}
                    for c in formula.components
                ],
                "result": {"name": f"formula__r{row}__result", "title": fill(self.t["formula_result_cell"], row=row)},
            }
            for row in range(1, FORMULA_ROWS + 1)
        ]
        return {
            "intro": plain_paragraphs(formula.intro),
            "quote": {
                "text": formula.quote.text,
                "source": self.playbook.entries["source"][formula.quote.source].title,
            },
            "expression": expression(formula),
            "components": components,
            "bands": [{"label": b.label, "meaning": " ".join(plain_paragraphs(b.meaning))} for b in formula.bands],
            "rows": rows,
        }

    # The three documents ----------------------------------------------------------

    def full(self) -> Context:
        """Context of ``handout.html.jinja``: cover, contents, every entry, worksheets, formula."""
        p = self.playbook
        sections: list[Context] = []
        principles = [self.principle(e) for e in p.of_kind("principle")]
        anti_patterns = [self.anti_pattern(e) for e in p.of_kind("anti-pattern")]
        templates = [self.template(e) for e in p.of_kind("template")]
        worksheets = [self.worksheet(e) for e in p.of_kind("worksheet")]
        formula = self.formula(p.formula) if p.formula is not None else None
        for key, anchor_id, items in (
            ("principles", "principles", principles),
            ("anti_patterns", "anti-patterns", anti_patterns),
            ("templates", "templates", templates),
            ("worksheets", "worksheets", worksheets),
        ):
            if items:
                sections.append({"title": self.t[key], "anchor": anchor_id, "entries": _toc(items)})
        if formula is not None:
            sections.append({"title": self.t["formula_title"], "anchor": "formula", "entries": []})
        sources = [
            {"title": s.title, "author": s.byline(), "year": str(s.year) if s.year else self.pages["no_year"]}
            for s in p.of_kind("source")
        ]
        if sources:
            sections.append({"title": self.t["sources"], "anchor": "sources", "entries": []})
        answers = [self.answer(e) for e in p.of_kind("anti-pattern")]
        if answers:
            sections.append({"title": self.t["answer_key"], "anchor": "answers", "entries": []})
        return {
            "t": self.t,
            "doc": self.document(self.site.title),
            "cover": self.cover(),
            "toc": sections,
            "principles": principles,
            "anti_patterns": anti_patterns,
            "templates": templates,
            "worksheets": worksheets,
            "formula": formula,
            "sources": sources,
            "answers": answers,
        }

    def short(self) -> Context:
        """Context of ``handout-short.html.jinja``: principles, formula and top anti-patterns on two pages."""
        p = self.playbook
        formula = p.formula
        return {
            "t": self.t,
            "doc": self.document(f"{self.site.title}: {self.t['short_title']}"),
            "cover": self.cover(),
            "principles": [{"title": e.title, "summary": e.summary} for e in p.of_kind("principle")],
            "formula": None
            if formula is None
            else {
                "expression": expression(formula),
                "components": [{"label": c.label, "question": c.question} for c in formula.components],
                "bands": [{"label": b.label, "meaning": plain_paragraphs(b.meaning)[0]} for b in formula.bands],
            },
            "anti_patterns": [
                {
                    "title": e.title,
                    "summary": e.summary,
                    "instead": [x.title for x in p.linked(Ref("anti-pattern", e.id), "principle")],
                }
                for e in top_anti_patterns(p)
            ],
        }

    def card(self, entry: Principle | AntiPattern, kind: str, entry_pages: dict[str, int]) -> Context:
        """One card: the entry on the front; on the back what to do about it, its page in the full
        handout (when that is laid out) and a QR code to its page on the site (when the site has an address)."""
        ref = Ref(kind, entry.id)
        address = self.entry_address(ref)
        page = entry_pages.get(anchor(ref))
        linked_kind, label = ("anti-pattern", "card_counters") if kind == "principle" else ("principle", "card_instead")
        return {
            "name": f"{kind}:{entry.id}",
            "kind": self.pages[f"kind.{kind}"],
            "kind_class": kind,
            "title": entry.title,
            "summary": entry.summary,
            "links_label": self.t[label],
            "links": [e.title for e in self.playbook.linked(ref, linked_kind)],
            "qr": qr_data_uri(address) if address else None,
            "qr_alt": fill(self.t["qr_alt"], address=address or ""),
            "page": None if page is None else fill(self.t["card_page"], page=page, title=self.site.title),
            "address": address,
        }

    def deck(self, entry_pages: dict[str, int] | None = None) -> Context:
        """Context of ``cards.html.jinja``: sheets of card fronts and backs, with crop marks.

        ``entry_pages`` maps the full handout's anchors to their pages, once it is laid out.
        """
        grid = grid_for(self.site.paper)
        where = entry_pages or {}
        cards = [self.card(e, "principle", where) for e in self.playbook.of_kind("principle")]
        cards += [self.card(e, "anti-pattern", where) for e in self.playbook.of_kind("anti-pattern")]
        return {
            "t": self.t,
            "doc": self.document(f"{self.site.title}: {self.t['cards_title']}"),
            "organization": self.site.organization,
            "address": self.address(),
            "paper": {"width": grid.paper_width, "height": grid.paper_height},
            "card": {"width": CARD_WIDTH, "height": CARD_HEIGHT},
            "marks": crop_marks(grid),
            "sheets": sheets(cards, grid),
        }


def anchor(ref: Ref) -> str:
    """The in-document id of an entry's heading."""
    return f"{ref.kind}-{ref.id}"


def exercise_anchor(ref: Ref) -> str:
    """The in-document id of an entry's "spot the problem" exercise."""
    return f"exercise-{ref.id}"


def answer_anchor(ref: Ref) -> str:
    """The in-document id of the answer to an entry's exercise, in the answer key."""
    return f"answer-{ref.id}"


def _toc(items: list[Context]) -> list[Context]:
    return [{"title": item["title"], "anchor": item["anchor"]} for item in items]


def expression(formula: Formula) -> str:
    """The formula in words: exchange components added, trust components multiplying."""
    exchange = " + ".join(c.label for c in formula.components if c.role == "exchange")
    trust = " × ".join(c.label for c in formula.components if c.role == "trust")
    if exchange and trust:
        return f"({exchange}) × {trust}"
    return exchange or trust


def top_anti_patterns(playbook: Playbook) -> list[AntiPattern]:
    """The anti-patterns most principles counter, then by title; at most TOP_ANTI_PATTERNS."""
    ranked = sorted(
        playbook.of_kind("anti-pattern"),
        key=lambda e: (-len(playbook.linked(Ref("anti-pattern", e.id), "principle")), e.title.casefold()),
    )
    return ranked[:TOP_ANTI_PATTERNS]
