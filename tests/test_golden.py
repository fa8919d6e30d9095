"""The generated Markdown of the sample playbook, compared with reviewed goldens.

Refresh with ``pytest tests/test_golden.py --update-goldens`` and review the diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import unavailable

from playbook.pipeline import Project, check, generate
from playbook.report import Reporter

GOLDEN = Path(__file__).parent / "golden" / "sample"
SCRIPT = re.compile(r'(<template id="pb-config-[^"]+" data-search-exclude>)(.*?)(</template>)')


def generated(project: Project) -> dict[str, bytes]:
    files = generate(project, check(project, Reporter(quiet=True)), Reporter(quiet=True))
    return {
        path.removeprefix("docs/"): data
        for path, data in files.items()
        if path.startswith("docs/") and path.endswith(".md")
    }


def without_tool_strings(page: bytes) -> bytes:
    """The page with its tools' interface strings set aside.

    Those tables change with every wording fix in generators/strings/; the tools'
    own tests check them, so the goldens stay about the pages' structure.
    """

    def blank(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        data["strings"] = {}
        return (
            match.group(1)
            + json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            + match.group(3)
        )

    return SCRIPT.sub(blank, page.decode()).encode()


def test_generated_markdown_matches_goldens(project: Project, request: pytest.FixtureRequest) -> None:
    pages = {path: without_tool_strings(data) for path, data in generated(project).items()}
    if request.config.getoption("--update-goldens"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, data in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
        # Comparing the output with what was just written from it would prove nothing.
        unavailable(f"rewrote {len(pages)} goldens from the current output: review `git diff tests/golden`")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*.md")}
    assert expected, f"no goldens in {GOLDEN}: run with --update-goldens and review them"
    assert sorted(pages) == sorted(expected)
    for path, data in pages.items():
        assert data.decode() == expected[path].decode(), f"{path} differs from its golden"


def test_tool_pages_carry_their_data_as_inline_json(project: Project) -> None:
    page = generated(project)["tools/calculator.md"].decode()
    [payload] = re.findall(r'<template id="pb-config-calculator" data-search-exclude>(.*?)</template>', page)
    data = json.loads(payload)
    assert [c["id"] for c in data["formula"]["components"]] == ["for_me", "for_you", "trust"]
    assert data["principles"]["give-first"]["url"] == "../../principles/give-first/"
    # The storage key is the site_key setting (its default here), never the title; the old title-based id is
    # given so that the tools move saved work from it.
    assert data["site"] == {
        "id": "networking-playbook",
        "legacy": ["sample-playbook"],
        "language": "en",
        "title": "Sample Playbook",
    }


def test_inline_json_cannot_close_its_script_tag(project: Project) -> None:
    path = project.content_dir / "templates" / "reconnect.yml"
    path.write_text(path.read_text().replace("Hi {first_name},", "Hi {first_name}, </script><script>alert(1)</script>"))
    page = generated(project)["tools/composer.md"].decode()
    assert "</script><script>alert(1)" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
