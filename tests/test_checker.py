"""The message checker: its rules on the labelled messages, each kind of match, bad rules and bad input.

The labelled messages in tests/checker/messages.yml are shared with the node
tests through tests/checker/messages.json and rules.json; a test here fails
when those files no longer match the YAML and the rules (refresh them with
``pytest tests/test_checker.py --update-goldens``).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook.checker.inference import guide_data, infer_situation
from playbook.checker.rules import (
    MAX_PER_RULE,
    Span,
    Text,
    _is_word_char,
    check_message,
    phrase_spans,
    phrase_words,
    rule_data,
    rules_in,
)
from playbook.content.link import Playbook
from playbook.content.model import CheckerRule
from playbook.content.regex_subset import fold, refusal
from playbook.content.situations import SITUATIONS
from playbook.pipeline import Project, check
from playbook.problems import ContentError
from playbook.report import Reporter

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / "tests" / "checker"
# The message sets both engines are held to, each in tests/checker/<name>.yml, with their language.
SETS = {
    "messages": "en",
    "holdout": "en",
    "holdout-v3": "en",
    "holdout-v4": "en",
    "holdout-v5": "en",
    "edge": "en",
    "dev-es": "es",
    "holdout-v3-es": "es",
    "holdout-v4-es": "es",
}
# The sets the rules were written and tuned on, which both engines must get exactly right.
LABELLED = ("messages", "dev-es")


@cache
def default_playbook() -> Playbook:
    return check(Project(REPO), Reporter(quiet=True)).playbook


@cache
def default_rules() -> tuple[CheckerRule, ...]:
    return tuple(default_playbook().of_kind("rule"))


@cache
def default_guide(language: str = "en") -> dict[str, Any]:
    playbook = default_playbook()
    assert playbook.situation_guide is not None
    return guide_data(playbook.situation_guide, playbook.limits, language)


@cache
def rules_for(language: str) -> tuple[CheckerRule, ...]:
    return tuple(rules_in(default_rules(), language))


@cache
def messages(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load((SHARED / f"{name}.yml").read_text(encoding="utf-8")))


def found(message: dict[str, Any]) -> list[str]:
    findings = check_message(default_rules(), message["body"], message["situation"], message.get("subject"))
    return sorted({f.rule for f in findings})


# The labelled messages ---------------------------------------------------------------


def test_the_labelled_messages_cover_every_rule_and_situation() -> None:
    corpus = messages("messages")
    rules = {rule.id: rule for rule in default_rules()}
    assert len(corpus) >= 60
    assert len({m["id"] for m in corpus}) == len(corpus)
    assert {m["situation"] for m in corpus} == set(SITUATIONS)
    assert sum(1 for m in corpus if not m["expected"]) >= 15, "too few good messages to measure precision"
    for message in corpus:
        for rule_id in message["expected"]:
            assert rule_id in rules, f"{message['id']}: unknown rule {rule_id}"
            assert rules[rule_id].applies_to(message["situation"]), f"{message['id']}: {rule_id} does not apply"
    for rule_id in rules:
        positives = [m["id"] for m in corpus if rule_id in m["expected"]]
        assert len(positives) >= 3, f"{rule_id} has only {len(positives)} positive examples"


def checker_answer(message: dict[str, Any]) -> list[str]:
    """What the checker is held to: the reader's labels, minus its known misses, plus its known false alarms."""
    missed, extra = set(message.get("missed", [])), set(message.get("false_alarm", []))
    assert missed <= set(message["expected"]), f"{message['id']}: missed names a rule that is not expected"
    assert not extra & set(message["expected"]), f"{message['id']}: a false alarm cannot be expected"
    return sorted((set(message["expected"]) - missed) | extra)


@pytest.mark.parametrize("message", messages("messages"), ids=lambda m: m["id"])
def test_each_labelled_message_gets_exactly_its_expected_findings(message: dict[str, Any]) -> None:
    assert found(message) == checker_answer(message)


@pytest.mark.parametrize("message", messages("dev-es"), ids=lambda m: m["id"])
def test_each_spanish_development_message_gets_exactly_its_expected_findings(message: dict[str, Any]) -> None:
    findings = check_message(rules_for("es"), message["body"], message["situation"], message.get("subject"), "es")
    assert sorted({f.rule for f in findings}) == checker_answer(message)


def test_the_spanish_development_set_covers_the_spanish_rules_and_situations() -> None:
    corpus = messages("dev-es")
    assert len(corpus) >= 40
    assert {m["situation"] for m in corpus} == set(SITUATIONS)
    assert sum(1 for m in corpus if not m["expected"]) >= len(corpus) // 3
    spanish = {rule.id for rule in default_rules() if "es" in rule.matches}
    labelled = {rule_id for m in corpus for rule_id in m["expected"]}
    assert spanish <= labelled, f"Spanish rules with no example: {sorted(spanish - labelled)}"


def test_each_spanish_message_is_inferred_as_labelled() -> None:
    guide = default_guide("es")
    wrong = [
        m["id"]
        for m in messages("dev-es")
        if infer_situation(guide, m["body"], m.get("subject")).situation != m["situation"]
    ]
    assert wrong == []


def test_precision_and_recall_on_the_labelled_messages() -> None:
    tp = fp = fn = 0
    for message in messages("messages"):
        got, expected = set(found(message)), set(message["expected"])
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.8


# Files shared with the node tests --------------------------------------------------------


def shared_json() -> dict[str, str]:
    """rules.json and messages.json as they should be: the rules, and every message with Python's findings."""
    items = []
    for name, language in SETS.items():
        for message in messages(name):
            findings = check_message(
                rules_for(language), message["body"], message["situation"], message.get("subject"), language
            )
            inferred = infer_situation(default_guide(language), message["body"], message.get("subject"))
            # Checked as the writer who leaves the guess alone sees it: unsure when no cue named the situation.
            as_inferred = check_message(
                rules_for(language),
                message["body"],
                inferred.situation,
                message.get("subject"),
                language,
                sure=inferred.cue is not None,
            )
            items.append(
                {
                    "set": name,
                    "language": language,
                    "id": message["id"],
                    "situation": message["situation"],
                    "subject": message.get("subject"),
                    "body": message["body"],
                    "expected": message.get("expected"),
                    "answer": checker_answer(message) if name in LABELLED else None,
                    "findings": [f.as_json() for f in findings],
                    "inferred": {"situation": inferred.situation, "cue": inferred.cue},
                    "findings_as_inferred": [f.as_json() for f in as_inferred],
                }
            )

    def dump(data: Any) -> str:
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    note = "Generated from content/rules/ and tests/checker/*.yml by tests/test_checker.py; do not edit."
    return {
        "rules.json": dump(
            {
                "note": note,
                "rules": [rule_data(rule) for rule in rules_for("en")],
                "situations": default_guide("en"),
                "situation_ids": list(SITUATIONS),
                "es": {"rules": [rule_data(rule) for rule in rules_for("es")], "situations": default_guide("es")},
            }
        ),
        "messages.json": dump({"note": note, "messages": items}),
    }


def test_files_shared_with_the_node_tests_are_up_to_date(request: pytest.FixtureRequest) -> None:
    expected = shared_json()
    if request.config.getoption("--update-goldens"):
        for name, text in expected.items():
            (SHARED / name).write_text(text, encoding="utf-8")
    for name, text in expected.items():
        assert (SHARED / name).read_text(encoding="utf-8") == text, (
            f"tests/checker/{name} is stale; run pytest tests/test_checker.py --update-goldens"
        )


# Each kind of match --------------------------------------------------------------------


def rule(match: dict[str, Any], **fields: Any) -> CheckerRule:
    data = {
        "id": "r",
        "title": "A rule",
        "severity": "warning",
        "match": match,
        "message": "found “{match}” {count}/{max}/{versus}",
        "explanation": "Why.",
        "fix": "Fix it.",
        "principle": "p",
        "sources": ["s"],
        **fields,
    }
    return CheckerRule.model_validate(as_tuples(data), strict=True)


def as_tuples(data: Any) -> Any:
    """Lists as tuples, the way the loader hands YAML to the model."""
    if isinstance(data, dict):
        return {key: as_tuples(value) for key, value in data.items()}
    if isinstance(data, list):
        return tuple(as_tuples(item) for item in data)
    return data


def spans(
    rules: list[CheckerRule] | CheckerRule, body: str, situation: str = "first-contact", subject: str | None = None
) -> list[tuple[Any, ...]]:
    chosen = rules if isinstance(rules, list) else [rules]
    return [
        (f.part, f.line, f.column, body[f.span.start : f.span.end] if f.span and f.part == "body" else None)
        for f in check_message(chosen, body, situation, subject)  # type: ignore[arg-type]
    ]


def test_phrases_match_whole_words_ignoring_case_and_curly_quotes() -> None:
    r = rule({"kind": "contains", "phrases": ["let's sync up", "résumé"]})
    body = "LET’S  SYNC\nUP. Let's sync upgrade. résumés, my Résumé."
    assert spans(r, body) == [("body", 1, 1, "LET’S  SYNC\nUP"), ("body", 2, 37, "Résumé")]


def test_a_phrase_may_start_or_end_with_punctuation() -> None:
    r = rule({"kind": "contains", "phrases": ["requirements:"]})
    assert spans(r, "Requirements:x and requirements: y") == [
        ("body", 1, 1, "Requirements:"),
        ("body", 1, 20, "requirements:"),
    ]


def test_overlapping_hits_keep_the_earliest_then_the_longest() -> None:
    r = rule({"kind": "contains", "phrases": ["pick your", "pick your brain", "your brain"]})
    assert spans(r, "pick your brain") == [("body", 1, 1, "pick your brain")]


def test_a_pattern_matches_lowercased_text_line_by_line() -> None:
    r = rule({"kind": "contains", "pattern": r"^any help\b"})
    assert spans(r, "ANY HELP now\nnot any help\nAny help") == [("body", 1, 1, "ANY HELP"), ("body", 3, 1, "Any help")]


def test_columns_count_characters_not_utf16_units() -> None:
    r = rule({"kind": "contains", "phrases": ["sync up"]})
    assert spans(r, "🙂🙂 é sync up") == [("body", 1, 6, "sync up")]


def test_lacks_points_at_the_opening_after_the_greeting() -> None:
    r = rule({"kind": "lacks", "where": "opening", "phrases": ["we met"]})
    body = "Hi Sam,\n\nI saw your name. I work in sales. We met once."
    assert spans(r, body) == [("body", 3, 1, "I saw your name. I work in sales.")]
    assert spans(r, "Hi Sam,\n\nWe met at the fair. Hello.") == []


def test_lacks_with_only_if_points_at_what_triggered_it() -> None:
    r = rule({"kind": "lacks", "pattern": r"\d+ minutes", "only_if": {"phrases": ["a call"]}})
    assert spans(r, "Could we have a call?") == [("body", 1, 15, "a call")]
    assert spans(r, "Could we have a call for 15 minutes?") == []
    assert spans(r, "No meeting asked for.") == []


def test_unless_silences_a_rule() -> None:
    r = rule({"kind": "contains", "phrases": ["attached"], "unless": {"phrases": ["as you asked"]}})
    assert len(spans(r, "My CV is attached.")) == 1
    assert spans(r, "As you asked, my CV is attached.") == []


def test_count_fires_on_the_occurrence_past_the_limit() -> None:
    r = rule({"kind": "count", "pattern": r"\?+", "max": 2})
    assert spans(r, "A? B?? C? D?") == [("body", 1, 9, "?")]
    assert check_message([r], "A? B?? C? D?", "first-contact")[0].message == "found “?” 4/2/{versus}"
    assert spans(r, "A? B?") == []


def test_words_marks_what_is_past_the_limit() -> None:
    r = rule({"kind": "words", "max": 3})
    assert spans(r, "one two  three\nfour five") == [("body", 2, 1, "four five")]
    assert spans(r, "one two three") == []


def test_sentence_words_marks_each_long_sentence() -> None:
    r = rule({"kind": "sentence-words", "max": 3})
    body = "One two three four. Short one! Another long one here?\n\n- a list item without a stop"
    assert [s[3] for s in spans(r, body)] == [
        "One two three four.",
        "Another long one here?",
        "- a list item without a stop",
    ]


def test_characters_count_code_points_and_mark_the_overflow() -> None:
    r = rule({"kind": "characters", "max": 5})
    assert spans(r, "  🙂bcdefgh \n") == [("body", 1, 8, "fgh")]
    assert spans(r, "🙂🙂🙂🙂🙂") == []


def test_ratio_compares_how_often_two_sets_of_words_occur() -> None:
    r = rule({"kind": "ratio", "phrases": ["i", "my"], "versus": ["you"], "factor": 2, "min": 3})
    assert [f.message for f in check_message([r], "I think I'm right, my friend. You?", "first-contact")] == [
        "found “{match}” 3/{max}/1"
    ]
    assert spans(r, "I think I'm right, you and you?") == []
    assert spans(r, "I, I.") == []


def test_empty_applies_only_to_a_subject_that_is_there() -> None:
    r = rule({"kind": "empty", "where": "subject"})
    assert spans(r, "Body", subject=" \u00a0 ") == [("subject", 1, 1, None)]
    assert spans(r, "Body", subject="Hello") == []
    assert spans(r, "Body", subject=None) == []


def test_message_covers_subject_and_body() -> None:
    r = rule({"kind": "contains", "where": "message", "pattern": r"\[[a-z ]+\]"})
    assert spans(r, "Hi [name]", subject="For [company]") == [("subject", 1, 5, None), ("body", 1, 4, "[name]")]


def test_situations_and_severity_overrides() -> None:
    r = rule(
        {"kind": "contains", "phrases": ["attached"]},
        situations=["first-contact", "referral-request"],
        severity_by_situation={"referral-request": "hint"},
    )
    assert [f.severity for f in check_message([r], "attached", "first-contact")] == ["warning"]
    assert [f.severity for f in check_message([r], "attached", "referral-request")] == ["hint"]
    assert check_message([r], "attached", "candidate-to-recruiter") == []


def test_a_rule_reports_at_its_unsure_severity_when_the_situation_is_only_the_default() -> None:
    r = rule(
        {"kind": "contains", "phrases": ["attached"]},
        situations=["first-contact", "referral-request"],
        severity_by_situation={"referral-request": "hint"},
        when_unsure="hint",
    )
    plain = rule({"kind": "contains", "phrases": ["attached"]}, id="plain", situations=["first-contact"])
    sure = check_message([r, plain], "attached", "first-contact")
    assert sorted((f.rule, f.severity) for f in sure) == [("plain", "warning"), ("r", "warning")]
    unsure = check_message([r, plain], "attached", "first-contact", sure=False)
    assert sorted((f.rule, f.severity) for f in unsure) == [("plain", "warning"), ("r", "hint")]
    assert check_message([r], "attached", "candidate-to-recruiter", sure=False) == []


def test_each_of_patterns_is_searched_like_pattern() -> None:
    r = rule({"kind": "contains", "pattern": r"\bfoo\b", "patterns": [r"\bbar(?:s)?\b", r"\bbaz\b"]})
    assert [f.message for f in check_message([r], "foo, bars and baz", "first-contact")] == [
        "found “foo” {count}/{max}/{versus}",
        "found “bars” {count}/{max}/{versus}",
        "found “baz” {count}/{max}/{versus}",
    ]
    lacks = rule({"kind": "lacks", "patterns": [r"\bbaz\b"]})
    assert check_message([lacks], "baz", "first-contact") == []
    assert len(check_message([lacks], "qux", "first-contact")) == 1


def test_hits_of_one_rule_are_capped() -> None:
    r = rule({"kind": "contains", "phrases": ["x"]})
    assert len(check_message([r], "x " * 100, "first-contact")) == MAX_PER_RULE


def test_a_matched_value_is_never_filled_in_itself() -> None:
    r = rule({"kind": "contains", "pattern": r"\{[a-z]+\}"})
    assert check_message([r], "{count}", "first-contact")[0].message == "found “{count}” {count}/{max}/{versus}"


def test_folding_keeps_the_length_of_any_text() -> None:
    text = "İstanbul ΣΟΦΟΣ “quote” ‘it’s’ a\u00a0b\u2003c – — 🙂 ﬁ ß Ǆ"
    assert len(fold(text)) == len(text)
    assert fold("“Let’s” – GO") == '"let\'s" - go'


# Rules an editor gets wrong ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "piece", "words"),
    [
        (r"(?<=my )cv", "(?<=", "lookbehind"),
        (r"(?P<x>cv)", "(?P", "named groups"),
        (r"(?>cv)", "(?>", "atomic"),
        (r"cv++", "++", "possessive"),
        (r"(?i)cv", "(?i", "inline flags"),
        (r"\Acv", r"\A", "JavaScript"),
        (r"\p{L}", r"\p", "property escapes"),
        (r"cv{,2}", "{", "count like {2}"),
        (r"cv]", "]", "unescaped ]"),
        (r"[\w-z]", r"\w-z", "range"),
        (r"\'cv", r"\'", "needs no escape"),
        (r"CV", "C", "lowercased"),
        (r"’", "’", "never matches"),
        (r"cv|", "cv|", "empty text"),
        (r"(cv", "(cv", "not a valid regular expression"),
        (r"(a)\1", r"\1", "backreference"),
    ],
)
def test_patterns_outside_the_shared_syntax_are_refused(pattern: str, piece: str, words: str) -> None:
    found = refusal(pattern)
    assert found is not None
    assert found.piece == piece
    assert words in found.message


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bsync(?:ing)? up\b",
        r"[a-z0-9 _.'/-]{1,40}",
        r"x{2,3}?",
        r"(?!the )\w+",
        r"\u00e9|\x41",
        r"[\]\-]",
        # A repeated word and its space: each turn ends at the space, so the tries do not multiply.
        r"\bhere is (?:[a-z-]{1,40} ){0,3}(?:link|guide)\b",
        r"\?+",
        r"(?:ab|cd){1,5}x",
    ],
)
def test_patterns_in_the_shared_syntax_are_accepted(pattern: str) -> None:
    assert refusal(pattern) is None


SAMPLE_RULE = """\
# yaml-language-server: $schema=../../schemas/rule.schema.json
id: sample-rule
title: A sample rule
severity: error
match:
  kind: contains
  pattern: '{pattern}'
message: “{{match}}” found
explanation: Because.
fix: Remove it.
anti_pattern: sync-up
principle: have-a-point
sources: [article-one]
"""


def add_rule(project: Project, pattern: str, name: str = "sample-rule.yml") -> Path:
    path = project.content_dir / "rules" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(SAMPLE_RULE.format(pattern=pattern), encoding="utf-8")
    return path


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, Reporter(quiet=True))
    return [p.format() for p in caught.value.problems]


@pytest.mark.parametrize(
    ("pattern", "piece", "words"),
    [
        (r"^(a+)+$", "a+", "cannot tell where its turn ends"),
        (r"(\w{1,9}\s?){1,9}x", r"\w{1,9}", "cannot tell where its turn ends"),
        (r"(?:a|ab){1,9}x", "|", "two alternatives can begin with the same character"),
        (r"(?:x?){2,9}y", "(?:x?){2,9}", "can match empty text"),
        (r"\bwhat\b[^.!?\n]{8,}\?", r"[^.!?\n]{8,}", "no upper bound"),
        (r"\d+%", r"\d+", "no upper bound"),
        (r"x{1,500}y", "x{1,500}", "more than 200"),
        (r"(?=.*x)y", ".*", "no upper bound"),
    ],
)
def test_patterns_that_could_take_super_linear_time_are_refused(pattern: str, piece: str, words: str) -> None:
    found = refusal(pattern)
    assert found is not None, pattern
    assert (found.piece, words in found.message) == (piece, True), found


def test_a_forks_exponential_pattern_is_refused_at_its_line(project: Project) -> None:
    """The shape that took 13 s for 28 characters, doubling with each one, in the CLI and the page."""
    (project.content_dir / "local" / "rules").mkdir(parents=True)
    path = project.content_dir / "local" / "rules" / "mine.yml"
    path.write_text(SAMPLE_RULE.format(pattern="^(a+)+$").replace("sample-rule", "mine"), encoding="utf-8")
    assert problems(project) == [
        "content/local/rules/mine.yml:7:15: match.pattern: 'a+' inside a repetition cannot tell where its turn ends"
        " (what follows it can match the same characters), so the ways to try multiply with each turn"
        " (super-linear time) (at 'a+') — end the repeated part with a character the inner repetition cannot"
        " match, such as a space"
    ]


def test_a_bad_pattern_is_reported_at_its_piece(project: Project) -> None:
    add_rule(project, r"\bmy (?<=x)cv\b")
    assert problems(project) == [
        "content/rules/sample-rule.yml:7:18: match.pattern: lookbehind is not allowed (at '(?<=') — "
        "match the text before as part of the pattern instead"
    ]


def test_a_match_without_its_settings_is_reported(project: Project) -> None:
    path = add_rule(project, "x")
    path.write_text(
        path.read_text().replace("  kind: contains\n  pattern: 'x'\n", "  kind: words\n  phrases: [hi]\n")
        + "situations: [follow-up]\nseverity_by_situation:\n  first-contact: hint\nlanguages: [en]\n"
    )
    assert problems(project) == [
        "content/rules/sample-rule.yml:6:9: match.kind: a words match needs max or limit — add max or limit under match",
        "content/rules/sample-rule.yml:7:12: match.phrases: a words match does not use phrases — remove phrases, or change the kind",
        "content/rules/sample-rule.yml:16:18: severity_by_situation.first-contact: the rule does not apply to first-contact — add it to situations, or remove this line",
    ]


def test_a_rule_links_to_entries_that_exist(project: Project) -> None:
    path = add_rule(project, "x")
    path.write_text(path.read_text().replace("anti_pattern: sync-up", "anti_pattern: sync-upp"))
    assert problems(project) == [
        "content/rules/sample-rule.yml:11:15: anti_pattern: no anti-pattern has the id 'sync-upp' — did you mean 'sync-up'?"
    ]


# The playbook checks itself -------------------------------------------------------------------


def test_a_template_that_breaks_an_error_rule_stops_the_build(project: Project) -> None:
    add_rule(project, r"\bdo not really know\b")
    assert problems(project) == [
        "content/templates/reconnect.yml:11:41: body: the template 'reconnect', filled with its examples, breaks the "
        "checker rule 'sample-rule': “do not really know” found — Remove it; if the rule is wrong for this "
        "template, change content/rules/sample-rule.yml"
    ]


def test_a_rule_that_only_warns_does_not_stop_the_build(project: Project) -> None:
    path = add_rule(project, r"\bdo not really know\b")
    path.write_text(path.read_text().replace("severity: error", "severity: warning"))
    check(project, Reporter(quiet=True))


def test_every_default_template_filled_with_its_examples_has_no_error() -> None:
    playbook = check(Project(REPO), Reporter(quiet=True)).playbook
    for template in playbook.of_kind("template"):
        subject, body = template.filled()
        errors = [f for f in check_message(default_rules(), body, template.situation, subject) if f.severity == "error"]
        assert errors == [], template.id


def test_the_weak_rewrite_of_each_anti_pattern_trips_one_of_its_rules() -> None:
    playbook = check(Project(REPO), Reporter(quiet=True)).playbook
    from playbook.content.link import Ref

    # A rewrite that is not a written message (message: false) is left alone, as the self-check does.
    messages = {a.id for a in playbook.of_kind("anti-pattern") if a.rewrite.message}
    named = {rule.anti_pattern for rule in playbook.of_kind("rule") if rule.anti_pattern} & messages
    checked = set()
    for anti_pattern in playbook.of_kind("anti-pattern"):
        rules = playbook.linked(Ref("anti-pattern", anti_pattern.id), "rule")
        if not rules or anti_pattern.id not in messages:
            continue
        fired = {f.rule for f in check_message(default_rules(), anti_pattern.rewrite.weak, "first-contact")}
        assert fired & {r.id for r in rules}, anti_pattern.id
        checked.add(anti_pattern.id)
    # Every anti-pattern a rule detects was tried, so the loop above cannot pass by trying none.
    assert named and checked == named


# The command line ----------------------------------------------------------------------------


def lint(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(REPO), "lint-message", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_lint_message_prints_each_finding_with_its_place_and_fails_on_an_error(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Sam, we met at the fair.\r\nAre you hiring? Could we talk for 15 minutes?\r\n")
    result = lint(str(draft), "--situation", "first-contact")
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        f"{draft}:2:1: error: job-request: “Are you hiring” asks for a job in a message that should start a "
        "relationship — Leave the job out for now; name your link, offer something or ask one question about their work."
    ]
    assert result.stderr.decode() == (
        f"{draft}: checked as first-contact (given with --situation)\n{draft}: 1 error (first-contact)\n"
    )
    # Left to the guess, nothing names the kind of message: the job ask is a warning, not an error.
    guessed = lint(str(draft))
    assert guessed.returncode == 0
    assert guessed.stdout.decode().startswith(f"{draft}:2:1: warning: job-request:")
    assert guessed.stderr.decode() == (
        f"{draft}: checked as first-contact (inferred from the text: no cue found, so the default, with tips "
        "instead of warnings where the kind of message matters; pass --situation to change it)\n"
        f"{draft}: 1 warning (first-contact)\n"
    )


def test_lint_message_situation_changes_the_rules(tmp_path: Path) -> None:
    draft = tmp_path / "bio.txt"
    draft.write_text("Hi Jo, I saw your post about the role. My résumé is attached. Could we talk for 15 minutes?")
    assert b"unsolicited-attachment" in lint(str(draft)).stdout
    recruiter = lint("--situation", "candidate-to-recruiter", str(draft))
    assert (recruiter.returncode, recruiter.stdout) == (0, b"")
    assert b"checked as candidate-to-recruiter (given with --situation" in recruiter.stderr


def test_lint_message_says_what_it_inferred_and_the_writer_overrides_it(tmp_path: Path) -> None:
    draft = tmp_path / "thanks.txt"
    draft.write_text("Hi Sam,\n\nThank you for your time on Tuesday. Your advice on portfolios helped a lot.\n\nLee\n")
    inferred = lint(str(draft))
    assert (inferred.returncode, inferred.stdout) == (0, b"")
    assert (
        b'checked as thank-you (inferred from "Thank you for your time"; pass --situation to change it)'
        in inferred.stderr
    )
    overridden = lint("--situation", "first-contact", str(draft))
    assert b"no-question" in overridden.stdout
    assert b"the text suggested thank-you" in overridden.stderr
    report = json.loads(lint("--json", str(draft)).stdout)
    assert (report["situation"], report["situation_given"], report["inferred_from"]) == (
        "thank-you",
        False,
        "Thank you for your time",
    )


def test_lint_message_json_and_subject(tmp_path: Path) -> None:
    result = lint(
        "--json", "--subject", "", "--situation", "first-contact", "-", stdin="Hi [Name], let’s sync up 🙂".encode()
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["counts"] == {"error": 1, "warning": 5, "hint": 0}
    assert [(f["rule"], f["part"], f["line"], f["column"]) for f in report["findings"]] == [
        ("no-subject", "subject", 1, 1),
        ("no-question", "body", 1, 1),
        ("no-connection", "body", 1, 1),
        ("unfilled-placeholder", "body", 1, 4),
        ("no-point", "body", 1, 18),
        ("no-time-box", "body", 1, 18),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the input is empty — write the message in the file, or pipe it in and pass -"),
        (
            b" \n\t\n",
            "the input holds only spaces and blank lines — write the message in the file, or pipe it in and pass -",
        ),
        (
            b"%PDF-1.4\x00\x01binary",
            "the input is binary (it contains NUL bytes), not text — save the message as plain text (.txt) and check that file",
        ),
        (
            b"x" * (1024 * 1024 + 1),
            "the input is larger than 1 MB, far more than any message — check that this is the right file; "
            "a message is a few hundred words",
        ),
    ],
    ids=["empty", "blank", "binary", "too-large"],
)
def test_lint_message_refuses_bad_input_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(content)
    result = lint(str(draft))
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == f"{draft}: {message}\n"
    piped = lint("-", stdin=content)
    assert piped.stderr.decode() == f"<stdin>: {message}\n"


def test_lint_message_names_the_byte_that_is_not_utf8(tmp_path: Path) -> None:
    draft = tmp_path / "latin1.txt"
    draft.write_bytes("Hi José,\nmy résumé".encode("latin-1"))
    result = lint(str(draft))
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"{draft}:1:7: the input is not UTF-8 text (byte 0xe9 cannot be read) — "
        "save the message as UTF-8 text; most editors offer it under Save as, Encoding\n"
    )


def test_lint_message_reads_a_utf8_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    draft = tmp_path / "bom.txt"
    draft.write_bytes(b"\xef\xbb\xbfAny help would be greatly appreciated")
    assert b"bom.txt:1:1: warning: vague-ask" in lint(str(draft)).stdout


@pytest.mark.parametrize(
    ("mark", "encoding"),
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le")],
)
def test_lint_message_reads_text_saved_as_utf16_or_utf32_with_its_mark(
    tmp_path: Path, mark: bytes, encoding: str
) -> None:
    """Windows Notepad's "Unicode" and PowerShell's `>` save UTF-16 with a byte order mark: it is text, not binary."""
    draft = tmp_path / "unicode.txt"
    draft.write_bytes(mark + "Hi José,\r\nAny help would be greatly appreciated".encode(encoding))
    result = lint(str(draft))
    assert b"unicode.txt:2:1: warning: vague-ask" in result.stdout, result.stderr
    assert b"binary" not in result.stderr


def test_lint_message_says_in_one_line_when_utf16_cannot_be_read() -> None:
    result = lint("-", stdin=b"\xff\xfeH\x00i\x00\x00\xd8!\x00")
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == (
        "<stdin>: the input starts as UTF-16 LE text, but byte 7 cannot be read — "
        "save the message again as UTF-8 or UTF-16 text; most editors offer it under Save as, Encoding\n"
    )


def test_lint_message_missing_file_folder_and_misuse(tmp_path: Path) -> None:
    missing = lint(str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert missing.stderr.decode().endswith(
        "nope.txt: there is no such file — check the path, or pass - to read the message from standard input\n"
    )
    folder = lint(str(tmp_path))
    assert (folder.returncode, folder.stderr.decode()) == (
        1,
        f"{tmp_path}: this is a folder, not a file — give the path of a text file that holds the message\n",
    )
    misuse = lint("--situation", "cold-call", "-", stdin=b"hi")
    assert misuse.returncode == 2
    assert b"invalid choice: 'cold-call'" in misuse.stderr
    for result in (missing, folder, misuse):
        assert b"Traceback" not in result.stderr


def _phrase_spans_by_regex(text: Text, phrase: str) -> list[Span]:
    """The definition phrase_spans must keep: words apart by any run of spaces and line breaks, whole words."""
    words = phrase_words(phrase)
    regex = re.compile("[ \n]+".join(re.escape(word) for word in words))
    first_is_word, last_is_word = _is_word_char(words[0][0]), _is_word_char(words[-1][-1])
    folded, spans, position = text.folded, [], 0
    while (hit := regex.search(folded, position)) is not None:
        start, end = hit.span()
        clear_before = not (first_is_word and start > 0 and _is_word_char(folded[start - 1]))
        clear_after = not (last_is_word and end < len(folded) and _is_word_char(folded[end]))
        if clear_before and clear_after:
            spans.append(Span(start, end))
            position = end
        else:
            position = start + 1
    return spans


def test_phrase_search_finds_what_the_regex_definition_finds() -> None:
    pieces = ["a", "b", "ab", "ba", " ", "  ", "\n", "-", "!", "é", "aa", "\u00a0", "I", "B"]
    phrase_words_pool = ["a", "b", "ab", "a-", "!a", "aa", "é", "a\nb", "I"]
    generator = random.Random(20261122)
    for _ in range(20000):
        draft = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 14)))
        phrase = " ".join(generator.choice(phrase_words_pool) for _ in range(generator.randint(1, 3)))
        text = Text(draft)
        assert phrase_spans(text, phrase) == _phrase_spans_by_regex(text, phrase), (draft, phrase)


def test_the_browser_checker_takes_its_situations_from_the_page_data() -> None:
    """The situations are listed once, in content/situations.py; the browser code must not list them again."""
    for path in ("lib/checker.js", "tools/checker.js"):
        source = (REPO / "overrides" / "assets" / "playbook" / path).read_text(encoding="utf-8")
        assert '"candidate-to-recruiter"' not in source, f"{path} lists the situations a second time"


# Drafts in Spanish ---------------------------------------------------------------------------


def test_folding_drops_the_accents_of_vowels_and_keeps_the_enye() -> None:
    assert fold("Días, ÁRBOL, pingüino, café") == "dias, arbol, pinguino, cafe"
    assert fold("Año, NIÑO") == "año, niño"
    # Typed with or without accents, a Spanish phrase is found; año never reads as ano.
    spanish = rules_for("es")
    for draft in ("¿Hay alguna vacante?", "hay alguna vacante?"):
        found = {f.rule for f in check_message(spanish, draft, "first-contact", None, "es")}
        assert "job-request" in found, draft
    assert phrase_spans(Text("el año pasado"), "ano") == []


def test_a_spanish_draft_is_checked_by_the_spanish_rules_only() -> None:
    draft = "Hola, busco trabajo. ¿Me puede conseguir un puesto? Adjunto mi CV."
    spanish = {f.rule for f in check_message(default_rules(), draft, "first-contact", None, "es")}
    english = {f.rule for f in check_message(default_rules(), draft, "first-contact", None, "en")}
    assert {"job-request", "unsolicited-attachment", "no-connection"} <= spanish
    # Read as English, its job request and attachment go unseen: the English phrases are not in it.
    assert not {"job-request", "unsolicited-attachment"} & english
    # A rule with no match for a language is left out, not run with another language's words.
    assert all(rule.match_for("fr") is None for rule in default_rules() if rule.languages)


def test_the_spanish_edition_gives_the_checker_spanish_words_and_spanish_findings() -> None:
    from playbook.site.pages import Shaper

    checked = check(Project(REPO), Reporter(quiet=True), "es")
    data = Shaper(checked.playbook, checked.strings, site_id="test").checker_data("tools/checker.md")
    rules = {rule["id"]: rule for rule in data["rules"]}
    assert "busco trabajo" in rules["job-request"]["match"]["phrases"]
    assert "looking for work" not in rules["job-request"]["match"]["phrases"]
    assert rules["job-request"]["message"].startswith("“{match}” pide trabajo en un mensaje")
    assert {rule["languages"][0] for rule in data["rules"]} == {"es"}
    cues = [phrase for cue in data["guide"]["cues"] for phrase in cue["phrases"]]
    assert "gracias por su tiempo" in cues and "thanks for your time" not in cues


def test_every_rule_speaks_spanish_in_the_spanish_edition() -> None:
    english = {rule.id: rule for rule in default_rules()}
    spanish = check(Project(REPO), Reporter(quiet=True), "es").playbook.of_kind("rule")
    for rule in spanish:
        for field in ("title", "message", "explanation", "fix"):
            assert getattr(rule, field) != getattr(english[rule.id], field), f"{rule.id}.{field} is still English"


def test_a_rule_names_the_language_of_its_phrases(project: Project) -> None:
    path = add_rule(project, "x")
    path.write_text(path.read_text().replace("  pattern: 'x'\n", "  phrases: [hi there]\n"))
    assert problems(project) == [
        "content/rules/sample-rule.yml:6:3: match: the match has phrases, but the rule does not name their "
        "language — add languages: [en] (or the language the phrases are in)"
    ]


def test_a_rule_s_match_in_another_language_is_checked_like_its_own(project: Project) -> None:
    path = add_rule(project, "x")
    path.write_text(
        path.read_text().replace("match:\n", "languages: [en, es]\nmatch:\n")
        + "matches:\n  es:\n    kind: contains\n    pattern: 'días+'\n"
    )
    assert problems(project) == [
        "content/rules/sample-rule.yml:17:5: matches.es: es is both in languages and in matches — keep one: "
        "languages for the match above, or matches.es for a match of its own",
        "content/rules/sample-rule.yml:18:16: matches.es.pattern: 'í' never matches: text is lowercased and its "
        "quotes and spaces simplified before matching (at 'í') — write 'i' instead",
    ]


def test_lint_message_reads_a_spanish_draft_and_answers_in_spanish(tmp_path: Path) -> None:
    draft = tmp_path / "borrador.txt"
    draft.write_text("Estimado/a:\n\nEstoy buscando empleo. ¿Tienen vacantes?\n", encoding="utf-8")
    result = lint("--language", "es", "--situation", "first-contact", str(draft))
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "error: job-request: “buscando empleo” pide trabajo" in out
    assert "warning: form-letter: “Estimado/a” dice que el mensaje se escribió para cualquiera" in out
    unknown = lint("--language", "fr", str(draft))
    assert unknown.returncode == 2
    assert unknown.stderr.decode() == (
        "--language: the checker has no rules that read 'fr' — pass --language with one of: en, es\n"
    )
