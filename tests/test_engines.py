"""Both engines build the same site: MkDocs with Material 9.8 (the default) and Zensical.

Material reaches end of life on 5 May 2027; a site must move to Zensical without a reader
noticing. The whole suite runs on MkDocs; this file builds the default playbook once with
Zensical (the ``zensical_site`` fixture) and holds it to the MkDocs build (``default_site``):
the same pages and tags, search in English and Spanish, the tools working and saving (by
running the tools' own tests on the Zensical site), brand colours as the browser computes
them, the 404 and handouts pages, the offline copy opened from disk, axe-core on every page, on
of pages and on the search dialog, and no request to another host.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
import test_checker_page
import test_tools_browser
import yaml
from conftest import FIXTURES, make_project, run_cli, serve
from site_search import result_links
from test_accessibility import check_site
from test_tools_browser import axe
from test_tools_browser import test_calculator_keeps_form_and_people_after_reload as calculator_keeps_work
from test_tools_browser import test_composer_keeps_template_and_values_after_reload as composer_keeps_work
from test_tools_browser import test_keyboard_reaches_every_control_with_visible_focus as keyboard_reaches_all
from test_tools_browser import test_worksheet_answers_choices_and_rows_survive_reload as worksheet_keeps_work

from playbook.content.model import Site
from playbook.engines import engine, zensical_adapter
from playbook.pipeline import Project
from playbook.site.offline import ZIP_PATH

pytestmark = pytest.mark.browser

ENGINES = ("mkdocs", "zensical")


@pytest.fixture(params=ENGINES)
def built(request: pytest.FixtureRequest) -> Project:
    """The default playbook as each engine builds it."""
    return request.getfixturevalue("default_site" if request.param == "mkdocs" else "zensical_site")


def pages(site: Path) -> dict[str, str]:
    """Every page of a built site (its path) with its first heading, text only."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.parts:
            continue
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S)
        found[path.relative_to(site).as_posix()] = (
            re.sub(r"<[^>]+>|¶|&para;", "", heading[1]).strip() if heading else ""
        )
    return found


def tag_listing(site: Path) -> dict[str, list[str]]:
    """The tags page: each tag's anchor with the pages listed under it."""
    html = (site / "tags" / "index.html").read_text(encoding="utf-8")
    listing = {}
    for tag, body in re.findall(r'<h2 id="(tag:[^"]+)".*?</h2>(.*?)(?=<h2 |</article>)', html, re.S):
        listing[tag] = sorted(re.findall(r'<a href="(\.\./[^"#]+)"', body))
    return listing


# The boundary ----------------------------------------------------------------------------


def test_the_site_setting_offers_exactly_the_engines_the_boundary_knows() -> None:
    assert get_args(Site.model_fields["engine"].annotation) == engine.NAMES
    assert Site.model_fields["engine"].default == engine.DEFAULT == "mkdocs"


def test_an_unknown_engine_is_reported_where_it_is_written(project: Project) -> None:
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text("title: Ours\nengine: hugo\n", encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "content/local/branding.yml:2:9: engine:" in result.stderr
    assert "'mkdocs'" in result.stderr and "'zensical'" in result.stderr
    assert "Traceback" not in result.stderr
    usage = run_cli(project, "build", "--engine", "hugo")
    assert usage.returncode == 2 and "invalid choice: 'hugo'" in usage.stderr


def test_zensical_complaints_name_the_page_line_and_column() -> None:
    output = (
        "Build started\n"
        "Warning: page does not exist\n"
        "    ╭─[ principles/give-first.md:87:10 ]\n"
        " 87 │ [broken](nowhere.md)\n"
        "Warning: anchor does not exist\n"
        "    ╭─[ sources.md:3:44 ]\n"
        "2 issues found\n"
    )
    assert zensical_adapter.complaints(output) == [
        "Doc file 'principles/give-first.md' (line 87, column 10): page does not exist",
        "Doc file 'sources.md' (line 3, column 44): anchor does not exist",
    ]


def test_a_fork_chooses_zensical_and_the_build_says_what_it_does_not_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "fork", FIXTURES / "sample")
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text("engine: zensical\n", encoding="utf-8")
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(re.match(r"zensical +\d+ HTML pages \(strict\)", line) for line in lines), result.stderr
    notes = [line for line in lines if line.startswith("zensical") and "does not check" in line]
    assert len(notes) == 1 and "links.unrecognized_links" in notes[0], result.stderr
    # The MkDocs worker was not the one that built: Zensical's search index is there, Material's is not.
    assert (project.site_dir / "search.json").is_file()
    assert not (project.site_dir / "search" / "search_index.json").exists()
    # A broken link in a staged page fails the build at the content file it comes from, as with MkDocs.
    template = project.root / "generators" / "principle.md.jinja"
    template.write_text(template.read_text(encoding="utf-8") + "\n[gone](nowhere.md)\n", encoding="utf-8")
    broken = run_cli(project, "build", "--no-pdf")
    assert broken.returncode == 1
    assert re.search(
        r"content/principles/give-first\.yml:1:1: \(file\): Zensical: Doc file 'principles/give-first\.md' \(line \d+, column \d+\): page does not exist",
        broken.stderr,
    ), broken.stderr


def test_zensical_names_the_plugins_it_would_skip(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "plugins:\n- search:\n    lang: en\n- tags\n- material/offline\n- git-revision-date\n- i18n: {}\n"
    )
    assert zensical_adapter.notes(config) == [
        "ignores the plugins git-revision-date, i18n (it has no plugin API); build with --engine mkdocs to use them"
    ]


def test_the_staged_configuration_is_one_file_both_engines_read_alike(zensical_site: Project) -> None:
    config = yaml.safe_load((zensical_site.stage_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "INHERIT" not in config and not (zensical_site.stage_dir / "base.yml").exists()
    assert config["theme"]["variant"] == "classic" and config["theme"]["custom_dir"] == "overrides"
    # Without a site address instant navigation is off, under both engines (an INHERIT would bring it back).
    assert "navigation.instant" not in config["theme"]["features"]
    assert engine.notes("mkdocs", zensical_site.stage_dir / "mkdocs.yml") == []


# The same site ----------------------------------------------------------------------------


def test_both_engines_build_the_same_pages_with_the_same_headings(
    default_site: Project, zensical_site: Project
) -> None:
    material, zensical = pages(default_site.site_dir), pages(zensical_site.site_dir)
    assert len(material) > 60
    assert zensical == material


def test_both_engines_list_the_same_tags_with_the_same_pages(default_site: Project, zensical_site: Project) -> None:
    material = tag_listing(default_site.site_dir)
    assert len(material) > 10 and all(material.values())
    assert tag_listing(zensical_site.site_dir) == material


def test_every_tag_of_a_page_links_to_its_place_on_the_tags_page(built: Project) -> None:
    """The tags page is written by the playbook (the plugin's listing grows with entries squared on Zensical)."""
    site = built.site_dir
    listing = tag_listing(site)
    seen = 0
    for path in sorted(site.glob("*/*/index.html")):
        chips = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', path.read_text(encoding="utf-8"), re.S)
        if not chips:
            continue
        here = "../" + path.parent.relative_to(site).as_posix() + "/"
        for href in re.findall(r'<a href="([^"]+)" class="md-tag', chips[1]):
            assert href.startswith("../../tags/#tag:"), (path, href)
            assert here in listing[href.split("#")[1]], (path, href)
            seen += 1
    assert seen > 50


def test_a_pages_tags_stand_above_its_title_on_both(built: Project) -> None:
    """Where Material 9.8 puts them; Zensical's stock template puts them below the content."""
    seen = 0
    for path in sorted(built.site_dir.glob("*/*/index.html")):
        article = path.read_text(encoding="utf-8").split('<article class="md-content__inner', 1)[1]
        if '<nav class="md-tags"' in article:
            assert article.index('<nav class="md-tags"') < article.index("<h1"), path
            seen += 1
    assert seen > 50


def test_nothing_hidden_from_assistive_technology_is_in_the_tab_order(built: Project) -> None:
    """axe's aria-hidden-focus: Zensical draws the one colour scheme as a hidden radio button (Lighthouse)."""
    for path in sorted(built.site_dir.rglob("*.html")):
        for element in re.findall(r"<(?:input|button|select|textarea|a)\b[^>]*>", path.read_text(encoding="utf-8")):
            if re.search(r'\saria-hidden="true"', element):
                assert 'tabindex="-1"' in element, (path, element)


def search_texts(site: Path) -> dict[str, str]:
    """Each page's and section's address in the search index, with its indexed text (either engine's index)."""
    material = site / "search" / "search_index.json"
    index = json.loads((material if material.exists() else site / "search.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc["text"] for doc in index.get("docs") or index["items"]}


def test_the_lists_of_entries_stay_out_of_the_search_index(built: Project) -> None:
    """A section's list holds every entry: at 100× its text would exceed a field of Zensical's index."""
    texts = search_texts(built.site_dir)
    anti_patterns = texts["anti-patterns/"]
    assert anti_patterns.startswith("<p>What not to do") and "Afraid of Google" not in anti_patterns
    assert texts["tags/"] == "<p>Every entry, grouped by topic.</p>"
    # The entries themselves are found.
    assert any(location.startswith("anti-patterns/") and location != "anti-patterns/" for location in texts)


def test_the_handouts_page_links_the_pdfs_on_both(built: Project) -> None:
    page = (built.site_dir / "handouts" / "index.html").read_text(encoding="utf-8")
    for name in ("playbook.pdf", "playbook-short.pdf", "cards.pdf"):
        assert f'href="{name}"' in page
        assert (built.site_dir / "handouts" / name).stat().st_size > 10_000
    assert re.search(r"PDF, \d+ pages, \d+ KB", page)


def test_the_search_dialog_has_a_name_on_both(built: Project, tab: Any) -> None:
    """axe's aria-dialog-name (a best practice, outside the WCAG tags the axe tests run; Lighthouse counts it)."""
    tab.goto(serve(built.site_dir) + "principles/alumni-and-weak-ties/")
    tab.wait_for_load_state("load")
    dialog = tab.locator('.md-search[role="dialog"]')
    tab.wait_for_function("() => document.querySelector('.md-search[role=dialog]').getAttribute('aria-label')")
    assert dialog.get_attribute("aria-label") == "Search"


def test_material_fetches_the_search_index_when_the_search_is_opened(default_site: Project, tab: Any) -> None:
    """assets/theme/javascripts/search-on-demand.js: a page that nobody searches does not download the index.

    Zensical draws its search only once its index has come, so its index is fetched as the page loads.
    """
    built = default_site
    index = re.compile(r"/search/search_index\.json$")
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url) if index.search(request.url) else None)
    tab.goto(serve(built.site_dir) + "principles/alumni-and-weak-ties/")
    tab.wait_for_load_state("networkidle")
    assert asked == []
    with tab.expect_request(lambda request: bool(index.search(request.url))):
        tab.keyboard.press("/")
    assert len(asked) == 1


def test_search_finds_the_pages_that_say_a_word(built: Project, tab: Any) -> None:
    tab.goto(serve(built.site_dir))
    found = [re.sub(r"^(\./|https?://[^/]+/)|[?#].*$", "", link) for link in result_links(tab, "referral")]
    # The engines rank alike at the top; further down their orders differ.
    assert found[0] == "worksheets/referral-request-planner/" and len(set(found)) >= 3, found


# The sample's tags, named in Spanish (one accented, one of two words).
SAMPLE_TAGS = """\
tags:
  - {id: connections, label: connections}
  - {id: first contact, label: first contact}
  - {id: giving, label: giving}
"""
SAMPLE_TAGS_ES = """\
translation_of: tags
reviewed: ""
tags:
  - {id: connections, label: contactos}
  - {id: first contact, label: primer acercamiento}
  - {id: giving, label: generosidad}
"""


@pytest.fixture(scope="module")
def spanish_fork(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The sample fork in Spanish, choosing Zensical in its branding.yml; built without the PDFs."""
    project = make_project(tmp_path_factory.mktemp("spanish") / "project")
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "logo.svg").write_bytes((FIXTURES / "fork" / "logo.svg").read_bytes())
    branding = yaml.safe_load((FIXTURES / "fork" / "branding.yml").read_text(encoding="utf-8"))
    branding.update({"language": "es", "engine": "zensical"})
    branding.pop("url")  # served from 127.0.0.1
    (project.content_dir / "local" / "branding.yml").write_text(yaml.safe_dump(branding), encoding="utf-8")
    (project.content_dir / "tags.yml").write_text(SAMPLE_TAGS, encoding="utf-8")
    (project.content_dir / "tags.es.yml").write_text(SAMPLE_TAGS_ES, encoding="utf-8")
    (project.content_dir / "principles" / "give-first.es.yml").write_text(
        'translation_of: give-first\nreviewed: ""\ntitle: Da antes de pedir\nsummary: Ofrece algo útil antes de pedir.\n',
        encoding="utf-8",
    )
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    return project


def test_spanish_search_on_zensical(spanish_fork: Project, tab: Any) -> None:
    index = json.loads((spanish_fork.site_dir / "search.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    tab.goto(serve(spanish_fork.site_dir))
    assert tab.evaluate("document.documentElement.lang") == "es"
    found = result_links(tab, "sync")
    assert any("anti-patterns/sync-up/" in link for link in found), found
    tab.goto(serve(spanish_fork.site_dir))
    found = result_links(tab, "pedir")
    assert any("principles/give-first/" in link for link in found), found


def test_spanish_tags_on_zensical(spanish_fork: Project, tab: Any) -> None:
    """The tags page and each entry's tags are in Spanish, and search finds a page by its Spanish tag."""
    listing = tag_listing(spanish_fork.site_dir)
    assert listing == {
        "tag:contactos": ["../anti-patterns/collector/"],
        "tag:generosidad": ["../principles/give-first/"],
        "tag:primer-acercamiento": ["../principles/give-first/", "../principles/have-a-point/"],
    }
    page = (spanish_fork.site_dir / "principles/give-first/index.html").read_text(encoding="utf-8")
    assert ">generosidad<" in page and ">giving<" not in page
    # Zensical's search reads tags as filters, not as words: a tag's name finds the tags page, and the
    # filters it offers are the tags the index gives each page.
    index = json.loads((spanish_fork.site_dir / "search.json").read_text(encoding="utf-8"))
    assert {tag for item in index["items"] for tag in item["tags"]} == {
        "contactos",
        "generosidad",
        "primer acercamiento",
    }
    tab.goto(serve(spanish_fork.site_dir))
    assert any("tags/" in link and "#tag:generosidad" in link for link in result_links(tab, "generosidad"))


def computed_brand(tab: Any) -> tuple[str, str]:
    """The header's background and a link's colour in the page, as the browser computes them."""
    return tuple(  # type: ignore[return-value]
        tab.evaluate(
            """() => [getComputedStyle(document.querySelector('.md-header')).backgroundColor,
                      getComputedStyle(document.querySelector('.md-content a:not(.headerlink)')).color]"""
        )
    )


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def brand_colour(project: Project, setting: str) -> str:
    site = yaml.safe_load((project.content_dir / "site.yml").read_text(encoding="utf-8"))
    return rgb(site.get(setting, Site.model_fields[setting].default))


@pytest.mark.parametrize("path", ["", "principles/", "tools/calculator/"])
def test_brand_colours_as_the_browser_computes_them(built: Project, tab: Any, path: str) -> None:
    tab.goto(serve(built.site_dir) + path)
    assert computed_brand(tab) == (brand_colour(built, "primary_color"), brand_colour(built, "accent_color"))


def test_a_forks_colours_and_logo_on_zensical(spanish_fork: Project, tab: Any) -> None:
    branding = yaml.safe_load((spanish_fork.content_dir / "local" / "branding.yml").read_text(encoding="utf-8"))
    tab.goto(serve(spanish_fork.site_dir) + "principles/")
    assert computed_brand(tab) == (rgb(branding["primary_color"]), rgb(branding["accent_color"]))
    assert tab.locator(".md-header img[src$='assets/brand/logo.svg']").first.is_visible()


def test_the_header_on_a_phone_shows_its_buttons_names_to_screen_readers_only(built: Project, tab: Any) -> None:
    """Material's sheet has no rule for the hidden names header.html gives the menu and search buttons."""
    tab.goto(serve(built.site_dir) + "principles/")
    wide = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    tab.set_viewport_size({"width": 390, "height": 844})
    names = tab.evaluate(
        """() => [...document.querySelectorAll('.md-header label .md-visually-hidden')]
            .map(e => [e.textContent.trim(), e.getBoundingClientRect().width, e.getBoundingClientRect().height])"""
    )
    assert [name for name, _, _ in names] == ["Navigation", "Search"]
    assert all(width <= 1 and height <= 1 for _, width, height in names), names
    assert tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().height") == wide


def test_the_404_page_finds_its_styles_from_any_address(built: Project, tab: Any) -> None:
    """Hosts serve 404.html for any missing address, so it must load its styles by absolute paths."""
    html = (built.site_dir / "404.html").read_text(encoding="utf-8")
    assert "404" in re.sub(r"<[^>]+>", "", html.split("<article", 1)[-1])
    tab.goto(serve(built.site_dir) + "404.html")
    header = tab.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == brand_colour(built, "primary_color")


# The tools, by their own tests -------------------------------------------------------------


def _runs_axe(test: Callable[..., None]) -> bool:
    return bool(re.search(r"\baxe(_violations)?\(", inspect.getsource(test)))


def _cases(name: str, test: Callable[..., None]) -> dict[str, Callable[..., None]]:
    """A test as one case per set of its ``parametrize`` values (given as keywords), or as itself."""
    marks = [mark for mark in getattr(test, "pytestmark", []) if mark.name == "parametrize"]
    if not marks:
        return {name: test}
    (mark,) = marks
    names = [n.strip() for n in mark.args[0].split(",")] if isinstance(mark.args[0], str) else list(mark.args[0])
    ids = mark.kwargs.get("ids") or [str(i) for i in range(len(mark.args[1]))]
    return {
        f"{name}[{case}]": functools.partial(
            test, **dict(zip(names, values if len(names) > 1 else [values], strict=True))
        )
        for case, values in zip(ids, mark.args[1], strict=True)
    }


# Every test of the tools' and the checker's files that runs axe-core, found by what it calls, so that
# one added there runs here on Zensical too (its own file runs it on MkDocs): each tool in each state.
AXE_TESTS: dict[str, Callable[..., None]] = {
    case: check
    for module in (test_tools_browser, test_checker_page)
    for name, test in vars(module).items()
    if name.startswith("test_") and callable(test) and _runs_axe(test)
    for case, check in _cases(name, test).items()
}
TOOL_TESTS: dict[str, Callable[..., None]] = {
    "calculator keeps work": calculator_keeps_work,
    "composer keeps work": composer_keeps_work,
    "worksheet keeps work": worksheet_keeps_work,
    "keyboard": keyboard_reaches_all,
    **AXE_TESTS,
}


def test_every_tool_is_held_to_axe_core_on_zensical() -> None:
    """The calculator, composer, a worksheet, the network audit and the checker, each in its states."""
    pages = {
        page
        for test in AXE_TESTS.values()
        for page in ("CALCULATOR", "COMPOSER", "EVENT_PLAN", "AUDIT", "open_checker")
        if re.search(rf"\b{page}\b", inspect.getsource(getattr(test, "func", test)))
    }
    assert pages == {"CALCULATOR", "COMPOSER", "EVENT_PLAN", "AUDIT", "open_checker"}


@pytest.mark.parametrize("name", sorted(TOOL_TESTS))
def test_the_tools_on_zensical(name: str, zensical_site: Project, tab: Any, tmp_path: Path) -> None:
    """Each by its own test, given the Zensical build where that test takes the MkDocs one."""
    check = TOOL_TESTS[name]
    base = serve(zensical_site.site_dir)
    arguments: dict[str, Any] = {
        "tab": tab,
        "page": tab,
        "base": base,
        "default_site": zensical_site,
        "tmp_path": tmp_path,
    }
    wanted = [n for n, p in inspect.signature(check).parameters.items() if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert set(wanted) <= set(arguments), f"{name} takes {sorted(set(wanted) - set(arguments))}: give them here"
    check(**{k: v for k, v in arguments.items() if k in wanted})


# Accessibility and privacy on Zensical -----------------------------------------------------------


def test_every_zensical_page_has_no_wcag_violations(zensical_site: Project, tab: Any) -> None:
    """Every page, as test_accessibility holds every page of the MkDocs build; the 404 page besides."""
    assert check_site(zensical_site, tab) == {}
    tab.goto(serve(zensical_site.site_dir) + "404.html")
    tab.wait_for_load_state("load")
    assert axe(tab) == []


def test_zensical_search_dialog_has_no_wcag_violations(zensical_site: Project, tab: Any) -> None:
    tab.goto(serve(zensical_site.site_dir))
    assert result_links(tab, "relationships")
    # Styled by Zensical's own sheet under the Content-Security-Policy (a plain list would show numbers).
    assert tab.locator("[role='listbox']").evaluate("list => getComputedStyle(list).listStyleType") == "none"
    assert axe(tab) == []
    # The results scroll in a region that keyboard users can reach.
    region = "document.activeElement.shadowRoot.querySelector('[role=status]').parentElement.getAttribute('tabindex')"
    assert tab.evaluate(region) == "0"


# The offline copy, opened from disk ---------------------------------------------------------------


@pytest.fixture(scope="module")
def unpacked_zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built with ``playbook build --offline --engine zensical``, its zip unpacked."""
    project = make_project(tmp_path_factory.mktemp("offline-zensical") / "project")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "playbook",
            "--project",
            str(project.root),
            "build",
            "--offline",
            "--engine",
            "zensical",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(project.root / ZIP_PATH) as archive:
        archive.extractall(project.root / "unpacked")
    return project.root / "unpacked" / "sample-playbook-offline"


def test_offline_copy_from_zensical_searches_and_runs_the_tools_from_disk(unpacked_zensical: Path, page: Any) -> None:
    home = (unpacked_zensical / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in home and "iframe-worker.js" in home and 'type="module"' not in home
    assert (unpacked_zensical / "handouts" / "playbook.pdf").is_file()
    page.goto((unpacked_zensical / "index.html").as_uri())
    # On a copy opened from disk, Zensical reads its index on the page itself (no worker on
    # file://): on a busy machine a search typed in the first moments can answer from an index
    # not read yet, and stays so until the reader types again. A reader would search again; the
    # test does too, at most three times, from a freshly opened page.
    for _ in range(3):
        found = result_links(page, "sync")
        if any(link.split("?")[0].endswith("anti-patterns/sync-up.html") for link in found):
            break
        page.reload()
        page.wait_for_timeout(1000)
    assert any(link.split("?")[0].endswith("anti-patterns/sync-up.html") for link in found), found
    for path, tool in (("tools/calculator.html", "calculator"), ("worksheets/network-audit.html", "worksheet")):
        page.goto((unpacked_zensical / path).as_uri())
        page.wait_for_selector(f'[data-pb-mounted="{tool}"]', timeout=15000)
    assert page.query_selector(".pb-tool-error") is None
    assert [u for u in page.requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
