"""A career center's fork: brand, extend, override, hide and translate in content/local/ only."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, make_project, run_cli

from playbook.pipeline import Project, build_site, check, render_handouts
from playbook.problems import ContentError
from playbook.report import Reporter

QUIET = Reporter(quiet=True)


def with_overlay(project: Project) -> Project:
    shutil.copytree(FIXTURES / "fork", project.content_dir / "local")
    return project


def report(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, QUIET)
    return [p.format() for p in caught.value.problems]


def write(project: Project, relative: str, text: str) -> None:
    path = project.content_dir / "local" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = with_overlay(make_project(tmp_path_factory.mktemp("fork") / "project"))
    build_site(project, QUIET)
    return project


def page(project: Project, path: str) -> str:
    return (project.site_dir / path / "index.html").read_text(encoding="utf-8")


def test_brand_name_logo_and_call_to_action(fork_site: Project) -> None:
    home = page(fork_site, "")
    assert "Riverside Networking Playbook" in home
    assert (fork_site.site_dir / "assets/brand/logo.svg").is_file()
    assert 'src="assets/brand/logo.svg"' in home
    for path in ("", "principles/have-a-point", "tools/composer"):
        assert 'href="https://careers.example.edu/appointments">Book an appointment with an advisor</a>' in page(
            fork_site, path
        )
    css = (fork_site.site_dir / "assets/brand.css").read_text()
    assert "--md-primary-fg-color: #6b1d3a" in css and "--md-typeset-a-color: #0b5e7e" in css


def test_added_entry_is_a_page_linked_both_ways(fork_site: Project) -> None:
    added = page(fork_site, "principles/visit-the-career-fair")
    assert "Visit the Riverside career fair with a plan" in added
    assert 'href="../../anti-patterns/collector/"' in added
    assert 'href="../../principles/visit-the-career-fair/"' in page(fork_site, "anti-patterns/collector")
    assert "visit-the-career-fair/" in page(fork_site, "principles")


def test_a_forks_own_tag_is_named_on_its_pages_and_the_tags_page(fork_site: Project) -> None:
    """content/local/tags.yml names the fork's tag "career fair" as "career fairs" (the fixture's entry uses it)."""
    added = page(fork_site, "principles/visit-the-career-fair")
    assert '<a href="../../tags/#tag:career-fairs" class="md-tag">career fairs</a>' in added
    tags_page = page(fork_site, "tags")
    heading = tags_page.index('<h2 id="tag:career-fairs"><span class="md-tag">career fairs</span>')
    assert '<a href="../principles/visit-the-career-fair/">' in tags_page[heading : heading + 400]


UPSTREAM_TAGS = "tags:\n  - id: giving\n    label: giving\n  - id: first contact\n    label: first contact\n"


def test_a_forks_tag_that_clashes_with_upstreams_is_reported_at_its_line(project: Project) -> None:
    (project.content_dir / "tags.yml").write_text(UPSTREAM_TAGS, encoding="utf-8")
    write(
        project,
        "tags.yml",
        "tags:\n  - id: career fair\n    label: career fairs\n  - id: giving\n    label: generosity\n"
        "  - id: first message\n    label: First Contact\n",
    )
    assert report(project) == [
        "content/local/tags.yml:4:9: tags[1].id: the tag 'giving' is already in content/tags.yml:2,"
        " shown as 'giving' — remove it from this file: your entries can use it as it is",
        "content/local/tags.yml:7:12: tags[2].label: 'First Contact' is already the name of the upstream tag"
        " 'first contact' (content/tags.yml:5) — give the tag 'first message' another name,"
        " or tag your entries 'first contact' instead",
    ]


def test_a_malformed_tags_file_of_a_fork_is_reported_at_its_place(project: Project) -> None:
    write(project, "tags.yml", "tags:\n  - id: Career Fair\n    label: career fairs\n  - id: fair\n")
    assert report(project) == [
        "content/local/tags.yml:2:9: tags[0].id: the text 'Career Fair' is not allowed here"
        " — use lowercase words, for example referrals",
        "content/local/tags.yml:4:5: tags[1].label: the required field 'label' is missing"
        " — add 'label:' (The tag as readers see it on pages, on the tags page and in search.)",
    ]
    write(project, "tags.yml", "tags:\n  - id: fair\n    label: fairs\n  - id: fair\n    label: fairs\n")
    assert report(project) == [
        "content/local/tags.yml:4:9: tags[1].id: the tag 'fair' is already named at tags[0] — keep one of the two"
    ]


def test_overridden_fields_replace_upstream_ones(fork_site: Project) -> None:
    principle = page(fork_site, "principles/give-first")
    assert "Give first, ask later" in principle
    assert "At Riverside we say it this way" in principle
    # Fields the override leaves alone keep their upstream values.
    assert "People remember who helped them" in principle
    assert "Give first, ask later" in page(fork_site, "principles")
    assert "Give before you ask" not in page(fork_site, "principles")


def test_hidden_entry_and_links_to_it_disappear(fork_site: Project) -> None:
    assert not (fork_site.site_dir / "anti-patterns/sync-up").exists()
    for html in fork_site.site_dir.rglob("*.html"):
        assert "anti-patterns/sync-up" not in html.read_text(encoding="utf-8"), html


def test_institution_note_shows_on_the_entry_page(fork_site: Project) -> None:
    principle = page(fork_site, "principles/give-first")
    assert "At our center" in principle
    assert "Tuesday drop-in hours" in principle and "three people you would like to thank" in principle


def test_override_of_an_unknown_id(project: Project) -> None:
    write(project, "overrides/give-frst.yml", "id: give-frst\ntitle: X\n")
    assert report(project) == [
        "content/local/overrides/give-frst.yml:1:5: id: no entry has the id 'give-frst' — did you mean 'give-first'?"
    ]


def test_override_of_a_field_the_kind_does_not_have(project: Project) -> None:
    write(project, "overrides/give-first.yml", "id: give-first\nsigns: [x]\ntitel: Y\n")
    assert report(project) == [
        "content/local/overrides/give-first.yml:2:8: signs: 'signs' is not a field of a principle"
        " — the fields of a principle are: id, title, summary, audiences, tags, sources, why, how, example, quote, counters, templates",
        "content/local/overrides/give-first.yml:3:8: titel: 'titel' is not a field of a principle — did you mean 'title'?",
    ]


def test_override_with_a_wrong_value_is_reported_in_the_override(project: Project) -> None:
    write(project, "overrides/give-first.yml", "id: give-first\naudiences: [students]\n")
    assert report(project) == [
        "content/local/overrides/give-first.yml:2:13: audiences[0]: expected one of 'job-seeker', 'recruiter' or"
        " 'career-advisor' but received the text 'students' — use one of the values listed"
    ]


def test_override_that_makes_a_card_overflow_is_reported_at_the_override(project: Project) -> None:
    title = ("Give before you ask, and keep giving after you have been helped, whatever it takes " * 3)[:190].strip()
    summary = ("Offer something useful before asking for anything at all, " * 4)[:195].strip()
    write(project, "overrides/give-first.yml", f"id: give-first\ntitle: {title}\nsummary: {summary}\n")
    with pytest.raises(ContentError) as caught:
        render_handouts(project, check(project, QUIET), QUIET)
    [problem] = [p.format() for p in caught.value.problems]
    assert problem.startswith("content/local/overrides/give-first.yml:3:10: summary: the title and summary of ")
    assert problem.endswith("do not fit on the front of its 63 × 88 mm card — shorten the title or the summary")


def test_override_whose_title_alone_makes_a_card_overflow_points_at_the_title(project: Project) -> None:
    title = ("Give before you ask, and keep giving after you have been helped, whatever it takes " * 3)[:198].strip()
    path = project.content_dir / "principles" / "give-first.yml"
    summary = ("Offer something useful before asking for anything at all, " * 4)[:195].strip()
    path.write_text(
        path.read_text().replace("summary: Offer something useful before asking for anything.", f"summary: {summary}")
    )
    write(project, "overrides/give-first.yml", f"# Our wording.\nid: give-first\ntitle: {title}\n")
    with pytest.raises(ContentError) as caught:
        render_handouts(project, check(project, QUIET), QUIET)
    [problem] = [p.format() for p in caught.value.problems]
    assert problem.startswith("content/local/overrides/give-first.yml:3:8: title: the title and summary of ")


FAILING_RULE = """\
id: no-brain-picking
title: Asks to pick a brain
severity: error
languages: [en]
match:
  kind: contains
  phrases: [pick your brain]
message: “{match}” found
explanation: It asks for free advice.
fix: Ask one specific question instead.
principle: have-a-point
sources: [article-one]
"""


def test_override_that_makes_a_template_fail_the_self_check_is_reported_at_the_override(project: Project) -> None:
    (project.content_dir / "rules").mkdir()
    (project.content_dir / "rules" / "no-brain-picking.yml").write_text(FAILING_RULE, encoding="utf-8")
    check(project, QUIET)
    write(
        project,
        "overrides/reconnect.yml",
        "id: reconnect\nbody: |\n  Hi {first_name}, we met at the fair.\n  Could I pick your brain for 15 minutes?\n",
    )
    assert report(project) == [
        "content/local/overrides/reconnect.yml:4:11: body: the template 'reconnect', filled with its examples, breaks"
        " the checker rule 'no-brain-picking': “pick your brain” found — Ask one specific question instead; if the"
        " rule is wrong for this template, change content/rules/no-brain-picking.yml"
    ]


@pytest.mark.parametrize("relative", ["overrides/give-first.yml", "branding.yml", "tags.yml", "strings/pages.yml"])
def test_a_bad_overlay_or_strings_file_is_reported_at_its_place(project: Project, relative: str) -> None:
    shown = f"content/local/{relative}"
    write(project, relative, "title: [unclosed\n")
    [syntax] = report(project)
    assert syntax.startswith(f"{shown}:1:8: (file): YAML syntax error: the [ here is not closed")
    write(project, relative, "- a list\n- not a mapping\n")
    [shape] = report(project)
    assert shape.startswith(f"{shown}:1:1: (file): ")
    assert "a mapping of keys" in shape
    (project.content_dir / "local" / relative).unlink()
    (project.content_dir / "local" / relative).mkdir()
    assert report(project) == [
        f"{shown}:1:1: (file): this is a folder, not a regular file — keep only YAML files in the content folders"
    ]


def test_missing_logo_file(project: Project) -> None:
    write(project, "branding.yml", "logo: local/missing.png\n")
    assert report(project) == [
        "content/local/branding.yml:1:7: logo: the file content/local/missing.png does not exist"
        " — put the image there, or correct the path (it is relative to the content folder)"
    ]


def test_invalid_color(project: Project) -> None:
    write(project, "branding.yml", "primary_color: maroon\n")
    assert report(project) == [
        "content/local/branding.yml:1:16: primary_color: the text 'maroon' is not allowed here"
        " — write the color as # followed by six hex digits, for example #1f4e79"
    ]


def test_brand_color_without_enough_contrast_names_the_ratio_and_a_passing_color_of_the_same_hue(
    project: Project,
) -> None:
    from playbook.content.contrast import oklch, ratio

    # The suggested colors really pass, and keep the brand's OKLCH hue.
    assert ratio("#4278bb", "#ffffff") >= 4.5 and abs(oklch("#4278bb")[2] - oklch("#7fb8ff")[2]) < 1
    assert ratio("#977000", "#ffffff") >= 4.5 and abs(oklch("#977000")[2] - oklch("#c99700")[2]) < 1
    # A gold header is fine (its text turns dark); a light accent fails as the links' color.
    write(project, "branding.yml", 'primary_color: "#f5c518"\naccent_color: "#7fb8ff"\n')
    assert report(project) == [
        "content/local/branding.yml:2:15: accent_color: links in the accent color on the white page have a contrast"
        " of 2.06:1, below the 4.5:1 that WCAG 2.1 AA requires — the nearest color that passes, with the same hue"
        ' (only its OKLCH lightness changed), is #4278bb: accent_color: "#4278bb"'
        "; a color this light can stay your brand as primary_color, the header, whose text turns dark",
    ]
    # A separate link color is checked on its own, at its own line.
    write(project, "branding.yml", 'primary_color: "#f5c518"\naccent_color: "#0b5e7e"\nlink_color: "#c99700"\n')
    assert report(project) == [
        "content/local/branding.yml:3:13: link_color: links in the link color on the white page have a contrast"
        " of 2.65:1, below the 4.5:1 that WCAG 2.1 AA requires — the nearest color that passes, with the same hue"
        ' (only its OKLCH lightness changed), is #977000: link_color: "#977000"'
        "; a color this light can stay your brand as primary_color, the header, whose text turns dark",
    ]
    write(project, "branding.yml", 'accent_color: "#c25e00"\n')
    (problem,) = report(project)
    assert problem.endswith(
        'or keep accent_color for buttons and the focus ring and add link_color: "#bd5b00" for links'
    )


def test_new_entry_with_an_upstream_id(project: Project) -> None:
    text = (project.content_dir / "principles" / "give-first.yml").read_text()
    write(project, "principles/give-first.yml", text)
    assert report(project) == [
        "content/local/principles/give-first.yml:1:5: id: the id 'give-first' already exists upstream"
        " (content/principles/give-first.yml) — to change that entry, write content/local/overrides/give-first.yml"
        " with only the fields to change"
    ]


def test_hiding_an_unknown_entry(project: Project) -> None:
    write(project, "hidden.yml", "hide: [sync-up, no-such-entry]\n")
    assert report(project) == [
        "content/local/hidden.yml:1:17: hide[1]: no entry has the id 'no-such-entry' — list ids of existing entries"
    ]


HIDE_HINT = "hide those entries too, or override the fields that cite it (content/local/overrides/<id>.yml)"


def test_hiding_an_entry_that_others_cite_is_reported_by_check_and_build(project: Project) -> None:
    write(project, "hidden.yml", "hide:\n  - sync-up\n  - give-first\n  - article-two\n")
    give_first = (
        "content/local/hidden.yml:3:5: hide[1]: 'give-first' is hidden but still cited by"
        " content/debates/network-size.yml:15 (principles[0]), content/formula.yml:9 (components[1].principles[0]),"
        " content/formula.yml:10 (components[2].principles[0]), content/templates/give-first-note.yml:21 (principles[0]), content/templates/reconnect.yml:14"
        " (principles[0]), content/worksheets/network-audit.yml:9 (principles[0]) — " + HIDE_HINT
    )
    for command in ("check", "build"):
        result = run_cli(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        lines = [line for line in result.stderr.splitlines() if line.startswith("content/local/hidden.yml")]
        assert len(lines) == 2 and lines[0] == give_first, result.stderr
        # The source: cited by entries and by the formula, each named with its line.
        assert lines[1].startswith("content/local/hidden.yml:4:5: hide[2]: 'article-two' is hidden but still cited by")
        assert "content/anti-patterns/collector.yml:6 (sources[0])" in lines[1]
        assert "content/formula.yml:6 (sources[0])" in lines[1] and lines[1].endswith(HIDE_HINT)
    assert not project.site_dir.exists()


def test_hiding_an_entry_a_path_stops_at_leaves_the_stop_out(project: Project) -> None:
    """A reading path is a list to follow: a stop the fork hides is left out, not an error."""
    write(project, "hidden.yml", "hide: [give-first-note]\n")
    write(project, "overrides/have-a-point.yml", "id: have-a-point\ntemplates: []\n")
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert not (project.site_dir / "message-templates/give-first-note/index.html").exists()
    path = (project.site_dir / "paths/job-seeker/index.html").read_text(encoding="utf-8")
    assert "give-first-note" not in path and "The trap to avoid." in path


def test_note_on_an_unknown_entry(project: Project) -> None:
    write(project, "notes/give-frst.yml", "id: give-frst\nnote: Hello\n")
    assert report(project) == [
        "content/local/notes/give-frst.yml:1:5: id: no entry has the id 'give-frst' — did you mean 'give-first'?"
    ]


def test_scaffold_creates_a_commented_overlay_that_builds(project: Project) -> None:
    result = run_cli(project, "init-local")
    assert result.returncode == 0, result.stderr
    assert "created content/local/branding.yml" in result.stdout
    assert "# organization:" in (project.content_dir / "local" / "branding.yml").read_text()
    check(project, QUIET)
    again = run_cli(project, "init-local")
    assert "nothing was changed" in again.stdout


def test_drift_lists_upstream_entries_changed_since_review(project: Project) -> None:
    with_overlay(project)
    first = run_cli(project, "drift")
    assert (
        "content/local/overrides/give-first.yml: content/principles/give-first.yml was never reviewed" in first.stdout
    )
    run_cli(project, "drift", "--mark-reviewed")
    assert "up to date" in run_cli(project, "drift").stdout
    upstream = project.content_dir / "principles" / "give-first.yml"
    upstream.write_text(upstream.read_text().replace("People remember", "People do remember"))
    changed = run_cli(project, "drift").stdout
    assert "content/principles/give-first.yml changed since you reviewed it, in 1 field(s):" in changed
    # In words, field by field, old and new, and no git command to run.
    said = next(line for line in changed.splitlines() if line.startswith("  why: was "))
    assert "People remember" in said.split(", now ")[0] and "People do remember" in said.split(", now ")[1]
    assert "git" not in changed
    check(project, QUIET)


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("id: give-first\ntitle: Give first\nsummary: [unclosed\n", "content/local/overrides/give-first.yml:3:"),
        (
            "id: give-first\ntitle: Give first\nno_such_field: x\n",
            "content/local/overrides/give-first.yml:3:16: no_such_field",
        ),
    ],
    ids=["syntax", "field"],
)
def test_drift_mark_reviewed_leaves_an_override_with_errors_as_it_was(
    project: Project, broken: str, expected: str
) -> None:
    with_overlay(project)
    override = project.content_dir / "local" / "overrides" / "give-first.yml"
    override.write_text(broken)
    before = override.read_bytes()
    result = run_cli(project, "drift", "--mark-reviewed")
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert "marked reviewed" not in result.stdout
    assert override.read_bytes() == before
    assert not (override.parent / ".reviewed").exists() or not any((override.parent / ".reviewed").iterdir())


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_upstream_update_merges_into_a_customized_fork_without_conflict(tmp_path: Path) -> None:
    upstream = make_project(tmp_path / "upstream")
    git(upstream.root, "init", "-q", "-b", "main")
    git(upstream.root, "add", "-A")
    git(upstream.root, "commit", "-qm", "upstream 1")
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(upstream.root), str(fork))
    shutil.copytree(FIXTURES / "fork", fork / "content" / "local")
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "our brand and entries")

    # Upstream improves content, a generator template and a theme override.
    principle = upstream.content_dir / "principles" / "give-first.yml"
    principle.write_text(
        principle.read_text().replace("People remember who helped them.", "People remember who helped them first.")
    )
    template = upstream.generators_dir / "principle.md.jinja"
    template.write_text(template.read_text().replace("## {{ t.how_to_do_it }}", "## {{ t.how_to_do_it }} {: #how }"))
    css = upstream.overrides_dir / "assets" / "theme" / "theme.css"
    css.write_text(css.read_text() + "\n.pb-summary { font-weight: 500; }\n")
    git(upstream.root, "commit", "-qam", "upstream 2")

    git(fork, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert git(fork, "status", "--porcelain") == ""
    assert "<<<<<<<" not in (fork / "content" / "principles" / "give-first.yml").read_text()

    project = Project(fork)
    build_site(project, QUIET)
    principle_page = page(project, "principles/give-first")
    assert "People remember who helped them first" in principle_page  # upstream's change
    assert "Give first, ask later" in principle_page  # the fork's override
    assert 'id="how"' in principle_page  # upstream's template change
    assert "Riverside Networking Playbook" in principle_page  # the fork's brand
    assert (project.site_dir / "principles/visit-the-career-fair/index.html").exists()
    assert not (project.site_dir / "anti-patterns/sync-up").exists()

    # The handout carries the same customizations as the site.
    from pypdf import PdfReader

    handout = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(project.site_dir / "handouts" / "playbook.pdf").pages
    )
    assert "riverside university career center" in handout.lower()  # the cover sets it in capitals
    assert "Give first, ask later" in handout and "Give before you ask" not in handout
    assert "Visit the Riverside career fair with a plan" in handout
    assert "Tuesday drop-in hours" in handout
    assert "A message with no point." not in handout  # the hidden anti-pattern's summary


def test_spanish_fork_gets_spanish_interface_and_translated_entries(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    write(project, "branding.yml", "language: es\n")
    write(
        project,
        "overrides/give-first.yml",
        "id: give-first\ntitle: Da antes de pedir\nsummary: Ofrece algo útil antes de pedir nada.\n",
    )
    build_site(project, QUIET)
    principle = page(project, "principles/give-first")
    assert '<html lang="es"' in principle
    assert "Da antes de pedir" in principle
    assert "Por qué importa" in principle and "Cómo hacerlo" in principle
    assert "Why it matters" not in principle
    home = page(project, "")
    assert "Empieza aquí" in home
    config = (project.stage_dir / "mkdocs.yml").read_text()
    assert "lang: es" in config and "language: es" in config


def test_every_english_string_has_a_spanish_translation() -> None:
    import yaml

    for english in (REPO / "generators" / "strings" / "en").glob("*.yml"):
        spanish = REPO / "generators" / "strings" / "es" / english.name
        assert spanish.exists(), f"{spanish} is missing"
        missing = set(yaml.safe_load(english.read_text())) - set(yaml.safe_load(spanish.read_text()))
        assert not missing, f"{spanish.name} lacks {sorted(missing)}"
