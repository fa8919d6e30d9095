"""What kind of message a draft is, guessed from its text, so the checker applies the right rules.

The guess follows ``content/situations.yml``: cues are tried in order, and the
first that fits names the situation; with none, the guide's default. A cue fits
when the draft has (or lacks) a subject as it asks, is no longer than its
character limit, contains none of its ``unless`` phrases in the body, and has
one of its phrases where it looks (a cue without phrases needs none). The
browser's ``inferSituation`` in ``overrides/assets/playbook/lib/checker.js``
takes the same steps with the same phrase matching, on the data
:func:`guide_data` makes; the tests hold both to the same answer on every test
message. The writer can always override the guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.checker.rules import Text, phrase_spans
from playbook.content.model import Limits, SituationGuide
from playbook.content.situations import Situation


@dataclass(frozen=True)
class Inferred:
    """The situation guessed, and the words that gave it away ("" for a cue without phrases, None for the default)."""

    situation: Situation
    cue: str | None


def guide_data(guide: SituationGuide, limits: Limits | None, language: str = "en") -> dict[str, Any]:
    """The guide as both engines read it for drafts in ``language``: that language's cues, each limit as its number."""
    data = guide.model_dump(mode="json")
    data["cues"] = [cue for cue, model in zip(data["cues"], guide.cues, strict=True) if model.reads(language)]
    for cue in data["cues"]:
        del cue["languages"]
        name = cue.pop("max_characters")
        cue["max_characters"] = limits.value(name) if name is not None and limits is not None else None
    return data


# The start of a draft says what kind of message it is; a pasted document is not searched whole.
INFER_CHARACTERS = 1500


def infer_situation(data: dict[str, Any], body: str, subject: str | None = None) -> Inferred:
    """The situation of a draft by the guide's cues (as :func:`guide_data` gives them), first fit wins.

    Only the first ``INFER_CHARACTERS`` code points of the body are read.
    """
    body_text = Text(body[:INFER_CHARACTERS])
    subject_text = Text(subject) if subject is not None else None
    for cue in data["cues"]:
        found = _fits(cue, body_text, subject_text)
        if found is not None:
            return Inferred(cue["situation"], found)
    return Inferred(data["default"], None)


def _fits(cue: dict[str, Any], body: Text, subject: Text | None) -> str | None:
    """The phrase that makes a cue fit ("" when it needs none), or None when it does not fit."""
    if cue["without_subject"] and subject is not None:
        return None
    limit = cue["max_characters"]
    if limit is not None and body.trimmed.end - body.trimmed.start > limit:
        return None
    if any(phrase_spans(body, phrase) for phrase in cue["unless"]):
        return None
    if not cue["phrases"]:
        return ""
    where = cue["where"]
    text = body if where != "subject" else subject
    if text is None:
        return None
    window = body.opening if where == "opening" else None
    if where == "opening" and window is None:
        return None
    for phrase in cue["phrases"]:
        for span in phrase_spans(text, phrase):
            if window is None or (window.start <= span.start and span.end <= window.end):
                return text.shown(span)
    return None
