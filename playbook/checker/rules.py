"""The outreach-message checker: rules, a draft and its situation in; findings out.

Pure and shared in meaning with ``overrides/assets/playbook/lib/checker.js``: both
read the same rule data and must find the same things, which the shared test
messages in ``tests/checker/`` hold them to. Whatever both engines do alike lives
here as a plain rule, so the JavaScript can follow it step by step:

- Text is *folded* before matching (lowercase, straight quotes, plain hyphens and
  spaces, vowels without their accents but ñ kept) by a one-to-one character mapping, so offsets in the folded text are
  offsets in the draft.
- A phrase matches as whole words: its words in order, separated by any run of
  spaces or line breaks, with no letter, digit, mark or underscore just before
  or after it. Each phrase is searched on its own and overlapping hits are
  resolved by keeping the earliest, then the longest.
- A pattern (the ``pattern`` and each of ``patterns``) is searched repeatedly from
  where the last hit ended; empty hits are skipped one character on.
- Sentences end after ``.``, ``!`` or ``?`` (with closing quotes or brackets) before
  a space or line break, at a blank line, and before a list item; not after a title
  such as Dr., Mrs., Sra., Lic. or Ing.
- The *opening* is the first two sentences after a greeting such as "Hi Sam,".
- Words are runs of characters between spaces and line breaks.

Offsets count code points; lines and columns are 1-based.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal, NamedTuple

from playbook.content.model import CheckerRule, MessagePart, RuleMatch, Severity, TextTest
from playbook.content.regex_subset import FLAGS, fold
from playbook.content.situations import Situation

Part = Literal["subject", "body"]

SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "hint": 2}
PART_RANK: dict[str, int] = {"subject": 0, "body": 1}
# A pasted document can hold thousands of hits of one rule; the first ones say enough.
MAX_PER_RULE = 20
MATCH_SHOWN = 60

# A title before a name (Dr. Osei, Sra. Ruiz, Ing. Torres) does not end a sentence.
_SENTENCE_END = re.compile(
    r"(?<!\b(?:mr|ms|dr|sr|st))(?<!\b(?:mrs|dra|sra|lic|ing))(?<!\b(?:prof|srta|mtro|mtra))"
    r"[.!?]+[\"')\]]*(?=[ \n]|$)|\n *\n|\n(?= *(?:[-*•]|\d+[.)]) )",
    re.ASCII,
)
_WORD = re.compile(r"[^ \n]+")
# English and Spanish greetings (folded, so "días" is "dias"); the opening starts after one.
_GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening)"
    r"|hola|buen(?:os|as) (?:dias|tardes|noches)|buen dia|estimad[oa]s?|querid[oa]s?|apreciad[oa]s?|saludos)\b",
    re.ASCII,
)
_SPACES = re.compile("[ \n]+")
_VALUE = re.compile(r"\{(match|count|max|versus)\}")
_GREETING_WORDS = 4
_OPENING_SENTENCES = 2


class Span(NamedTuple):
    """A stretch of text from ``start`` to ``end`` (exclusive), in code points."""

    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    """One problem in a draft: which rule, how serious, what to do, and where."""

    rule: str
    severity: Severity
    message: str
    fix: str
    part: Part
    span: Span | None
    line: int
    column: int
    end_line: int
    end_column: int

    def sort_key(self) -> tuple[int, int, int, str, int]:
        """Subject before body, then position (whole-part findings first), severity and rule."""
        start, end = self.span if self.span is not None else (-1, -1)
        return (PART_RANK[self.part], start, SEVERITY_RANK[self.severity], self.rule, end)

    def as_json(self) -> dict[str, Any]:
        """The finding as JSON data, as ``lint-message --json`` prints it."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "part": self.part,
            "start": self.span.start if self.span is not None else None,
            "end": self.span.end if self.span is not None else None,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@cache
def _is_word_char(c: str) -> bool:
    return c == "_" or unicodedata.category(c)[0] in "LNM"


def phrase_words(phrase: str) -> list[str]:
    """A phrase's words, folded: split at spaces and line breaks."""
    return _SPACES.split(fold(phrase).strip(" \n"))


class _Phrase(NamedTuple):
    """A phrase prepared once: its words joined by single spaces, and whether its ends need a word boundary."""

    spaced: str
    first_is_word: bool
    last_is_word: bool


@cache
def _phrase(phrase: str) -> _Phrase:
    words = phrase_words(phrase)
    return _Phrase(" ".join(words), _is_word_char(words[0][0]), _is_word_char(words[-1][-1]))


@cache
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


class _Spaced(NamedTuple):
    text: str
    starts: list[int]


class Text:
    """One part of a draft, prepared for matching."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    @cached_property
    def trimmed(self) -> Span:
        """The part without leading and trailing spaces and line breaks."""
        stripped = self.folded.lstrip(" \n")
        start = len(self.folded) - len(stripped)
        return Span(start, start + len(stripped.rstrip(" \n")))

    @cached_property
    def words(self) -> list[Span]:
        return [Span(m.start(), m.end()) for m in _WORD.finditer(self.folded)]

    @cached_property
    def spaced(self) -> _Spaced:
        """The folded words joined by single spaces, and where each word starts in that text.

        A phrase's words may be apart by any run of spaces and line breaks;
        here they are one space apart, so a phrase is found by a plain search.
        """
        starts, position = [], 0
        for word in self.words:
            starts.append(position)
            position += word.end - word.start + 1
        return _Spaced(" ".join(self.folded[w.start : w.end] for w in self.words), starts)

    def unspaced(self, offset: int) -> int:
        """The offset in the folded text of a character of :attr:`spaced`."""
        starts = self.spaced.starts
        index = bisect.bisect_right(starts, offset) - 1
        return self.words[index].start + offset - starts[index]

    @cached_property
    def sentences(self) -> list[Span]:
        spans = []
        position = 0
        for boundary in _SENTENCE_END.finditer(self.folded):
            newline = boundary.group().startswith("\n")
            spans.append(self._trim(position, boundary.start() if newline else boundary.end()))
            position = boundary.end()
        spans.append(self._trim(position, len(self.folded)))
        return [span for span in spans if span.end > span.start]

    def _trim(self, start: int, end: int) -> Span:
        while start < end and self.folded[start] in " \n":
            start += 1
        while end > start and self.folded[end - 1] in " \n":
            end -= 1
        return Span(start, end)

    @cached_property
    def opening(self) -> Span | None:
        """The first two sentences after a greeting, or None for a blank text."""
        sentences = self.sentences
        if sentences and self._is_greeting(sentences[0]):
            sentences = sentences[1:]
        if not sentences:
            return None
        chosen = sentences[:_OPENING_SENTENCES]
        return Span(chosen[0].start, chosen[-1].end)

    def _is_greeting(self, sentence: Span) -> bool:
        text = self.folded[sentence.start : sentence.end]
        return _GREETING.match(text) is not None and len(_WORD.findall(text)) <= _GREETING_WORDS

    def shown(self, span: Span) -> str:
        """The text of a span as a finding quotes it: spaces collapsed, long text cut short."""
        pieces: list[str] = []
        space = False
        for original, folded in zip(self.text[span.start : span.end], self.folded[span.start : span.end], strict=True):
            if folded in " \n":
                space = True
                continue
            if space and pieces:
                pieces.append(" ")
            space = False
            pieces.append(original)
        shown = "".join(pieces)
        return shown if len(shown) <= MATCH_SHOWN else shown[: MATCH_SHOWN - 1] + "…"


def phrase_spans(text: Text, phrase: str) -> list[Span]:
    """Where a phrase occurs as whole words."""
    needle, first_is_word, last_is_word = _phrase(phrase)
    spaced = text.spaced.text
    folded = text.folded
    spans = []
    # A plain search in the text with single spaces: a regex a phrase would cost more
    # to compile than to run, and most drafts contain few of the phrases.
    found = spaced.find(needle)
    while found >= 0:
        start = text.unspaced(found)
        end = text.unspaced(found + len(needle) - 1) + 1
        clear_before = not (first_is_word and start > 0 and _is_word_char(folded[start - 1]))
        clear_after = not (last_is_word and end < len(folded) and _is_word_char(folded[end]))
        if clear_before and clear_after:
            spans.append(Span(start, end))
            found = spaced.find(needle, found + len(needle))
        else:
            found = spaced.find(needle, found + 1)
    return spans


def pattern_spans(text: Text, pattern: str) -> list[Span]:
    """Where a pattern matches, searched again from the end of each hit."""
    regex = _pattern_regex(pattern)
    spans = []
    position = 0
    while position <= len(text.folded) and (hit := regex.search(text.folded, position)) is not None:
        start, end = hit.span()
        if end == start:
            position = start + 1
            continue
        spans.append(Span(start, end))
        position = end
    return spans


def occurrences(text: Text, phrases: Sequence[str], patterns: Sequence[str], window: Span | None) -> list[Span]:
    """Every hit of phrases and patterns inside ``window``, overlaps resolved earliest then longest."""
    spans = [span for phrase in phrases for span in phrase_spans(text, phrase)]
    for pattern in patterns:
        spans += pattern_spans(text, pattern)
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in spans:
        if window is not None and not (window.start <= span.start and span.end <= window.end):
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


class _Draft:
    """The parts of a draft a rule can look at."""

    def __init__(self, body: str, subject: str | None) -> None:
        self.parts: dict[Part, Text] = {"body": Text(body)}
        if subject is not None:
            self.parts["subject"] = Text(subject)

    def places(self, where: MessagePart) -> list[tuple[Part, Text, Span | None]]:
        """The texts (and windows in them) a rule's ``where`` names; empty when the part is absent."""
        body = self.parts["body"]
        subject = self.parts.get("subject")
        found: list[tuple[Part, Text, Span | None]] = []
        if where in ("subject", "message") and subject is not None:
            found.append(("subject", subject, None))
        if where in ("body", "message"):
            found.append(("body", body, None))
        if where == "opening" and body.opening is not None:
            found.append(("body", body, body.opening))
        return found

    def hits(self, test: RuleMatch | TextTest) -> list[tuple[Part, Text, Span]]:
        return [
            (part, text, span)
            for part, text, window in self.places(test.where)
            for span in occurrences(text, test.phrases, test.all_patterns(), window)
        ]


class _Hit(NamedTuple):
    part: Part
    text: Text
    span: Span | None
    values: dict[str, int | str]


def _hits(match: RuleMatch, draft: _Draft) -> list[_Hit]:
    """Where one rule's match finds its problem, before conditions and severity."""
    places = draft.places(match.where)
    if not places:
        return []
    kind = match.kind
    if kind == "contains":
        return [_Hit(part, text, span, {"match": text.shown(span)}) for part, text, span in draft.hits(match)]
    if kind == "lacks":
        if draft.hits(match):
            return []
        part, text, window = places[0]
        return [_Hit(part, text, window, {})]
    if kind == "count":
        found = draft.hits(match)
        assert match.max is not None
        if len(found) <= match.max:
            return []
        part, text, span = found[match.max]
        return [_Hit(part, text, span, {"count": len(found), "max": match.max, "match": text.shown(span)})]
    if kind == "ratio":
        count = len(draft.hits(match))
        versus = len(draft.hits(match.model_copy(update={"phrases": match.versus, "pattern": None, "patterns": ()})))
        assert match.factor is not None
        if count >= match.min and count > match.factor * versus:
            part, text, _ = places[0]
            return [_Hit(part, text, None, {"count": count, "versus": versus})]
        return []
    if kind == "empty":
        part, text, _ = places[0]
        return [_Hit(part, text, None, {})] if text.trimmed.end == text.trimmed.start else []
    assert match.max is not None
    limit = match.max
    hits = []
    for part, text, window in places:
        if kind == "characters":
            start, end = window or text.trimmed
            count = end - start
            if count > limit:
                hits.append(_Hit(part, text, Span(start + limit, end), {"count": count, "max": limit}))
        elif kind == "words":
            inside = [w for w in text.words if window is None or window.start <= w.start < window.end]
            if len(inside) > limit:
                span = Span(inside[limit].start, inside[-1].end)
                hits.append(_Hit(part, text, span, {"count": len(inside), "max": limit}))
        else:
            for sentence in text.sentences:
                if window is not None and not (window.start <= sentence.start < window.end):
                    continue
                count = sum(1 for _ in _WORD.finditer(text.folded, sentence.start, sentence.end))
                if count > limit:
                    hits.append(_Hit(part, text, sentence, {"count": count, "max": limit}))
    return hits


def _fill(template: str, values: dict[str, int | str]) -> str:
    """Put the values into a rule's message in one pass, so a value is never filled in itself."""
    return _VALUE.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def check_message(
    rules: Iterable[CheckerRule],
    body: str,
    situation: Situation,
    subject: str | None = None,
    language: str = "en",
    sure: bool = True,
) -> list[Finding]:
    """Every finding of ``rules`` in a draft written in ``language``, sorted by part and position.

    ``sure`` is False when nothing in the draft said what kind of message it is and
    ``situation`` is only the guide's default: a rule whose verdict depends on the
    situation then reports at its ``when_unsure`` severity (a hint, mostly), so a
    wrong guess does not make it warn.

    ``subject`` is None when the message has no subject line (a LinkedIn
    message or invitation); rules about the subject then do not apply. Each
    rule looks with its match for that language (see :func:`rules_in`); a rule
    without one is skipped. Line breaks in ``body`` must be ``\\n``.
    """
    draft = _Draft(body, subject)
    findings = []
    for rule in rules:
        match = rule.match_for(language)
        if match is None or not rule.applies_to(situation):
            continue
        hits = _hits(match, draft)
        if not hits:
            continue
        if match.only_if is not None:
            condition = draft.hits(match.only_if)
            if not condition:
                continue
            if match.kind == "lacks":
                part, text, span = condition[0]
                hits = [_Hit(part, text, span, {"match": text.shown(span)})]
        if match.unless is not None and draft.hits(match.unless):
            continue
        severity = rule.severity_in(situation, sure)
        for hit in hits[:MAX_PER_RULE]:
            findings.append(_finding(rule, severity, hit))
    return sorted(findings, key=Finding.sort_key)


def _finding(rule: CheckerRule, severity: Severity, hit: _Hit) -> Finding:
    if hit.span is None:
        line = column = end_line = end_column = 1
    else:
        line, column = hit.text.position(hit.span.start)
        end_line, end_column = hit.text.position(hit.span.end)
    return Finding(
        rule=rule.id,
        severity=severity,
        message=_fill(rule.message, hit.values),
        fix=rule.fix,
        part=hit.part,
        span=hit.span,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error."""
    return any(f.severity == "error" for f in findings)


def rules_in(rules: Iterable[CheckerRule], language: str) -> list[CheckerRule]:
    """The rules that check a draft in ``language``, each with that language's match."""
    return [found for rule in rules if (found := rule.in_language(language)) is not None]


def draft_languages(rules: Iterable[CheckerRule]) -> list[str]:
    """The languages some rule reads the words of, sorted."""
    return sorted({language for rule in rules for language in rule.draft_languages()})


def rule_data(rule: CheckerRule) -> dict[str, Any]:
    """A rule as the browser checker reads it (after :func:`rules_in`, one language's match)."""
    return rule.model_dump(mode="json")
