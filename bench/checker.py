#!/usr/bin/env python3
"""Precision and recall of the message checker on the labelled test messages.

    .venv/bin/python bench/checker.py [--project .] [--misses]

Runs the project's checker rules (content/rules/) over the labelled messages
and compares the rules that fire with the rules a reader labelled, for two
sets: tests/checker/messages.yml, which the rules were written and tuned
against (and which the tests hold both engines to), and tests/checker/holdout.yml,
written after the rules were frozen and never tuned on, the honest estimate. A message counts once per rule: a true positive when the rule
fires and was expected, a false positive when it fires unexpected, a false
negative when it was expected and stays silent. ``--misses`` lists each wrong
call with its message id. The node tests check that the browser engine
returns the same findings on the same messages.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playbook.checker.rules import check_message  # noqa: E402
from playbook.content.model import CheckerRule  # noqa: E402
from playbook.pipeline import Project, check  # noqa: E402
from playbook.report import Reporter  # noqa: E402

CORPUS = REPO / "tests" / "checker" / "messages.yml"
HOLDOUT = REPO / "tests" / "checker" / "holdout.yml"


@dataclass
class Tally:
    """True positives, false positives and false negatives of one rule, with the messages behind them."""

    tp: int = 0
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    positives: int = 0

    @property
    def precision(self) -> float:
        called = self.tp + len(self.fp)
        return self.tp / called if called else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.positives if self.positives else 1.0


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The labelled messages."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def score(rules: list[CheckerRule], corpus: Iterable[dict[str, Any]]) -> dict[str, Tally]:
    """A tally for every rule over the whole corpus."""
    tallies = {rule.id: Tally() for rule in rules}
    for message in corpus:
        found = {f.rule for f in check_message(rules, message["body"], message["situation"], message.get("subject"))}
        expected = set(message["expected"])
        for rule_id, tally in tallies.items():
            tally.positives += rule_id in expected
            if rule_id in found and rule_id in expected:
                tally.tp += 1
            elif rule_id in found:
                tally.fp.append(message["id"])
            elif rule_id in expected:
                tally.fn.append(message["id"])
    return tallies


def overall(tallies: dict[str, Tally]) -> Tally:
    """All rules' calls added up (micro-average)."""
    total = Tally()
    for tally in tallies.values():
        total.tp += tally.tp
        total.fp += tally.fp
        total.fn += tally.fn
        total.positives += tally.positives
    return total


def report(title: str, tallies: dict[str, Tally], *, misses: bool) -> None:
    """Print one table: a line per rule, then the overall figures."""
    print(f"\n{title}")
    print(f"{'rule':<24} {'positives':>9} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    rows = [*sorted(tallies.items()), ("overall", overall(tallies))]
    for rule_id, t in rows:
        print(
            f"{rule_id:<24} {t.positives:>9} {t.tp:>4} {len(t.fp):>4} {len(t.fn):>4} {t.precision:>9.2f} {t.recall:>7.2f}"
        )
        if misses and rule_id != "overall":
            for message_id in t.fp:
                print(f"    false positive: {message_id}")
            for message_id in t.fn:
                print(f"    false negative: {message_id}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=str(REPO), help="project whose rules to measure (default: this one)")
    parser.add_argument("--misses", action="store_true", help="list the message ids of every wrong call")
    args = parser.parse_args()
    playbook = check(Project(Path(args.project).resolve()), Reporter(quiet=True)).playbook
    rules: list[CheckerRule] = playbook.of_kind("rule")
    for title, path in (("Tuning set", CORPUS), ("Held-out set", HOLDOUT)):
        corpus = load_corpus(path)
        start = time.perf_counter()
        tallies = score(rules, corpus)
        elapsed = time.perf_counter() - start
        heading = (
            f"{title}: {path.relative_to(REPO)}, {len(corpus)} messages, {len(rules)} rules, {elapsed * 1000:.0f} ms"
        )
        report(heading, tallies, misses=args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
