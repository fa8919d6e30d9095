"""The content model: every kind of entry a playbook holds, declared once.

Each class is frozen and refuses unknown keys. Every field has a description,
which becomes the editor's tooltip through the generated JSON Schema.
Validation runs in strict mode on data from :mod:`playbook.content.load`, so text
never turns into a number or a boolean behind an editor's back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal, NamedTuple, Optional
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, field_validator

from playbook.content.situations import Situation

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLACEHOLDER_PATTERN = r"^[a-z][a-z0-9_]*$"
PLACEHOLDER_IN_TEXT = re.compile(r"\{([^{}\s]*)\}")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\n]*\S[^\n]*$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=8000, pattern=r"\S")]
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$", max_length=40)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Audience = Literal["job-seeker", "recruiter", "career-advisor"]
Channel = Literal["email", "linkedin-note", "linkedin-message", "inmail", "phone", "in-person"]
Severity = Literal["error", "warning", "hint"]


class Finding(NamedTuple):
    """A problem a model finds in its own values: where, what, and how to fix it.

    ``needle`` is text inside the value to point at, when the value spans lines.
    """

    path: tuple[str | int, ...]
    message: str
    hint: str
    needle: str | None = None


AUDIENCES: tuple[Audience, ...] = ("job-seeker", "recruiter", "career-advisor")


class RefersTo:
    """Marks a field that holds ids of other entries, in its annotation: the one place a reference is declared.

    ``targets`` are the kinds the ids may name. With ``linked`` the two
    entries' pages also link to each other, both ways. With ``skips_hidden``
    an id a fork hides is left out of the list (a reading path's stop, what a
    workshop segment uses); otherwise hiding a cited entry is an error at the
    line that hides it. The link stage checks every such id (see
    :mod:`playbook.content.kinds`, which finds them).
    """

    __slots__ = ("linked", "skips_hidden", "targets")

    def __init__(self, *targets: str, linked: bool = True, skips_hidden: bool = False) -> None:
        self.targets = targets
        self.linked = linked
        self.skips_hidden = skips_hidden

    def __repr__(self) -> str:
        return f"RefersTo({', '.join(map(repr, self.targets))}, linked={self.linked}, skips_hidden={self.skips_hidden})"


class Model(BaseModel):
    """Base of every model: immutable, strict, and closed to unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    def findings(self) -> Iterator[Finding]:
        """Problems that involve several fields; none by default."""
        return iter(())


class Entry(Model):
    """Fields every playbook entry has."""

    id: Id = Field(
        description="Stable identifier, also the file name and the page address: lowercase words joined by hyphens."
    )
    title: Line = Field(description="Title shown as the page heading and in lists.")
    summary: Line = Field(description="One sentence that says what the entry is about.")
    audiences: tuple[Audience, ...] = Field(
        min_length=1, description="Who the entry is for: job-seeker, recruiter, career-advisor."
    )
    tags: tuple[Tag, ...] = Field(default=(), description="Topic tags, lowercase; readers browse entries by tag.")
    sources: Annotated[tuple[Id, ...], RefersTo("source", linked=False)] = Field(
        min_length=1, description="Ids of the sources (articles) this entry draws on."
    )


GroupSize = Literal["solo", "pairs", "small-groups", "whole-group"]
Level = Literal["beginner", "intermediate", "advanced"]


class Method(Model):
    """How an entry runs as an activity in a workshop or on one's own: time, group, level and materials.

    These are the playbook's own planning values, not claims of its sources.
    """

    minutes: int = Field(ge=1, le=480, description="Time needed to do it once, in whole minutes.")
    group: tuple[GroupSize, ...] = Field(
        min_length=1,
        description="How it can be done: solo, pairs, small-groups or whole-group (one or more, in that order).",
    )
    level: Level = Field(
        description="beginner: no networking experience needed; intermediate: needs a network or a real target; "
        "advanced: for people who already reach out regularly."
    )
    materials: tuple[Line, ...] = Field(
        default=(), description="What each person or group needs, for example: a pen, the printed worksheet."
    )


METHOD_DESCRIPTION = "Time, group size, level and materials, for planning a session (optional)."


class Example(Model):
    """A weak version of something and a better one."""

    weak: Text = Field(description="The weak version, as someone might really write or do it.")
    better: Text = Field(description="The better version.")
    why: Text | None = Field(default=None, description="What makes the better version better.")
    situation: Situation | None = Field(
        default=None,
        description=(
            "What kind of message the example is, when the checker would guess it wrong from the text; "
            "the playbook checks its own examples in this situation."
        ),
    )
    message: bool = Field(
        default=True,
        description="false when the example is not a written message (a habit or a plan), so the checker leaves it alone.",
    )


class Quote(Model):
    """Words quoted exactly from a source, because the exact words matter."""

    text: Text = Field(description="The quoted words, exactly as in the source.")
    source: Annotated[Id, RefersTo("source", linked=False)] = Field(description="Id of the source the words come from.")


class Principle(Entry):
    """A practice the playbook recommends."""

    why: Text = Field(description="Why it matters. Separate paragraphs with a blank line.")
    how: tuple[Text, ...] = Field(min_length=1, description="Concrete steps, in order.")
    example: Example = Field(description="A weak and a better example of the principle in action.")
    quote: Quote | None = Field(default=None, description="An exact quotation, where the exact words matter.")
    counters: Annotated[tuple[Id, ...], RefersTo("anti-pattern")] = Field(
        default=(), description="Ids of the anti-patterns this principle counters."
    )
    templates: Annotated[tuple[Id, ...], RefersTo("template")] = Field(
        default=(), description="Ids of the message templates that apply this principle."
    )


class AntiPattern(Entry):
    """A habit that makes networking fail."""

    signs: tuple[Text, ...] = Field(min_length=1, description="What it looks like: signs that recognize it.")
    story: Text | None = Field(
        default=None, description="A story from the sources that shows it, told in our own words."
    )
    why_it_fails: Text = Field(description="Why it fails, from the receiver's side.")
    instead: Annotated[tuple[Id, ...], RefersTo("principle")] = Field(
        default=(), description="Ids of the principles to follow instead."
    )
    rewrite: Example = Field(description="A message that falls into the anti-pattern (weak) and its rewrite (better).")
    method: Method | None = Field(
        default=None, description="For its 'spot the problem' exercise: " + METHOD_DESCRIPTION
    )
    rules: Annotated[tuple[Id, ...], RefersTo("rule")] = Field(
        default=(), description="Ids of the message-checker rules that detect it."
    )


class Placeholder(Model):
    """A blank in a message template that the writer fills in."""

    name: Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=40)] = Field(
        description="Name used in the body as {name}: lowercase letters, digits and underscores."
    )
    label: Line = Field(description="What the writer should put here, as a form label.")
    example: Line = Field(description="An example value; the template filled with all examples must read well.")


class MessageTemplate(Entry):
    """A message a reader can adapt and send."""

    when: Text = Field(description="When to use this template, and when not to.")
    channel: Channel = Field(
        description="Where the message is sent: email, linkedin-note, linkedin-message, inmail, phone, in-person."
    )
    situation: Situation = Field(description="What kind of message it is, which decides the checker rules that apply.")
    subject: Line | None = Field(
        default=None, description="Subject line, for channels that have one; may use placeholders."
    )
    body: Text = Field(description="The message, with placeholders written as {name}.")
    placeholders: tuple[Placeholder, ...] = Field(default=(), description="Every placeholder the subject and body use.")
    principles: Annotated[tuple[Id, ...], RefersTo("principle")] = Field(
        default=(), description="Ids of the principles this template applies."
    )

    def findings(self) -> Iterator[Finding]:
        """Every {name} used is declared, and every declared one is used."""
        declared = {p.name for p in self.placeholders}
        for field_name in ("subject", "body"):
            text = getattr(self, field_name) or ""
            for name in sorted(set(PLACEHOLDER_IN_TEXT.findall(text)) - declared):
                yield Finding(
                    (field_name,),
                    f"the placeholder {{{name}}} is used but not declared",
                    "add it under placeholders with a name, label and example, or fix its spelling",
                    needle="{" + name + "}",
                )
        used = set(PLACEHOLDER_IN_TEXT.findall(self.body + (self.subject or "")))
        for index, placeholder in enumerate(self.placeholders):
            if placeholder.name not in used:
                yield Finding(
                    ("placeholders", index, "name"),
                    f"the placeholder '{placeholder.name}' is declared but not used",
                    f"write {{{placeholder.name}}} in the subject or body, or remove it",
                )

    def filled(self, values: dict[str, str] | None = None) -> tuple[str | None, str]:
        """Subject and body with placeholders replaced (by their examples by default)."""
        table = values if values is not None else {p.name: p.example for p in self.placeholders}

        def fill(text: str) -> str:
            return PLACEHOLDER_IN_TEXT.sub(lambda m: table.get(m.group(1), m.group(0)), text)

        return (fill(self.subject) if self.subject else None), fill(self.body)


SourceKind = Literal["article", "blog-post", "study", "guide", "book", "institution", "help-page"]


class Source(Model):
    """A work the playbook draws on, cited so a reader can find it: who, what, when and where.

    The five seed articles keep only what is known of them (their title, and a
    date where the article gives one); every other source names an author or an
    organisation and at least one place to find it.
    """

    id: Id = Field(description="Stable identifier, also the file name.")
    title: Line = Field(description="The work's title as published.")
    title_is_descriptive: bool = Field(
        default=False,
        description="True when the work has no title of its own and the title here describes it: a translation then gives it in its language.",
    )
    authors: tuple[Line, ...] = Field(
        default=(),
        description="The authors' names as printed (for example: M. S. Granovetter); leave it out when the work names none.",
    )
    organisation: Line | None = Field(
        default=None,
        description="The organisation that publishes the work when no person is named (for example: LinkedIn).",
    )
    author: Line | None = Field(
        default=None,
        description="For a work that names no author: who wrote it, by the role the work itself gives (for example: a corporate recruiter); no contact details.",
    )
    publication: Line | None = Field(
        default=None, description="The journal, magazine or site it appeared in, if known (for example: Science)."
    )
    volume: Line | None = Field(default=None, description="For a journal article: volume and issue, for example 78(6).")
    pages: Line | None = Field(
        default=None, description="For a journal article: the page range, for example 1360–1380."
    )
    edition: Line | None = Field(default=None, description="For a book: the edition cited, for example 2nd edition.")
    publisher: Line | None = Field(default=None, description="For a book: the publisher, for example Ten Speed Press.")
    year: int | None = Field(
        default=None,
        ge=1900,
        le=2100,
        description="Year of publication; leave it out when the source gives none (shown as n.d.).",
    )
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$", max_length=200)] | None = Field(
        default=None, description="The DOI, without https://doi.org/ (for example 10.1126/science.abl4476)."
    )
    isbn: Annotated[str, StringConstraints(pattern=r"^(?:97[89])?\d{9}[\dX]$")] | None = Field(
        default=None, description="The ISBN of the edition cited, digits only (10 or 13)."
    )
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s()<>\[\]\"']+$", max_length=300)] | None = Field(
        default=None,
        description="Where to read it: an https address of the work itself, never a personal profile or e-mail.",
    )
    changes: Text | None = Field(
        default=None,
        description="For a page that changes over time (a help page): what may change, and how the reader checks the current figure.",
    )
    kind: SourceKind = Field(description="What kind of source it is.")
    contributes: Text = Field(description="What the playbook takes from it, in a sentence or two.")

    def byline(self) -> str:
        """Who made it: the authors, else the organisation, else the role the work gives its writer."""
        if self.authors:
            names = list(self.authors)
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return self.organisation or self.author or ""

    def where(self) -> str:
        """Where it appeared, as plain text: publication, volume and pages; edition and publisher; ISBN."""
        journal = " ".join(p for p in (self.publication, self.volume) if p)
        if journal and self.pages:
            journal += f", {self.pages}"
        book = ", ".join(p for p in (self.edition, self.publisher) if p)
        isbn = f"ISBN {self.isbn}" if self.isbn else ""
        return "; ".join(p for p in (journal, book, isbn) if p)

    def links(self) -> list[tuple[str, str]]:
        """Addresses where it can be read, as (text, address): its DOI, then its URL."""
        found = []
        if self.doi:
            found.append((f"doi:{self.doi}", f"https://doi.org/{self.doi}"))
        if self.url:
            found.append((self.url, self.url))
        return found

    def findings(self) -> Iterator[Finding]:
        """A cited work says who made it and where to find it; a seed article may say neither."""
        if self.kind in ("article", "blog-post") and not (self.authors or self.organisation):
            return
        if not (self.authors or self.organisation):
            yield Finding(
                ("authors",),
                "the source names no author or organisation",
                "add authors, or organisation for a work no person signs",
            )
        if not (self.publisher or self.url or self.doi or self.isbn or self.publication):
            yield Finding(
                ("title",),
                "the source says nowhere where to find it",
                "add the publisher, a publication, a url, a doi or an isbn",
            )


class Side(Model):
    """One position in a debate between sources."""

    position: Line = Field(description="The position, in a short sentence.")
    reasoning: Text = Field(description="Why its holders take it.")
    sources: Annotated[tuple[Id, ...], RefersTo("source", linked=False)] = Field(
        min_length=1, description="Ids of the sources that take this position."
    )


class Debate(Entry):
    """A question on which the sources disagree, shown side by side."""

    question: Line = Field(description="The question on which the sources disagree.")
    sides: tuple[Side, ...] = Field(min_length=2, description="The positions, side by side.")
    take: Text = Field(description="How a reader can decide for their own situation.")
    method: Method | None = Field(default=None, description="As a group discussion: " + METHOD_DESCRIPTION)
    principles: Annotated[tuple[Id, ...], RefersTo("principle")] = Field(
        default=(), description="Ids of related principles."
    )


class PathStep(Model):
    """One stop on an audience's reading path."""

    entry: Annotated[
        Id,
        RefersTo(
            "principle", "anti-pattern", "template", "worksheet", "debate", "workshop", linked=False, skips_hidden=True
        ),
    ] = Field(description="Id of any entry (principle, anti-pattern, template, worksheet, debate, workshop).")
    why: Line = Field(description="Why this reader should read it at this point.")


class ReadingPath(Model):
    """The material ordered for one audience."""

    id: Id = Field(description="Stable identifier, also the file name.")
    audience: Audience = Field(description="The audience this path is for.")
    title: Line = Field(description="Title of the path's page.")
    intro: Text = Field(description="A welcome that says what the reader will get.")
    steps: tuple[PathStep, ...] = Field(min_length=1, description="The entries in reading order.")


PersonValue = Literal["first_name", "last_name", "full_name", "company", "position", "connected_on", "target_role"]


class WorksheetField(Model):
    """One question on a worksheet."""

    id: Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=40)] = Field(
        description="Field name, unique in the worksheet: lowercase letters, digits and underscores."
    )
    label: Line = Field(description="The question or label.")
    kind: Literal["text", "long-text", "scale", "choice", "table"] = Field(description="What kind of answer it takes.")
    help: Line | None = Field(default=None, description="A hint shown under the field.")
    options: tuple[Line, ...] = Field(default=(), description="The choices, for kind: choice.")
    scale: tuple[int, int] | None = Field(default=None, description="Lowest and highest value, for kind: scale.")
    columns: tuple[Line, ...] = Field(default=(), description="Column headings, for kind: table.")
    rows: int = Field(default=3, ge=1, le=30, description="How many blank rows to print, for kind: table.")
    people: bool = Field(
        default=False,
        description="Offer the people kept by the tools (the imported connections) as choices, for kind: text, "
        "and for the first column of kind: table; nobody is typed twice.",
    )

    def findings(self) -> Iterator[Finding]:
        """Each kind has the settings it needs."""
        if self.people and self.kind not in ("text", "table"):
            yield Finding(("people",), "only a text field or a table can offer people", "remove people: true")
        if self.kind == "choice" and len(self.options) < 2:
            yield Finding(("kind",), "a choice needs at least two options", "add them under options")
        if self.kind == "table" and not self.columns:
            yield Finding(("kind",), "a table needs its column headings", "add them under columns")
        if self.kind == "scale" and (self.scale is None or self.scale[0] >= self.scale[1]):
            yield Finding(("kind",), "a scale needs its lowest and highest value", "write scale: [1, 5]")


class WorksheetSection(Model):
    """A group of questions on a worksheet."""

    title: Line = Field(description="Section heading.")
    intro: Text | None = Field(default=None, description="What this section is for.")
    fields: tuple[WorksheetField, ...] = Field(min_length=1, description="The questions of the section.")


class NextStep(Model):
    """A next step the connections audit proposes, and the message template it opens."""

    step: Literal["referral", "introduction", "reconnect", "recruiter", "follow-up"] = Field(
        description="referral: ask someone at a target employer; introduction: ask someone elsewhere to introduce you; "
        "reconnect: get to know them first; recruiter: help a recruiter; follow-up: the one follow-up of 3B7."
    )
    template: Annotated[Id, RefersTo("template", linked=False)] = Field(
        description="Id of the message template the step opens in the composer."
    )
    fill: dict[Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN)], PersonValue] = Field(
        default_factory=dict,
        description="Placeholder name → what fills it: first_name, last_name, full_name, company, position, "
        "connected_on (the date, as words), target_role (the role at the target employer).",
    )


class Worksheet(Entry):
    """A form a reader fills in on the site or on paper."""

    purpose: Text = Field(description="What the reader gets out of filling it in.")
    sections: tuple[WorksheetSection, ...] = Field(min_length=1, description="The sections, in order.")
    tool: Literal["connections-audit"] | None = Field(
        default=None, description="A browser tool embedded in the worksheet, if any."
    )
    template: Annotated[Id | None, RefersTo("template", linked=False)] = Field(
        default=None,
        description="Id of the message template the worksheet's tool prefills for each person (the connections audit).",
    )
    next_steps: tuple[NextStep, ...] = Field(
        default=(),
        description="For the connections audit: the template each next step opens, and what of the person fills it.",
    )
    principles: Annotated[tuple[Id, ...], RefersTo("principle")] = Field(
        default=(), description="Ids of the principles this worksheet puts into practice."
    )
    method: Method | None = Field(default=None, description=METHOD_DESCRIPTION)

    def findings(self) -> Iterator[Finding]:
        """Field checks of every section, and field ids unique in the worksheet."""
        seen: set[str] = set()
        for s_index, section in enumerate(self.sections):
            for f_index, item in enumerate(section.fields):
                where = ("sections", s_index, "fields", f_index)
                if item.id in seen:
                    yield Finding(
                        (*where, "id"),
                        f"the field id '{item.id}' is used twice",
                        "give each field its own id",
                    )
                seen.add(item.id)
                for finding in item.findings():
                    yield finding._replace(path=(*where, *finding.path))


class FormulaComponent(Model):
    """One factor of the relationship formula."""

    id: Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=40)] = Field(
        description="Component name."
    )
    role: Literal["exchange", "trust"] = Field(
        description="exchange components are added; trust components multiply the sum."
    )
    label: Line = Field(description="Short label, as in the formula.")
    question: Line = Field(description="The question a user answers to score it.")
    low: Line = Field(description="What the lowest score means.")
    high: Line = Field(description="What the highest score means.")
    min: int = Field(default=0, description="Lowest score.")
    max: int = Field(default=5, description="Highest score.")
    principles: Annotated[tuple[Id, ...], RefersTo("principle", linked=False)] = Field(
        default=(), description="Ids of principles that raise this component."
    )


class Range(Model):
    """Inclusive bounds; a missing bound is open."""

    min: float | None = Field(default=None, allow_inf_nan=False, description="Lowest value included.")
    max: float | None = Field(default=None, allow_inf_nan=False, description="Highest value included.")


class FormulaBand(Model):
    """A reading of the result: the first band whose conditions all hold applies."""

    id: Id = Field(description="Band identifier.")
    label: Line = Field(description="Name of the band, for example: a contact.")
    meaning: Text = Field(description="What the result means, in plain words.")
    result: Range = Field(default_factory=Range, description="Bounds on the formula's result.")
    exchange: Range = Field(default_factory=Range, description="Bounds on the sum of the exchange components.")
    trust: Range = Field(default_factory=Range, description="Bounds on the trust component.")


class Formula(Model):
    """The relationship formula and how the calculator reads it."""

    title: Line = Field(description="Title of the calculator page.")
    intro: Text = Field(description="What the formula says and where it comes from.")
    quote: Quote = Field(description="The formula in the source's exact words.")
    components: tuple[FormulaComponent, ...] = Field(min_length=2, description="The factors.")
    bands: tuple[FormulaBand, ...] = Field(min_length=1, description="Readings of the result, in order of precedence.")
    sources: Annotated[tuple[Id, ...], RefersTo("source", linked=False)] = Field(
        min_length=1, description="Ids of the sources of the formula."
    )


# Same pattern as Line, so an editor gets the same hint: write it on one line.
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\n]*\S[^\n]*$")]
RegexPattern = Annotated[str, StringConstraints(min_length=1, max_length=800, pattern=r"^[^\n]*\S[^\n]*$")]
MessagePart = Literal["body", "subject", "opening", "message"]
# The language a draft is written in, as a two-letter code (en, es); a rule or cue names those its words read.
DraftLanguage = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
MatchKind = Literal["contains", "lacks", "count", "words", "sentence-words", "characters", "ratio", "empty"]


LimitUnit = Literal["words", "characters", "working days"]


class Limit(Model):
    """One number the playbook's advice rests on, stated once and read by pages, checker, templates and tests."""

    value: int = Field(ge=1, description="The number.")
    unit: LimitUnit = Field(description="What is counted: words, characters or working days.")
    says: Text = Field(description="What the limit means for the writer, in a sentence.")
    basis: Text = Field(
        description="Where the number comes from: the source's words in our own, or that it is the playbook's own rule of thumb."
    )
    varies: Text | None = Field(
        default=None,
        description="When the figure differs between sources or changes over time: how, and what to trust.",
    )
    sources: Annotated[tuple[Id, ...], RefersTo("source", linked=False)] = Field(
        default=(), description="Ids of the sources behind the number; empty for a rule of thumb."
    )


class Limits(Model):
    """The numbers of the playbook (content/limits.yml), each written once.

    Text anywhere in the content writes a limit as [[limit:name]] (for example
    [[limit:first_message_words]]); checker rules name one with ``limit:``
    instead of a number under ``max``.
    """

    first_message_words: Limit = Field(description="The most words of a first outreach e-mail.")
    subject_words: Limit = Field(description="The most words of a subject line.")
    sentence_words: Limit = Field(description="The most words of one sentence.")
    invitation_free_characters: Limit = Field(
        description="The most characters of a LinkedIn invitation note on a free account."
    )
    invitation_premium_characters: Limit = Field(
        description="The most characters of a LinkedIn invitation note on a Premium account."
    )
    second_contact_after: Limit = Field(
        description="3B7: working days without a reply after which you write to a second contact at the same employer."
    )
    follow_up_after: Limit = Field(
        description="3B7: working days without a reply after which you follow up, once, with the first contact."
    )
    sources: Annotated[tuple[Id, ...], RefersTo("source", linked=False)] = Field(
        default=(), description="Ids of all the sources the limits draw on."
    )

    def value(self, name: str) -> int:
        """The number of a limit by name."""
        limit: Limit = getattr(self, name)
        return limit.value


LimitName = Literal[
    "first_message_words",
    "subject_words",
    "sentence_words",
    "invitation_free_characters",
    "invitation_premium_characters",
    "second_contact_after",
    "follow_up_after",
]


class SituationCue(Model):
    """Words that show what kind of message a draft is; the checker tries cues in order and takes the first that matches."""

    situation: Situation = Field(description="The situation the cue points to.")
    phrases: tuple[Phrase, ...] = Field(
        default=(), description="Words or phrases, matched as whole words ignoring case, like rule phrases."
    )
    max_characters: LimitName | None = Field(
        default=None,
        description="Only for drafts of at most this many characters: the name of a limit in content/limits.yml.",
    )
    where: Literal["opening", "body", "subject"] = Field(
        default="body", description="Where to look: opening (first two sentences after the greeting), body or subject."
    )
    without_subject: bool = Field(
        default=False, description="Only for drafts with no subject line (LinkedIn notes and messages)."
    )
    unless: tuple[Phrase, ...] = Field(default=(), description="Phrases anywhere in the body that rule the cue out.")
    languages: tuple[DraftLanguage, ...] = Field(
        default=(),
        description="The draft languages its phrases are written in (en, es); empty only for a cue without phrases.",
    )

    def findings(self) -> Iterator[Finding]:
        """A cue looks for something, and names the language of its words."""
        if not self.phrases and self.max_characters is None:
            yield Finding(("phrases",), "the cue looks for nothing", "add phrases, or max_characters")
        if (self.phrases or self.unless) and not self.languages:
            yield Finding(
                ("phrases",) if self.phrases else ("unless",),
                "the cue's phrases are in a language it does not name",
                "add languages: [en] (or the language its words are in)",
            )

    def reads(self, language: str) -> bool:
        """Whether the cue is tried on a draft in this language."""
        return not self.languages or language in self.languages


class TagName(Model):
    """One tag of the vocabulary and the name readers see for it."""

    id: Tag = Field(description="The tag as entries write it under tags, lowercase.")
    label: Line = Field(description="The tag as readers see it on pages, on the tags page and in search.")


class Tags(Model):
    """The playbook's tags (content/tags.yml), named once; a translation beside it names them in its language."""

    tags: tuple[TagName, ...] = Field(
        min_length=1, description="Every tag entries may use, each with the name shown for it."
    )

    def findings(self) -> Iterator[Finding]:
        """A tag is named once, and no two tags show under one name (the tags page would merge them)."""
        ids: dict[str, int] = {}
        labels: dict[str, int] = {}
        for index, item in enumerate(self.tags):
            if item.id in ids:
                yield Finding(
                    ("tags", index, "id"),
                    f"the tag '{item.id}' is already named at tags[{ids[item.id]}]",
                    "keep one of the two",
                )
            ids.setdefault(item.id, index)
            label = item.label.casefold()
            if label in labels and self.tags[labels[label]].id != item.id:
                yield Finding(
                    ("tags", index, "label"),
                    f"the tags '{self.tags[labels[label]].id}' and '{item.id}' would both show as '{item.label}'",
                    "give one of them another name",
                )
            labels.setdefault(label, index)


class SituationGuide(Model):
    """How the checker infers a draft's situation (content/situations.yml); the writer can always correct it."""

    default: Situation = Field(description="The situation when no cue matches.")
    cues: tuple[SituationCue, ...] = Field(
        min_length=1, description="Cues in the order they are tried; a draft is tried only on the cues of its language."
    )


# What each kind of match needs, and what it must leave out.
_KIND_NEEDS: dict[str, tuple[str, ...]] = {
    "contains": ("phrases|pattern|patterns",),
    "lacks": ("phrases|pattern|patterns",),
    "count": ("phrases|pattern|patterns", "max|limit"),
    "words": ("max|limit",),
    "sentence-words": ("max|limit",),
    "characters": ("max|limit",),
    "ratio": ("phrases", "versus", "factor"),
    "empty": (),
}
_KIND_FIELDS = {"phrases", "pattern", "patterns", "max", "limit", "versus", "factor", "min"}
_KIND_USES: dict[str, set[str]] = {
    "contains": {"phrases", "pattern", "patterns"},
    "lacks": {"phrases", "pattern", "patterns"},
    "count": {"phrases", "pattern", "patterns", "max", "limit"},
    "words": {"max", "limit"},
    "sentence-words": {"max", "limit"},
    "characters": {"max", "limit"},
    "ratio": {"phrases", "versus", "factor", "min"},
    "empty": set(),
}


def _pattern_findings(pattern: str | None, path: tuple[str | int, ...]) -> Iterator[Finding]:
    """A pattern outside the syntax Python and JavaScript share, pointed at its offending piece."""
    from playbook.content.regex_subset import refusal

    if pattern is None:
        return
    found = refusal(pattern)
    if found is not None:
        yield Finding(path, f"{found.message} (at '{found.piece}')", found.hint, needle=found.piece)


class TextTest(Model):
    """Words or a pattern looked for in one part of a message."""

    phrases: tuple[Phrase, ...] = Field(
        default=(),
        description="Words or phrases, matched as whole words, ignoring case; curly quotes count as straight ones.",
    )
    pattern: RegexPattern | None = Field(
        default=None,
        description=(
            "A regular expression in the syntax Python and JavaScript share, written in lowercase; "
            "it is matched against the lowercased text line by line (^ and $ match at line ends)."
        ),
    )
    patterns: tuple[RegexPattern, ...] = Field(
        default=(),
        description=(
            "More regular expressions in the same syntax, each searched like pattern: one per idea "
            "(a word class such as the ways to ask for a referral), so each stays short enough to read."
        ),
    )
    where: MessagePart = Field(
        default="body",
        description="The part searched: body, subject, opening (the first two sentences after the greeting) or message (subject and body).",
    )

    def findings(self) -> Iterator[Finding]:
        """Something to look for, and a pattern both engines read alike."""
        if not self.phrases and self.pattern is None and not self.patterns:
            yield Finding(("phrases",), "there is nothing to look for", "add phrases, a pattern, or both")
        yield from _pattern_findings(self.pattern, ("pattern",))
        for index, pattern in enumerate(self.patterns):
            yield from _pattern_findings(pattern, ("patterns", index))

    def all_patterns(self) -> tuple[str, ...]:
        """The pattern and the patterns, as both engines search them."""
        return ((self.pattern,) if self.pattern is not None else ()) + self.patterns


class RuleMatch(TextTest):
    """How a checker rule finds its problem in a message; the Python and browser checkers read it alike.

    It has the phrases, pattern and part of a text test, and settings of its own kind.
    """

    kind: MatchKind = Field(
        description=(
            "contains: each occurrence of the phrases or pattern is a finding. "
            "lacks: a finding when none occurs. "
            "count: a finding when they occur more than max times. "
            "words: a finding when the part has more than max words. "
            "sentence-words: a finding for each sentence of more than max words. "
            "characters: a finding when the part has more than max characters. "
            "ratio: a finding when the phrases occur more than factor times as often as the versus words. "
            "empty: a finding when the part is there but blank (an empty subject line)."
        )
    )
    max: int | None = Field(
        default=None, ge=0, description="The most allowed, for count, words, sentence-words and characters."
    )
    limit: LimitName | None = Field(
        default=None,
        description=(
            "Instead of max: the name of a limit in content/limits.yml (for example first_message_words), "
            "so the number is written once and the pages say the same."
        ),
    )
    versus: tuple[Phrase, ...] = Field(
        default=(), description="For ratio: the words the phrases are compared with (for example you, your)."
    )
    factor: float | None = Field(
        default=None, gt=0, description="For ratio: how many times as often the phrases may occur as the versus words."
    )
    min: int = Field(
        default=1, ge=1, description="For ratio: the fewest occurrences of the phrases before the rule can fire."
    )
    only_if: TextTest | None = Field(
        default=None, description="The rule fires only when this is found too (for lacks, the finding points at it)."
    )
    unless: TextTest | None = Field(default=None, description="The rule does not fire when this is found.")

    def findings(self) -> Iterator[Finding]:
        """Each kind gets the settings it needs and no others; patterns are in the shared syntax."""
        given = {name for name in _KIND_FIELDS if getattr(self, name) not in (None, ())} - (
            {"min"} if self.min == 1 else set()
        )
        for need in _KIND_NEEDS[self.kind]:
            if not any(name in given for name in need.split("|")):
                wanted = " or ".join(need.split("|"))
                yield Finding(("kind",), f"a {self.kind} match needs {wanted}", f"add {wanted} under match")
        if self.max is not None and self.limit is not None:
            yield Finding(
                ("max",), "max and limit are both given", "keep limit, so the number lives in content/limits.yml"
            )
        for name in sorted(given - _KIND_USES[self.kind]):
            yield Finding((name,), f"a {self.kind} match does not use {name}", f"remove {name}, or change the kind")
        if self.kind == "empty" and self.where != "subject":
            yield Finding(("where",), "an empty match only makes sense for the subject", "write where: subject")
        yield from _pattern_findings(self.pattern, ("pattern",))
        for name in ("only_if", "unless"):
            test = getattr(self, name)
            if test is not None:
                for finding in test.findings():
                    yield finding._replace(path=(name, *finding.path))

    def reads_words(self) -> bool:
        """Whether the match looks for phrases, which are words of some language."""
        return bool(
            self.phrases
            or self.versus
            or any(test is not None and test.phrases for test in (self.only_if, self.unless))
        )


class CheckerRule(Model):
    """A rule of the outreach-message checker, run on a draft in the browser and by playbook lint-message."""

    id: Id = Field(description="Stable identifier, also the file name.")
    title: Line = Field(description="Short name of the problem the rule finds, as listed on pages.")
    severity: Severity = Field(
        description="error (the message should not be sent like this), warning (it will likely hurt) or hint (worth a look)."
    )
    situations: tuple[Situation, ...] = Field(
        default=(),
        description=(
            "Situations the rule applies to: first-contact, linkedin-invitation, referral-request, known-contact, "
            "thank-you, follow-up, reply, candidate-to-recruiter; empty means all."
        ),
    )
    severity_by_situation: dict[Situation, Severity] = Field(
        default_factory=dict,
        description="A different severity in some situations, for example candidate-to-recruiter: hint.",
    )
    when_unsure: Severity | None = Field(
        default=None,
        description=(
            "The severity when nothing in the draft says what kind of message it is and the checker falls back "
            "on the default situation (usually hint, for a rule whose verdict depends on the situation); "
            "unset keeps the severity of that situation."
        ),
    )
    match: RuleMatch = Field(description="How the rule finds the problem, in drafts of the languages it names.")
    languages: tuple[DraftLanguage, ...] = Field(
        default=(),
        description=(
            "The draft languages match is written for (en, es); empty for a match that reads no words "
            "(lengths, counts, punctuation), which then checks drafts in every language."
        ),
    )
    matches: dict[DraftLanguage, RuleMatch] = Field(
        default_factory=dict,
        description=(
            "The same problem found in drafts in other languages, each in that language's own words "
            "(es: how Spanish drafts go wrong, not a word-for-word port of the English)."
        ),
    )
    message: Line = Field(
        description=(
            "What a finding says, in a short sentence; {match} is replaced by the text found, "
            "{count} and {max} by the numbers counted and allowed, {versus} by the count of the versus words."
        )
    )
    explanation: Text = Field(description="Why this is a problem, in plain words.")
    fix: Line = Field(description="How to fix it, in a short sentence.")
    anti_pattern: Annotated[Id | None, RefersTo("anti-pattern")] = Field(
        default=None, description="Id of the anti-pattern it detects, if it detects one."
    )
    principle: Annotated[Id, RefersTo("principle")] = Field(description="Id of the principle that fixes it.")
    sources: Annotated[tuple[Id, ...], RefersTo("source", linked=False)] = Field(
        default=(), description="Ids of the sources behind the rule."
    )
    basis: Text | None = Field(
        default=None,
        description="For a rule no source backs: that it is the playbook's own rule of thumb, and why it holds.",
    )

    def findings(self) -> Iterator[Finding]:
        """The match is consistent, severity overrides name situations the rule applies to, and the rule says what backs it."""
        if not self.sources and self.basis is None:
            yield Finding(
                ("sources",), "the rule names no source and no basis", "add sources, or a basis for a rule of thumb"
            )
        for finding in self.match.findings():
            yield finding._replace(path=("match", *finding.path))
        for language, match in self.matches.items():
            for finding in match.findings():
                yield finding._replace(path=("matches", language, *finding.path))
            if language in self.languages:
                yield Finding(
                    ("matches", language),
                    f"{language} is both in languages and in matches",
                    f"keep one: languages for the match above, or matches.{language} for a match of its own",
                )
        if self.match.reads_words() and not self.languages:
            yield Finding(
                ("match",),
                "the match has phrases, but the rule does not name their language",
                "add languages: [en] (or the language the phrases are in)",
            )
        if self.matches and not self.languages:
            yield Finding(
                ("languages",),
                "the rule has matches for other languages, so its own match must name its language",
                "add languages: [en] (or the language the match is written in)",
            )
        if self.situations:
            for situation in self.severity_by_situation:
                if situation not in self.situations:
                    yield Finding(
                        ("severity_by_situation", situation),
                        f"the rule does not apply to {situation}",
                        "add it to situations, or remove this line",
                    )

    def severity_in(self, situation: Situation, sure: bool = True) -> Severity:
        """The rule's severity in a situation; ``sure`` is False when the situation is only the default guess."""
        if not sure and self.when_unsure is not None:
            return self.when_unsure
        return self.severity_by_situation.get(situation, self.severity)

    def applies_to(self, situation: Situation) -> bool:
        """Whether the rule checks messages of this situation."""
        return not self.situations or situation in self.situations

    def match_for(self, language: str) -> RuleMatch | None:
        """The match that finds the problem in a draft in this language; None when the rule does not read it."""
        if language in self.matches:
            return self.matches[language]
        if not self.languages or language in self.languages:
            return self.match
        return None

    def in_language(self, language: str) -> CheckerRule | None:
        """The rule as it checks drafts in one language: that language's match, or None when it has none."""
        match = self.match_for(language)
        if match is None:
            return None
        return self.model_copy(update={"match": match, "languages": (language,), "matches": {}})

    def draft_languages(self) -> tuple[str, ...]:
        """The languages the rule checks; empty when it checks every language."""
        return () if not self.languages else (*self.languages, *self.matches)


Per = Literal["participant", "pair", "table", "room"]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class Material(Model):
    """Something the facilitator brings: how many, counted per participant, pair, table or room."""

    item: Line = Field(description="What it is, for example: sticky notes, a projector, pens.")
    per: Per = Field(
        default="room", description="What the count is for: participant, pair, table (see table_size) or room."
    )
    count: int = Field(default=1, ge=1, le=100, description="How many per participant, pair, table or room.")


class HandoutCopies(Model):
    """Copies of one of the playbook's own printed handouts the workshop uses."""

    handout: Literal["cards", "short", "full"] = Field(
        description="cards: the card deck; short: the two-page handout; full: the whole playbook."
    )
    per: Per = Field(default="participant", description="What one copy is for: participant, pair, table or room.")
    count: int = Field(default=1, ge=1, le=100, description="How many copies per participant, pair, table or room.")


class Segment(Model):
    """One timed part of a workshop's agenda."""

    title: Line = Field(description="Name of the segment, shown in the agenda and as its slide's heading.")
    minutes: int = Field(ge=1, le=480, description="How long it takes, in whole minutes.")
    does: Text = Field(description="What the facilitator does, step by step, in a few sentences.")
    says: Text | None = Field(
        default=None, description="What the facilitator says: a short script to read or adapt, in their voice."
    )
    notes: Text | None = Field(
        default=None, description="Notes for the facilitator only: what to watch for, what to skip when short of time."
    )
    slide: tuple[Line, ...] = Field(
        default=(), description="The points on the segment's slide, a few short lines the room can read."
    )
    entries: Annotated[
        tuple[Id, ...],
        RefersTo("principle", "anti-pattern", "template", "worksheet", "debate", linked=False, skips_hidden=True),
    ] = Field(default=(), description="Ids of the entries the segment presents or discusses.")
    exercises: Annotated[tuple[Id, ...], RefersTo("anti-pattern", linked=False, skips_hidden=True)] = Field(
        default=(),
        description="Ids of anti-patterns used as 'spot the problem' exercises: participants get the weak message "
        "on a sheet; the answer (the anti-pattern and its rewrite) is only in the facilitator guide.",
    )
    worksheets: Annotated[tuple[Id, ...], RefersTo("worksheet", linked=False, skips_hidden=True)] = Field(
        default=(), description="Ids of the worksheets participants fill in; each is printed once per participant."
    )
    debates: Annotated[tuple[Id, ...], RefersTo("debate", linked=False, skips_hidden=True)] = Field(
        default=(), description="Ids of the debates the groups discuss; they print on the debates sheet."
    )
    formula: bool = Field(default=False, description="true when the segment uses the relationship formula.")
    produces: Line | None = Field(default=None, description="What participants have at the end of the segment.")


class Workshop(Model):
    """A session a facilitator runs from the playbook: who it is for, what to bring, and a timed agenda."""

    id: Id = Field(description="Stable identifier, also the file name and the page address.")
    title: Line = Field(description="Title of the workshop, on its page, guide and slides.")
    summary: Line = Field(description="One sentence that says what participants get out of it.")
    audience: Audience = Field(description="Who takes part: job-seeker, recruiter or career-advisor.")
    participants: Line = Field(description="Who the participants are, in a few words, for example: students.")
    duration: int = Field(ge=5, le=480, description="Length in minutes; the agenda's segments must add up to it.")
    group_size: int = Field(ge=1, le=500, description="How many participants the print counts are made for.")
    table_size: int = Field(default=5, ge=1, le=20, description="How many people sit at a table for group work.")
    start: ClockTime | None = Field(
        default=None,
        description="Clock time the workshop starts, as HH:MM (for example 10:00); the guide then shows clock "
        "times, otherwise times from the start.",
    )
    materials: tuple[Material, ...] = Field(default=(), description="What to bring besides the printed sheets.")
    handouts: tuple[HandoutCopies, ...] = Field(
        default=(),
        description="Copies of the playbook's handouts to print; worksheets (one per participant), exercise sheets "
        "and the debates sheet (one per table) are counted from the agenda.",
    )
    preparation: tuple[Text, ...] = Field(min_length=1, description="What to do before the day, in order.")
    agenda: tuple[Segment, ...] = Field(min_length=1, description="The segments, in order.")

    def findings(self) -> Iterator[Finding]:
        """The segments fill the stated duration exactly, and a table is no larger than the group."""
        total = sum(segment.minutes for segment in self.agenda)
        if total != self.duration:
            listed = " + ".join(str(segment.minutes) for segment in self.agenda)
            yield Finding(
                ("duration",),
                f"the agenda's segments add up to {total} minutes ({listed}), but duration is {self.duration}",
                f"change the segments' minutes or write duration: {total}",
            )
        if self.table_size > self.group_size:
            yield Finding(
                ("table_size",),
                f"a table of {self.table_size} is larger than the group of {self.group_size}",
                "make table_size at most group_size",
            )


EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# A postal address: up to four lines (a YAML block, address: |), each with text.
ADDRESS_PATTERN = r"^[^\n]*\S[^\n]*(\n[^\n]*\S[^\n]*){0,3}\n?$"


class Contact(Model):
    """How readers reach the organization."""

    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        default=None, description="Contact e-mail address."
    )
    phone: Line | None = Field(default=None, description="Contact phone number.")
    address: Annotated[str, StringConstraints(max_length=400, pattern=ADDRESS_PATTERN)] | None = Field(
        default=None,
        description="Postal address or room: one line, or up to four as a YAML block (address: |); on the site "
        "its lines are joined by commas, on the handouts' cover each is a line of its own.",
    )

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The address's lines, as written."""
        return tuple(line.strip() for line in (self.address or "").splitlines() if line.strip())


# Characters that could end an HTML attribute or start markup, never in an address or a file name we publish.
_UNSAFE_IN_ATTRIBUTE = set("\"'<>`\\ \t\r\n")


def web_address(value: str, schemes: tuple[str, ...], *, folder: bool = False) -> str:
    """An address parsed as a URL: one of ``schemes``, a host (not for mailto), nothing that breaks out of HTML."""
    bad = sorted(_UNSAFE_IN_ATTRIBUTE & set(value))
    if bad:
        shown = " ".join("a space" if c == " " else repr(c) for c in bad)
        raise ValueError(f"an address cannot hold {shown} — write the address alone, encoding such characters as %XX")
    parsed = urlsplit(value)
    scheme = parsed.scheme.lower()
    if scheme not in schemes:
        raise ValueError(
            f"the address must start with {' or '.join(s + ':' for s in schemes)} — write it in full, for example "
            + ("https://careers.example.edu/playbook/" if folder else "https://careers.example.edu/appointments")
        )
    if scheme == "mailto":
        if "@" not in parsed.path:
            raise ValueError(
                "a mailto: address needs an e-mail address — write it after mailto:, for example mailto:careers@example.edu"
            )
    elif not parsed.netloc or not re.fullmatch(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?", parsed.netloc):
        raise ValueError(
            "the address needs a host name after // — write it in full, for example https://careers.example.edu/"
        )
    if folder and not value.endswith("/"):
        raise ValueError(
            "the site address must end with a slash — add a / at its end, for example https://careers.example.edu/playbook/"
        )
    return value


ASSET_PATH = r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*\.(svg|png|jpg|jpeg|gif|webp|ico)"


class CallToAction(Model):
    """The one thing the organization invites readers to do."""

    label: Line = Field(description="Button text, for example: Book an appointment.")
    url: str = Field(description="Where the button leads: an https://, http:// or mailto: address.")

    @field_validator("url")
    @classmethod
    def _address(cls, value: str) -> str:
        return web_address(value, ("https", "http", "mailto"))


class Site(Model):
    """Settings of the whole site, the handouts and the branding."""

    title: Line = Field(description="Site title.")
    description: Line = Field(description="One sentence describing the site, for search engines and the home page.")
    organization: Line = Field(description="Name of the organization that publishes the playbook.")
    url: str | None = Field(
        default=None,
        description="Public address of the site, ending in a slash; used in the handouts' QR codes, and needed for instant page loads.",
    )
    site_key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")] = Field(
        default="networking-playbook",
        description="A name that never changes, under which readers' browsers keep their saved work (lowercase "
        "letters, digits, hyphens). Title, colours, language and address can change; this must not. Give a fork "
        "its own only when two playbooks share one web address.",
    )
    version: Line = Field(default="1.0", description="Version shown on handouts.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        default="en", description="Language code of the site, for example en or es."
    )
    languages: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], ...] = Field(
        default=(),
        description="A site in several languages, for example [en, es]: the first at the site's address (it "
        "replaces language), each other under <address>/<code>/, with a switch to the same page in the other "
        "language. Saved work is shared between them.",
    )
    paper: Literal["a4", "letter"] = Field(default="a4", description="Paper size of the handouts.")
    primary_color: Color = Field(default="#1f4e79", description="Brand color of the header (hex #rrggbb).")
    accent_color: Color = Field(
        default="#b3541e",
        description="Accent color of buttons, controls and the focus ring, and of links unless link_color is set (hex #rrggbb).",
    )
    link_color: Color | None = Field(
        default=None,
        description="Color of links on the site and of web addresses on the handouts, when it should differ from "
        "the accent color, for example a darker shade of a light brand color (hex #rrggbb).",
    )
    logo: str | None = Field(default=None, description="Path of the logo image, relative to the content folder.")
    favicon: str | None = Field(default=None, description="Path of the favicon, relative to the content folder.")
    contact: Contact | None = Field(default=None, description="How readers reach the organization.")
    call_to_action: CallToAction | None = Field(default=None, description="The button shown on every page.")
    footer: Line | None = Field(default=None, description="Text of the page footer.")
    engine: Literal["mkdocs", "zensical"] = Field(
        default="mkdocs",
        description="What builds the site: mkdocs (MkDocs with Material for MkDocs 9.8, supported until 5 May 2027) "
        "or zensical (its successor). `playbook build --engine` overrides it for one build.",
    )

    @field_validator("url")
    @classmethod
    def _site_address(cls, value: str | None) -> str | None:
        return None if value is None else web_address(value, ("https", "http"), folder=True)

    @field_validator("logo", "favicon")
    @classmethod
    def relative_path(cls, value: str | None) -> str | None:
        """Asset paths stay inside the content folder, and their names are plain enough to publish."""
        if value is not None and (value.startswith("/") or ".." in value.split("/")):
            raise ValueError(
                "the path leads out of the content folder — give a path inside it, without '..' or a leading '/', "
                "for example local/logo.svg"
            )
        if value is not None and not re.fullmatch(ASSET_PATH, value):
            raise ValueError(
                "this is not a plain image file name ending in .svg, .png, .jpg, .jpeg, .gif, .webp or .ico — "
                "name the file with letters, digits, '-', '_' and '.' only (no spaces or quotes), for example local/logo.svg"
            )
        return value

    def findings(self) -> Iterator[Finding]:
        for index, code in enumerate(self.languages):
            if code in self.languages[:index]:
                yield Finding(("languages", index), f"'{code}' is listed twice", "list each language once")
        if self.languages and "language" in self.model_fields_set:
            yield Finding(
                ("language",),
                f"language and languages are both set: languages puts {self.languages[0]} at the site's address "
                f"and {', '.join(self.languages[1:])} beside it, so language: {self.language} would not be used",
                "remove the language line for a site in several languages, or remove languages for a site in one",
            )
        if len(self.languages) == 1:
            yield Finding(
                ("languages",),
                "one language is not a site in several languages",
                f"write language: {self.languages[0]}",
            )

    @property
    def editions(self) -> tuple[str, ...]:
        """The languages the site is built in, the one at its address first."""
        return self.languages or (self.language,)


# Every kind of entry the linked playbook holds by id.
EntryModel = (
    Source | Principle | AntiPattern | MessageTemplate | Worksheet | Debate | ReadingPath | CheckerRule | Workshop
)


class Override(Model):
    """Changes to single fields of an upstream entry, kept in a fork's overlay.

    Only ``id`` and ``reviewed`` are fixed here; every other key must be a
    field of the entry's kind and replaces that field's upstream value.
    """

    model_config = ConfigDict(frozen=True, extra="allow", strict=True)

    id: Id = Field(description="Id of the upstream entry to change.")
    reviewed: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")] | None = Field(
        default=None,
        description="Fingerprint of the upstream entry when the fork last reviewed it; `playbook drift --mark-reviewed` writes it.",
    )


class Note(Model):
    """An institution's note on an entry, shown on its page and in the handouts."""

    id: Id = Field(description="Id of the entry the note belongs to; also the file name.")
    title: Line | None = Field(default=None, description="Heading of the note; by default 'At our center'.")
    note: Text = Field(description="The note. Separate paragraphs with a blank line.")


class Hidden(Model):
    """Upstream entries a fork leaves out of its site and handouts."""

    hide: tuple[Id, ...] = Field(
        description="Ids of the entries to hide; 'customize' hides the page on customizing the site, which students need not see."
    )


def _optional_fields(model: type[Model]) -> dict[str, Any]:
    """The model's fields, each optional, with the constraints of its type kept."""
    return {
        name: (
            Optional[Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation],  # noqa: UP045
            Field(default=None, description=info.description),
        )
        for name, info in model.model_fields.items()
    }


def _field_validators(model: type[Model]) -> dict[str, Any]:
    """The model's own field validators, to check the same fields of another model."""
    return {
        name: field_validator(*decorator.info.fields, mode=decorator.info.mode)(
            getattr(decorator.func, "__func__", decorator.func)
        )
        for name, decorator in model.__pydantic_decorators__.field_validators.items()
    }


# The fork's branding: any setting of the site, each optional, replacing upstream's. Its values are checked
# as the site's are, so a branding file's problems are all reported at once, not one after another.
Branding: type[Model] = create_model(
    "Branding",
    __base__=Model,
    __doc__="A fork's brand and settings; every key is optional and replaces the one in content/site.yml.",
    __validators__=_field_validators(Site),
    **_optional_fields(Site),
)
