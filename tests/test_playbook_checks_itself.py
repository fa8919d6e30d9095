"""The playbook passes its own checker, entry by entry.

Every "better" example and every template filled with its examples gets no
error and no warning in the situation it is written for (inferred from its
text, unless the example names one); every "weak" example is caught by a rule
of the anti-pattern it shows. A failure names the entry, the example and the
rule, so an editor knows which file to open. The Spanish edition is held to the
same, with the Spanish rules and situation cues.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from test_checker import REPO

from playbook.checker.inference import guide_data, infer_situation
from playbook.checker.rules import Finding, check_message, rules_in
from playbook.content.link import Playbook, Ref
from playbook.content.model import AntiPattern, CheckerRule, Example, MessageTemplate
from playbook.content.situations import Situation
from playbook.pipeline import Project, check
from playbook.report import Reporter

LANGUAGES = ("en", "es")


@cache
def edition(language: str) -> tuple[Playbook, list[CheckerRule], dict[str, Any]]:
    """The playbook in ``language``, its rules with that language's matches, and its situation cues."""
    book = check(Project(REPO), Reporter(quiet=True), None if language == "en" else language).playbook
    assert book.situation_guide is not None
    return book, rules_in(book.of_kind("rule"), language), guide_data(book.situation_guide, book.limits, language)


def situation_of(language: str, example: Example, text: str) -> Situation:
    if example.situation is not None:
        return example.situation
    return infer_situation(edition(language)[2], text).situation


def findings(language: str, text: str, situation: Situation, subject: str | None = None) -> list[Finding]:
    return check_message(edition(language)[1], text.strip() + "\n", situation, subject, language)


def serious(found: list[Finding]) -> list[str]:
    return [f"{f.rule} ({f.severity}): {f.message}" for f in found if f.severity in ("error", "warning")]


def examples() -> list[tuple[str, str, Example, frozenset[str]]]:
    """Each example that is a message, per language, with the rules its weak side should trip.

    Those rules are the anti-pattern's own (a principle's example: those of the anti-patterns
    it counters), named by the anti-pattern or naming it.
    """
    found: list[tuple[str, str, Example, frozenset[str]]] = []
    for language in LANGUAGES:
        book, rules, _ = edition(language)
        shown: list[tuple[str, Example, list[AntiPattern]]] = []
        for principle in book.of_kind("principle"):
            counters = [book.get(Ref("anti-pattern", a)) for a in principle.counters]
            shown.append((f"principle {principle.id}", principle.example, counters))
        for anti in book.of_kind("anti-pattern"):
            shown.append((f"anti-pattern {anti.id}", anti.rewrite, [anti]))
        for name, example, antis in shown:
            if not example.message:
                continue
            named = {r.id for r in rules if r.anti_pattern in {a.id for a in antis}} | {
                r for a in antis for r in a.rules
            }
            found.append((language, name, example, frozenset(named)))
    return found


def templates() -> list[tuple[str, MessageTemplate]]:
    return [(language, template) for language in LANGUAGES for template in edition(language)[0].of_kind("template")]


def ids(value: Any) -> str:
    return value if isinstance(value, str) else value.id if isinstance(value, MessageTemplate) else ""


@pytest.mark.parametrize(("language", "entry", "example", "named"), examples(), ids=ids)
def test_every_better_example_gets_no_error_or_warning(
    language: str, entry: str, example: Example, named: frozenset[str]
) -> None:
    situation = situation_of(language, example, example.better)
    assert serious(findings(language, example.better, situation)) == [], (
        f"{entry} ({language}): the better example, as {situation}"
    )


@pytest.mark.parametrize(("language", "entry", "example", "named"), examples(), ids=ids)
def test_every_weak_example_is_caught_by_the_rule_its_anti_pattern_names(
    language: str, entry: str, example: Example, named: frozenset[str]
) -> None:
    situation = situation_of(language, example, example.weak)
    found = {f.rule for f in findings(language, example.weak, situation)}
    if named:
        assert found & named, (
            f"{entry} ({language}): the weak example, as {situation}, is caught by none of {sorted(named)} "
            f"(found {sorted(found)})"
        )
    else:
        assert found, f"{entry} ({language}): the weak example, as {situation}, is caught by no rule"


@pytest.mark.parametrize(("language", "template"), templates(), ids=ids)
def test_every_template_filled_with_its_examples_gets_no_error_or_warning(
    language: str, template: MessageTemplate
) -> None:
    subject, body = template.filled()
    assert serious(findings(language, body, template.situation, subject)) == [], (
        f"template {template.id} ({language}), as {template.situation}"
    )
