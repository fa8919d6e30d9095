"""Validation and linking: every mistake an editor can make, reported where it was made."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.pipeline import Project, check
from playbook.problems import ContentError
from playbook.report import Reporter


def report(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, Reporter(quiet=True))
    return [p.format() for p in caught.value.problems]


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.content_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sample_is_valid(project: Project) -> None:
    checked = check(project, Reporter(quiet=True))
    assert len(checked.playbook.entries["principle"]) == 2
    assert checked.files == 13


def test_links_are_resolved_both_ways(project: Project) -> None:
    playbook = check(project, Reporter(quiet=True)).playbook
    from playbook.content.link import Ref

    # give-first declares it counters the collector; the collector page must list it too.
    # Sorted by title; the sample's "<script>…" title sorts first.
    assert [p.id for p in playbook.linked(Ref("anti-pattern", "collector"), "principle")] == [
        "have-a-point",
        "give-first",
    ]
    # have-a-point declares the template; the template declares give-first: the union shows on both sides.
    assert {p.id for p in playbook.linked(Ref("template", "give-first-note"), "principle")} == {
        "give-first",
        "have-a-point",
    }
    assert {t.id for t in playbook.linked(Ref("principle", "give-first"), "template")} == {
        "give-first-note",
        "reconnect",
    }


def test_unknown_key_suggests_the_close_one(project: Project) -> None:
    edit(project, "principles/give-first.yml", "summary:", "sumary:")
    assert report(project) == [
        "content/principles/give-first.yml:1:1: summary: the required field 'summary' is missing"
        " — add 'summary:' (One sentence that says what the entry is about.)",
        "content/principles/give-first.yml:3:1: sumary: unknown key 'sumary' — did you mean 'summary'?",
    ]


def test_number_where_text_is_expected(project: Project) -> None:
    edit(project, "principles/give-first.yml", "title: Give before you ask", "title: 1984")
    assert report(project) == [
        "content/principles/give-first.yml:2:8: title: expected text but found the number 1984 — put the value in quotes"
    ]


def test_yaml_1_1_octal_is_not_a_number(project: Project) -> None:
    edit(project, "sources/article-one.yml", "year: 2013", "year: 02013")
    assert report(project) == [
        "content/sources/article-one.yml:4:7: year: expected a number but found the text '02013'"
        " — write a plain number such as 12, without quotes, leading zeros or colons"
    ]


def test_sexagesimal_is_not_a_number(project: Project) -> None:
    edit(project, "sources/article-one.yml", "year: 2013", "year: 20:13")
    [message] = report(project)
    assert message.startswith("content/sources/article-one.yml:4:7: year: expected a number but found the text '20:13'")


def test_value_not_in_a_list_of_choices(project: Project) -> None:
    edit(
        project,
        "principles/give-first.yml",
        "audiences: [job-seeker, recruiter]",
        "audiences: [job-seeker, recruter]",
    )
    assert report(project) == [
        "content/principles/give-first.yml:4:25: audiences[1]: expected one of 'job-seeker', 'recruiter' or"
        " 'career-advisor' but received the text 'recruter' — did you mean 'recruiter'?"
    ]


def test_list_expected(project: Project) -> None:
    edit(project, "principles/give-first.yml", "tags: [giving, first contact]", "tags: giving")
    assert report(project) == [
        "content/principles/give-first.yml:5:7: tags: expected a list but found the text 'giving'"
        " — write each item on its own line, starting with '- '"
    ]


def test_invalid_id(project: Project) -> None:
    edit(project, "principles/give-first.yml", "id: give-first", "id: Give First")
    assert report(project) == [
        "content/principles/give-first.yml:1:5: id: the text 'Give First' is not allowed here"
        " — use lowercase letters, digits and single hyphens, for example give-before-you-ask"
    ]


def test_id_must_match_file_name(project: Project) -> None:
    edit(project, "principles/give-first.yml", "id: give-first", "id: give-early")
    assert report(project)[0] == (
        "content/principles/give-first.yml:1:5: id: the id 'give-early' does not match the file name"
        " 'give-first.yml' — rename the file to give-early.yml, or change the id to give-first"
    )


def test_unsafe_file_name(project: Project) -> None:
    source = project.content_dir / "sources" / "article-one.yml"
    source.rename(source.with_name("../article one.yml".replace("../", "Article One")))
    found = report(project)
    assert found[0] == (
        "content/sources/Article Onearticle one.yml:1:1: (file): the file name 'Article Onearticle one.yml' is not a safe id"
        " — use lowercase letters, digits and single hyphens, for example give-first.yml"
    )


def test_duplicate_id_across_kinds(project: Project) -> None:
    text = (project.content_dir / "debates" / "network-size.yml").read_text()
    (project.content_dir / "debates" / "give-first.yml").write_text(text.replace("id: network-size", "id: give-first"))
    # Only the clash is reported, not every reference that the clash makes ambiguous.
    assert report(project) == [
        "content/principles/give-first.yml:1:5: id: the id 'give-first' is already used by content/debates/give-first.yml"
        " — ids must be unique across the whole playbook; rename one of the two files and its id"
    ]


def test_dangling_reference_suggests_the_close_id(project: Project) -> None:
    edit(
        project,
        "principles/give-first.yml",
        "counters: [collector]",
        "counters: [colector, nothing-like-it]",
    )
    assert report(project) == [
        "content/principles/give-first.yml:22:12: counters[0]: no anti-pattern has the id 'colector' — did you mean 'collector'?",
        "content/principles/give-first.yml:22:22: counters[1]: no anti-pattern has the id 'nothing-like-it'"
        " — create content/anti-patterns/nothing-like-it.yml or fix the id",
    ]


def test_reference_to_the_wrong_kind(project: Project) -> None:
    edit(project, "anti-patterns/collector.yml", "instead: [have-a-point]", "instead: [reconnect]")
    assert report(project) == [
        "content/anti-patterns/collector.yml:11:11: instead[0]: 'reconnect' is a template, but a principle is expected here"
        " — name a principle id"
    ]


def test_unknown_source(project: Project) -> None:
    edit(project, "templates/reconnect.yml", "sources: [article-one]", "sources: [article-1]")
    [message] = report(project)
    assert message.startswith("content/templates/reconnect.yml:5:11: sources[0]: no source has the id 'article-1'")


def test_placeholder_used_but_not_declared(project: Project) -> None:
    edit(project, "templates/reconnect.yml", "Hi {first_name},", "Hi {firstname},")
    assert report(project) == [
        "content/templates/reconnect.yml:11:6: body: the placeholder {firstname} is used but not declared"
        " — add it under placeholders with a name, label and example, or fix its spelling",
        "content/templates/reconnect.yml:13:12: placeholders[0].name: the placeholder 'first_name' is declared but not used"
        " — write {first_name} in the subject or body, or remove it",
    ]


def test_worksheet_field_needs_its_settings(project: Project) -> None:
    edit(
        project,
        "worksheets/network-audit.yml",
        "options: [Colleagues, Classmates]",
        "options: [Colleagues]",
    )
    assert report(project) == [
        "content/worksheets/network-audit.yml:15:55: sections[0].fields[2].kind: a choice needs at least two options — add them under options"
    ]


def test_symlink_outside_the_project_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text("id: secret\n")
    (project.content_dir / "principles" / "secret.yml").symlink_to(outside)
    assert report(project) == [
        f"content/principles/secret.yml:1:1: (file): this is a symbolic link to {outside}, outside the project"
        " — replace the link with the file itself"
    ]


def test_file_in_an_unknown_folder(project: Project) -> None:
    (project.content_dir / "princples").mkdir()
    (project.content_dir / "princples" / "x.yml").write_text("id: x\n")
    [message] = report(project)
    assert message.startswith(
        "content/princples/x.yml:1:1: (file): 'princples/x.yml' is not in a folder the playbook reads"
    )


def test_missing_site_settings(project: Project) -> None:
    (project.content_dir / "site.yml").unlink()
    assert report(project) == [
        "content/site.yml:1:1: (file): the site settings file is missing"
        " — create content/site.yml with at least title, description and organization"
    ]


def test_all_problems_of_all_files_at_once(project: Project) -> None:
    edit(project, "principles/give-first.yml", "summary:", "sumary:")
    edit(project, "sources/article-one.yml", "year: 2013", "year: 1:20")
    (project.content_dir / "anti-patterns" / "sync-up.yml").write_bytes(b"id: sync-up\ntitle: \xff\n")
    found = report(project)
    assert [line.split(":")[0] for line in found] == [
        "content/anti-patterns/sync-up.yml",
        "content/principles/give-first.yml",
        "content/principles/give-first.yml",
        "content/sources/article-one.yml",
    ]


def test_references_are_read_from_the_model_fields_that_declare_them() -> None:
    from playbook.content.kinds import KINDS, SINGLETONS
    from playbook.content.model import Limit, Limits

    # Each limit names the sources of its own figure, and the file names them all.
    LIMITS_REFERENCES = {("sources.*", ("source",), False, False)} | {
        (f"{name}.sources.*", ("source",), False, False)
        for name, info in Limits.model_fields.items()
        if info.annotation is Limit
    }

    declared = {
        kind.name: {(r.spec, r.targets, r.linked, r.skips_hidden) for r in kind.references}
        for kind in [*KINDS.values(), *SINGLETONS.values()]
    }
    principle = ("principle",)
    assert declared == {
        "source": set(),
        "site": set(),
        "principle": {
            ("sources.*", ("source",), False, False),
            ("quote.source", ("source",), False, False),
            ("counters.*", ("anti-pattern",), True, False),
            ("templates.*", ("template",), True, False),
        },
        "anti-pattern": {
            ("sources.*", ("source",), False, False),
            ("instead.*", principle, True, False),
            ("rules.*", ("rule",), True, False),
        },
        "template": {("sources.*", ("source",), False, False), ("principles.*", principle, True, False)},
        "worksheet": {
            ("sources.*", ("source",), False, False),
            ("principles.*", principle, True, False),
            ("template", ("template",), False, False),
            ("next_steps.*.template", ("template",), False, False),
        },
        "debate": {
            ("sources.*", ("source",), False, False),
            ("sides.*.sources.*", ("source",), False, False),
            ("principles.*", principle, True, False),
        },
        # A path's stops and a workshop's segments leave out what a fork hides (skips_hidden).
        "path": {
            ("steps.*.entry", ("principle", "anti-pattern", "template", "worksheet", "debate", "workshop"), False, True)
        },
        "workshop": {
            ("agenda.*.entries.*", ("principle", "anti-pattern", "template", "worksheet", "debate"), False, True),
            ("agenda.*.exercises.*", ("anti-pattern",), False, True),
            ("agenda.*.worksheets.*", ("worksheet",), False, True),
            ("agenda.*.debates.*", ("debate",), False, True),
        },
        "rule": {
            ("anti_pattern", ("anti-pattern",), True, False),
            ("principle", principle, True, False),
            ("sources.*", ("source",), False, False),
        },
        "formula": {
            ("quote.source", ("source",), False, False),
            ("components.*.principles.*", principle, False, False),
            ("sources.*", ("source",), False, False),
        },
        "limits": LIMITS_REFERENCES,
        "situations": set(),
        "tags": set(),
    }


def test_a_number_too_large_for_page_data_is_refused(project: Project) -> None:
    # 1e999 reads as infinity, which JSON cannot carry: the calculator's page data would not parse.
    edit(project, "formula.yml", "exchange: {max: 0}", "exchange: {max: 1e999}")
    [problem] = report(project)
    assert (
        problem.startswith("content/formula.yml:12:")
        and "bands[0].exchange.max: Input should be a finite number" in problem
    )
