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
from playbook.content.model import AntiPattern, Example, MessageTemplate, Principle
from playbook.content.situations import Situation
from playbook.pipeline import Project, check
from playbook.report import Reporter


@cache
def playbook() -> Playbook:
    return check(Project(REPO), Reporter(quiet=True)).playbook


def situation_of(example: Example, text: str) -> Situation:
    if example.situation is not None:
        return example.situation
    book = playbook()
    assert book.situation_guide is not None
    return infer_situation(guide_data(book.situation_guide, book.limits), text).situation


def findings(text: str, situation: Situation, subject: str | None = None) -> list[Finding]:
    return check_message(playbook().of_kind("rule"), text.strip() + "\n", situation, subject)


def serious(found: list[Finding]) -> list[str]:
    return [f"{f.rule} ({f.severity}): {f.message}" for f in found if f.severity in ("error", "warning")]


def examples() -> list[tuple[str, Example]]:
    book = playbook()
    found: list[tuple[str, Example]] = []
    for principle in book.of_kind("principle"):
        found.append((f"principle {principle.id}", principle.example))
    for anti in book.of_kind("anti-pattern"):
        found.append((f"anti-pattern {anti.id}", anti.rewrite))
    return [(name, example) for name, example in found if example.message]


def rules_for(entry: str) -> set[str]:
    """The rules that should catch an entry's weak example: its anti-pattern's, or those of the anti-patterns it counters."""
    book = playbook()
    kind, entry_id = entry.split(" ")
    anti_patterns: list[AntiPattern]
    if kind == "anti-pattern":
        anti_patterns = [book.get(Ref("anti-pattern", entry_id))]
    else:
        principle: Principle = book.get(Ref("principle", entry_id))
        anti_patterns = [book.get(Ref("anti-pattern", a)) for a in principle.counters]
    named = {rule for anti in anti_patterns for rule in anti.rules}
    named |= {r.id for r in book.of_kind("rule") if r.anti_pattern in {a.id for a in anti_patterns}}
    return named


@pytest.mark.parametrize(("entry", "example"), examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_better_example_gets_no_error_or_warning(entry: str, example: Example) -> None:
    situation = situation_of(example, example.better)
    assert serious(findings(example.better, situation)) == [], f"{entry}: the better example, as {situation}"


@pytest.mark.parametrize(("entry", "example"), examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_weak_example_is_caught_by_the_rule_its_anti_pattern_names(entry: str, example: Example) -> None:
    situation = situation_of(example, example.weak)
    found = {f.rule for f in findings(example.weak, situation)}
    expected = rules_for(entry)
    if expected:
        assert found & expected, (
            f"{entry}: the weak example, as {situation}, is caught by none of {sorted(expected)} (found {sorted(found)})"
        )
    else:
        assert found, f"{entry}: the weak example, as {situation}, is caught by no rule"


def templates() -> list[Any]:
    return playbook().of_kind("template")


@pytest.mark.parametrize("template", templates(), ids=lambda t: t.id)
def test_every_template_filled_with_its_examples_gets_no_error_or_warning(template: MessageTemplate) -> None:
    subject, body = template.filled()
    assert serious(findings(body, template.situation, subject)) == [], (
        f"template {template.id}, as {template.situation}"
    )


# The Spanish edition: its examples and templates, with the Spanish rules and cues ----------------


@cache
def spanish() -> tuple[Playbook, list[Any], dict[str, Any]]:
    """The Spanish playbook, the rules with their Spanish matches, and the Spanish situation cues."""
    book = check(Project(REPO), Reporter(quiet=True), "es").playbook
    assert book.situation_guide is not None
    return book, rules_in(book.of_kind("rule"), "es"), guide_data(book.situation_guide, book.limits, "es")


def spanish_findings(text: str, situation: Situation, subject: str | None = None) -> list[Finding]:
    _, rules, _ = spanish()
    return check_message(rules, text.strip() + "\n", situation, subject, "es")


def spanish_situation(example: Example, text: str) -> Situation:
    if example.situation is not None:
        return example.situation
    return infer_situation(spanish()[2], text).situation


def spanish_examples() -> list[tuple[str, Example, frozenset[str]]]:
    """Each Spanish example that is a message, with the rules its weak side should trip."""
    book, rules, _ = spanish()
    found: list[tuple[str, Example, list[AntiPattern]]] = []
    for principle in book.of_kind("principle"):
        counters = [book.get(Ref("anti-pattern", a)) for a in principle.counters]
        found.append((f"principle {principle.id}", principle.example, counters))
    for anti in book.of_kind("anti-pattern"):
        found.append((f"anti-pattern {anti.id}", anti.rewrite, [anti]))
    return [
        (
            name,
            example,
            frozenset(
                {r.id for r in rules if r.anti_pattern in {a.id for a in antis}} | {r for a in antis for r in a.rules}
            ),
        )
        for name, example, antis in found
        if example.message
    ]


@pytest.mark.parametrize(
    ("entry", "example", "named"), spanish_examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_spanish_better_example_gets_no_error_or_warning(
    entry: str, example: Example, named: frozenset[str]
) -> None:
    situation = spanish_situation(example, example.better)
    assert serious(spanish_findings(example.better, situation)) == [], (
        f"{entry} (es): the better example, as {situation}"
    )


@pytest.mark.parametrize(
    ("entry", "example", "named"), spanish_examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_spanish_weak_example_is_caught_by_the_rule_its_anti_pattern_names(
    entry: str, example: Example, named: frozenset[str]
) -> None:
    situation = spanish_situation(example, example.weak)
    found = {f.rule for f in spanish_findings(example.weak, situation)}
    if named:
        assert found & named, (
            f"{entry} (es): the weak example, as {situation}, is caught by none of {sorted(named)} (found {sorted(found)})"
        )
    else:
        assert found, f"{entry} (es): the weak example, as {situation}, is caught by no rule"


def spanish_templates() -> list[Any]:
    return spanish()[0].of_kind("template")


@pytest.mark.parametrize("template", spanish_templates(), ids=lambda t: t.id)
def test_every_spanish_template_filled_with_its_examples_gets_no_error_or_warning(template: MessageTemplate) -> None:
    subject, body = template.filled()
    assert serious(spanish_findings(body, template.situation, subject)) == [], (
        f"template {template.id} (es), as {template.situation}"
    )
