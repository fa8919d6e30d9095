"""Building the site: every page, working links, search, tags, atomic and deterministic output."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import jinja2
import pytest
from conftest import make_project

from playbook.pipeline import Project, build_site, check, generate, stage
from playbook.problems import ContentError
from playbook.report import Reporter

QUIET = Reporter(quiet=True)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_staged_page_becomes_an_html_page(sample_site: Project) -> None:
    staged = sorted(
        p.relative_to(sample_site.stage_dir / "docs") for p in (sample_site.stage_dir / "docs").rglob("*.md")
    )
    assert len(staged) == 21
    for page in staged:
        html = "index.html" if page.name == "index.md" else f"{page.stem}/index.html"
        assert (sample_site.site_dir / page.parent / html).is_file(), page


def test_cross_links_are_real_links_both_ways(sample_site: Project) -> None:
    principle = (sample_site.site_dir / "principles/give-first/index.html").read_text()
    anti = (sample_site.site_dir / "anti-patterns/collector/index.html").read_text()
    assert 'href="../../anti-patterns/collector/"' in principle
    assert 'href="../../principles/give-first/"' in anti
    assert 'href="../../message-templates/give-first-note/"' in principle


def test_every_internal_link_resolves(sample_site: Project) -> None:
    site = sample_site.site_dir
    # 404.html is served from the site root whatever the address, so its links are absolute.
    for html_file in (f for f in site.rglob("*.html") if f.name != "404.html"):
        for href in re.findall(r'href="([^"#?]+)', html_file.read_text()):
            if href.startswith(("http:", "https:", "mailto:", "data:")):
                continue
            target = (html_file.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), f"{html_file}: {href}"


def test_plain_text_is_escaped(sample_site: Project) -> None:
    html = (sample_site.site_dir / "principles/have-a-point/index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Have a point" in html
    assert "<script>alert(1)" not in html
    for listing in (
        "principles/index.html",
        "message-templates/give-first-note/index.html",
        "index.html",
    ):
        assert "<script>alert(1)" not in (sample_site.site_dir / listing).read_text(), listing
    other = (sample_site.site_dir / "principles/give-first/index.html").read_text()
    assert "*stars* and &lt;b&gt;tags&lt;/b&gt;" in other


def test_search_index_finds_entries_by_title_and_body(sample_site: Project) -> None:
    index = json.loads((sample_site.site_dir / "search/search_index.json").read_text())
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert docs["principles/give-first/"]["title"] == "Give before you ask"
    body = " ".join(d["text"] for loc, d in docs.items() if loc.startswith("principles/give-first/"))
    assert "People remember who helped them" in body
    assert any("contact collector" in d["title"].lower() for d in docs.values())


def test_search_results_have_an_excerpt_and_no_tool_data(default_site: Project) -> None:
    """A result's excerpt is the page's own first text (its summary), and a tool's inline data is not indexed."""
    index = json.loads((default_site.site_dir / "search/search_index.json").read_text())
    docs = {doc["location"]: doc for doc in index["docs"]}
    page = docs["message-templates/ask-for-an-introduction/"]
    assert page["title"] == "Ask a mutual connection for an introduction"
    assert page["text"].startswith("<p>Ask someone who knows you well to introduce you")
    for doc in index["docs"]:
        assert '{"site":' not in doc["text"] and '"strings":' not in doc["text"], doc["location"]


def test_tags_page_lists_entries_by_tag(sample_site: Project) -> None:
    html = (sample_site.site_dir / "tags/index.html").read_text()
    assert "first contact" in html and "giving" in html
    assert "../principles/give-first/" in html


def test_no_request_to_another_host(sample_site: Project) -> None:
    for html_file in sample_site.site_dir.rglob("*.html"):
        text = html_file.read_text()
        loaded = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(https?:)?//', text)
        assert not loaded, f"{html_file} loads from another host"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_failed_build_leaves_the_previous_site_untouched(project: Project) -> None:
    build_site(project, QUIET)
    before = tree_digest(project.site_dir)
    (project.content_dir / "principles" / "give-first.yml").write_text("id: give-first\ntitle: [broken\n")
    with pytest.raises(ContentError):
        build_site(project, QUIET)
    assert tree_digest(project.site_dir) == before
    assert not list(project.root.glob(".site-*"))


def test_mkdocs_failure_also_keeps_the_site(project: Project) -> None:
    build_site(project, QUIET)
    before = tree_digest(project.site_dir)
    template = project.generators_dir / "index.md.jinja"
    template.write_text(template.read_text() + "\n[broken](missing-page.md)\n")
    with pytest.raises(ContentError) as caught:
        build_site(project, QUIET)
    assert "missing-page.md" in caught.value.report()
    assert tree_digest(project.site_dir) == before


def test_template_error_names_the_template_and_line(project: Project) -> None:
    template = project.generators_dir / "principle.md.jinja"
    template.write_text(template.read_text().replace("{{ t.why_it_matters }}", "{{ t.no_such_heading }}"))
    with pytest.raises(ContentError) as caught:
        build_site(project, QUIET)
    [problem] = {p.format() for p in caught.value.problems}
    assert problem.startswith("generators/principle.md.jinja:")
    assert "'dict object' has no attribute 'no_such_heading'" in problem
    assert "in: ## {{ t.no_such_heading }}" in problem


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = make_project(tmp_path / "a")
    second = make_project(tmp_path / "b")
    build_site(first, QUIET)
    build_site(second, QUIET)
    assert tree_digest(first.site_dir) == tree_digest(second.site_dir)


def test_staging_writes_only_changed_files(project: Project) -> None:
    checked = check(project, QUIET)
    files = generate(project, checked, QUIET)
    first = stage(project, files, QUIET)
    assert first.written == len(files)
    again = stage(project, generate(project, check(project, QUIET), QUIET), QUIET)
    assert (again.written, again.removed) == (0, 0)
    path = project.content_dir / "principles" / "give-first.yml"
    path.write_text(path.read_text().replace("Offer something useful", "Offer something helpful"))
    after = stage(project, generate(project, check(project, QUIET), QUIET), QUIET)
    # The principle's own page and the pages that list its summary change; nothing else is touched.
    assert 1 <= after.written <= 8 < len(files)
    (project.content_dir / "debates" / "network-size.yml").unlink()
    removed = stage(project, generate(project, check(project, QUIET), QUIET), QUIET)
    assert removed.removed >= 1


def test_compiled_templates_are_kept_and_an_edited_template_still_shows(project: Project) -> None:
    stage(project, generate(project, check(project, QUIET), QUIET), QUIET)
    kept = sorted((project.root / ".cache" / "jinja").iterdir())
    assert kept, "compiled templates should be kept for the next build"
    template = project.generators_dir / "principle.md.jinja"
    template.write_text(template.read_text() + "\nEdited after the first build.\n")
    stage(project, generate(project, check(project, QUIET), QUIET), QUIET)
    page = (project.stage_dir / "docs" / "principles" / "give-first.md").read_text()
    assert page.rstrip().endswith("Edited after the first build.")


def test_a_cache_that_cannot_be_written_only_costs_time(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", refuse)
    files = generate(project, check(project, QUIET), QUIET)
    assert b"Give before you ask" in files["docs/principles/give-first.md"]
    shutil.rmtree(project.root / ".cache")
    (project.root / ".cache").write_text("a file where the cache folder would go")
    assert generate(project, check(project, QUIET), QUIET) == files


def test_staged_folder_builds_as_a_plain_mkdocs_project(sample_site: Project, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "stage"
    shutil.copytree(sample_site.stage_dir, copy)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(copy / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/principles/give-first/index.html").exists()


def test_worksheet_questions_are_readable_without_javascript(sample_site: Project) -> None:
    html = (sample_site.site_dir / "worksheets/network-audit/index.html").read_text()
    [fallback] = re.findall(r'<div class="pb-tool"[^>]*>(.*?)</div><template', html, re.S)
    for label in ("How many connections do you have?", "Who are they mostly?", "People to fortify"):
        assert label in fallback


def test_a_tags_anchor_is_its_name_as_material_slugs_it() -> None:
    from playbook.site.pages import tag_anchor

    assert tag_anchor("first contact") == "tag:first-contact"
    assert tag_anchor("búsqueda de empleo") == "tag:búsqueda-de-empleo"
    assert tag_anchor("Follow-up & thanks") == "tag:follow-up-thanks"
