"""What each entry shows, declared once for the site and the handouts alike.

A shaper here says which fields of an entry are shown and as what kind of
value: a line of text, paragraphs, a message whose line breaks matter, links
to other entries, sources, a label from the strings. The site's pages
(:mod:`playbook.site.pages`) turn these values into escaped Markdown with
relative links; the print documents (:mod:`playbook.handouts.documents`) into
plain text with links inside the PDF. A field added to the model and shown in
both goes here, once; each medium then adds only what is its own (front
matter and browser tools on the site, form fields and anchors in print).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.content.link import Ref
from playbook.content.model import AntiPattern, Entry, Example, MessageTemplate, Method, Principle, Quote, Worksheet


@dataclass(frozen=True)
class Line:
    """Text shown inline, on one line."""

    text: str


@dataclass(frozen=True)
class Paragraphs:
    """Text split into paragraphs on blank lines; nothing when there is no text."""

    text: str | None


@dataclass(frozen=True)
class Message:
    """A message whose line breaks are kept as written."""

    text: str


@dataclass(frozen=True)
class Verbatim:
    """Text shown exactly as written, such as a subject line; nothing when there is none."""

    text: str | None


@dataclass(frozen=True)
class Links:
    """The entries of ``kind`` linked to ``ref``, sorted by title."""

    ref: Ref
    kind: str


@dataclass(frozen=True)
class Sources:
    """The sources an entry cites, in the order it cites them."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class SourceOf:
    """One source, by id."""

    id: str


@dataclass(frozen=True)
class NoteOn:
    """The fork's note on an entry, if it has one."""

    entry_id: str


@dataclass(frozen=True)
class Label:
    """An interface string, by its key in the ``pages`` strings."""

    key: str


@dataclass(frozen=True)
class Phrase:
    """An interface string from the ``pages`` strings with ``{name}`` values filled in, such as "15 min"."""

    key: str
    values: tuple[tuple[str, int | str], ...]


# Values a medium turns into template data; dicts and lists of them are turned item by item.
View = dict[str, Any]


def common(entry: Entry) -> View:
    """What every entry shows: title, summary, the fork's note and the sources."""
    return {
        "title": Line(entry.title),
        "summary": Line(entry.summary),
        "note": NoteOn(entry.id),
        "sources": Sources(entry.sources),
    }


def example(value: Example) -> View:
    """A weak and a better message, and what changed."""
    return {"weak": Message(value.weak), "better": Message(value.better), "why": Paragraphs(value.why)}


def quote(value: Quote | None) -> View | None:
    return None if value is None else {"text": Line(value.text), "source": SourceOf(value.source)}


def method(value: Method | None) -> View | None:
    """Time needed, ways of working, level and materials, as labels; None for an entry without them."""
    if value is None:
        return None
    return {
        "minutes": Phrase("method.minutes", (("minutes", value.minutes),)),
        "group": [Label(f"group.{way}") for way in dict.fromkeys(value.group)],
        "level": Label(f"level.{value.level}"),
        "materials": [Line(item) for item in value.materials],
    }


def method_filter(value: Method | None) -> View | None:
    """What the index pages' filter compares: minutes, ways of working and level, as plain values."""
    if value is None:
        return None
    return {"minutes": value.minutes, "group": list(dict.fromkeys(value.group)), "level": value.level}


def principle(entry: Principle) -> View:
    ref = Ref("principle", entry.id)
    return {
        **common(entry),
        "why": Paragraphs(entry.why),
        "how": [Line(step) for step in entry.how],
        "example": example(entry.example),
        "quote": quote(entry.quote),
        "counters": Links(ref, "anti-pattern"),
        "templates": Links(ref, "template"),
    }


def anti_pattern(entry: AntiPattern) -> View:
    ref = Ref("anti-pattern", entry.id)
    return {
        **common(entry),
        "signs": [Line(sign) for sign in entry.signs],
        "story": Paragraphs(entry.story),
        "why_it_fails": Paragraphs(entry.why_it_fails),
        "instead": Links(ref, "principle"),
        "rewrite": example(entry.rewrite),
        "method": method(entry.method),
    }


def exercise(entry: AntiPattern) -> View:
    """A "spot the problem" exercise made from an anti-pattern: its weak message, and nothing that answers it."""
    return {
        "weak": Message(entry.rewrite.weak),
        "prompt": Label("spot_the_problem_prompt"),
        "method": method(entry.method),
    }


def answer(entry: AntiPattern) -> View:
    """The answer to an anti-pattern's exercise: the problem by name, why it fails, a better message, what changed.

    Printed apart from the exercise (an answer key at the end of a handout, a facilitator guide),
    never under it.
    """
    return {
        "problem": Line(entry.title),
        "summary": Line(entry.summary),
        "why_it_fails": Paragraphs(entry.why_it_fails),
        "better": Message(entry.rewrite.better),
        "why": Paragraphs(entry.rewrite.why),
        "instead": Links(Ref("anti-pattern", entry.id), "principle"),
    }


def template(entry: MessageTemplate) -> View:
    return {
        **common(entry),
        "when": Paragraphs(entry.when),
        "channel": Label(f"channel.{entry.channel}"),
        "subject": Verbatim(entry.subject),
        "body": Message(entry.body),
        "placeholders": [
            {"name": Line("{" + p.name + "}"), "label": Line(p.label), "example": Line(p.example)}
            for p in entry.placeholders
        ],
        "principles": Links(Ref("template", entry.id), "principle"),
    }


def worksheet(entry: Worksheet) -> View:
    return {
        **common(entry),
        "purpose": Paragraphs(entry.purpose),
        "principles": Links(Ref("worksheet", entry.id), "principle"),
        "method": method(entry.method),
    }
