"""The playbook's numbers live once, in content/limits.yml, and everything else reads them from there."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, make_project

from playbook.content.link import Ref
from playbook.pipeline import Project, check
from playbook.problems import ContentError
from playbook.report import Reporter


@pytest.fixture
def default_copy(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project", REPO / "content")


def set_limit(project: Project, name: str, value: int) -> None:
    path = project.content_dir / "limits.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{name}:\n")
    line = text.index("  value: ", start)
    end = text.index("\n", line)
    path.write_text(text[:line] + f"  value: {value}" + text[end:], encoding="utf-8")


def test_a_changed_limit_changes_the_rule_the_pages_and_the_templates(default_copy: Project) -> None:
    set_limit(default_copy, "invitation_free_characters", 250)
    set_limit(default_copy, "follow_up_after", 9)
    playbook = check(default_copy, Reporter(quiet=True)).playbook
    rule = playbook.get(Ref("rule", "invitation-too-long"))
    assert rule.match.max == 250
    assert "at most 250\ncharacters" in rule.explanation
    assert playbook.limits is not None and playbook.limits.follow_up_after.value == 9
    routine = playbook.get(Ref("principle", "follow-up-with-3b7"))
    assert "after 9, follow up once" in routine.summary
    template = playbook.get(Ref("template", "follow-up-after-no-reply"))
    assert "after 9 working days" in template.when
    assert "[[limit:" not in template.when


def test_an_unknown_limit_is_reported_where_it_is_written(default_copy: Project) -> None:
    path = default_copy.content_dir / "principles" / "have-a-point.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("why: |\n  ", "why: |\n  Keep it under [[limit:first_mesage_words]] words. ", 1))
    with pytest.raises(ContentError) as caught:
        check(default_copy, Reporter(quiet=True))
    [problem] = [p.format() for p in caught.value.problems]
    line = text[: text.index("why: |")].count("\n") + 2
    assert problem.startswith(f"content/principles/have-a-point.yml:{line}:")
    assert "[[limit:first_mesage_words]] names no limit — use one of first_message_words," in problem


def test_a_rule_naming_an_unknown_limit_is_refused(default_copy: Project) -> None:
    path = default_copy.content_dir / "rules" / "too-long.yml"
    path.write_text(path.read_text().replace("limit: first_message_words", "limit: first_words"))
    with pytest.raises(ContentError) as caught:
        check(default_copy, Reporter(quiet=True))
    [problem] = [p.format() for p in caught.value.problems]
    assert problem.startswith("content/rules/too-long.yml:")
    assert "match.limit" in problem


def test_limits_without_the_file_are_reported(default_copy: Project) -> None:
    (default_copy.content_dir / "limits.yml").unlink()
    with pytest.raises(ContentError) as caught:
        check(default_copy, Reporter(quiet=True))
    messages = {p.format() for p in caught.value.problems}
    assert (
        "content/rules/too-long.yml:1:1: (file): a limit is used but content/limits.yml is missing — create content/limits.yml with the limits"
        in messages
    )
