#!/usr/bin/env python3
"""Bounded matching: the checker's time on hostile drafts of 8 KB to 1 MB, in both engines.

    .venv/bin/python bench/checker_linear.py [--sizes 8,64,256,1024]

Every checker pattern is refused at load unless it runs in time linear in the draft
(``playbook/content/regex_subset.py``: bounded repetitions, no repetition whose turns
can split text in several ways). This benchmark shows it: each draft is built to
make a backtracking engine work hardest on the shipped rules (runs of one character,
question words without a question mark, repeated words), and is checked by the Python
engine (``lint-message``) and by the browser's ``lib/checker.js`` in Node's V8. For
each it prints milliseconds and milliseconds per KB beside the yardstick: one pass of
``[a-z]+`` over the same draft in the same engine. Linear time shows as a flat ms/KB
column and a flat ratio to the yardstick as the draft grows 128-fold.

For contrast, the ``no-point`` exception pattern as it was before (``{8,}`` without
a bound) is timed on the question-word draft up to 64 KB: its time grows with the square.
Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playbook.checker.rules import check_message, rule_data  # noqa: E402
from playbook.content.regex_subset import FLAGS  # noqa: E402
from playbook.pipeline import Project, check  # noqa: E402
from playbook.report import Reporter  # noqa: E402

SITUATION = "first-contact"
OLD_NO_POINT = r"\b(?:how|what|which|why|who|where)\b[^.!?\n]{8,}\?"
# Each hostile draft repeats a unit to the size asked; the first line gives the rules something to find.
UNITS = {
    "question words, no ?": "what ",
    "one long word": "x",
    "digits": "1",
    "repeated words": "your nice long ",
    "placeholders": "[name ",
    "ordinary draft": "Hi Sam, can we sync up sometime? I'd love to pick your brain about your team. ",
}


def draft(unit: str, kilobytes: int) -> str:
    head = "Let's sync up and touch base sometime.\n"
    return head + unit * ((kilobytes * 1024 - len(head)) // len(unit) + 1)


def best(fn: Callable[[], object], runs: int = 3) -> float:
    fastest = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="8,64,256,1024", help="draft sizes in KB")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rules = check(Project(REPO), Reporter(quiet=True)).playbook.of_kind("rule")
    drafts = {f"{name} {size}": draft(unit, size) for name, unit in UNITS.items() for size in sizes}
    word = re.compile(r"[a-z]+")
    node = subprocess.run(
        ["node", str(REPO / "bench" / "checker_linear.mjs")],
        input=json.dumps({"rules": [rule_data(r) for r in rules], "situation": SITUATION, "drafts": drafts}),
        capture_output=True,
        text=True,
        check=True,
    )
    browser = json.loads(node.stdout)
    print(f"{'draft':<28}{'KB':>6} | {'Python ms':>10}{'ms/KB':>8}{'×yard':>8} | {'JS ms':>9}{'ms/KB':>8}{'×yard':>8}")
    for name in UNITS:
        for size in sizes:
            text = drafts[f"{name} {size}"]
            python = best(lambda text=text: check_message(rules, text, SITUATION), runs=1 if size > 256 else 3)
            yard = best(lambda text=text: word.findall(text))
            js = browser[f"{name} {size}"]
            print(
                f"{name:<28}{size:>6} | {python:>10.1f}{python / size:>8.2f}{python / yard:>8.0f}"
                f" | {js['checker']:>9.1f}{js['checker'] / size:>8.2f}{js['checker'] / js['yardstick']:>8.0f}"
            )
    print("\nbefore the bound, the no-point exception alone (Python re.search):")
    old = re.compile(OLD_NO_POINT, FLAGS)
    for size in (8, 16, 32, 64):
        text = draft(UNITS["question words, no ?"], size)
        ms = best(lambda text=text: old.search(text), runs=1)
        print(f"{'question words, no ?':<28}{size:>6} | {ms:>10.1f}{ms / size:>8.2f}")


if __name__ == "__main__":
    main()
