"""The career-center editor: every documented branding setting shows where the Customize page says, and
mistakes that YAML or the model would let pass silently are located errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, run_cli, serve
from pypdf import PdfReader

from playbook.content.load import load_document
from playbook.pipeline import Project, build_site, check
from playbook.problems import ContentError
from playbook.report import Reporter

QUIET = Reporter(quiet=True)

# One value per documented setting, each distinctive enough to be found in the output, long where an
# organisation's would be long.
ORGANIZATION = "Riverside University Career Center and Office of Alumni Professional Development"
TITLE = "The Riverside Networking Playbook for Students, Alumni and Advisors"
DESCRIPTION = "How Riverside students build professional relationships that last beyond graduation."
URL = "https://careers.riverside-university.example.edu/student-services/playbook/"
EMAIL = "career-center-appointments@riverside-university.example.edu"
PHONE = "+1 555 0100 extension 2210"
# A postal address on several lines, as a YAML block: one line on the site, each line its own on the cover.
ADDRESS_LINES = ("Student Center, room 210", "1200 University Avenue", "Riverside, CA 92521")
ADDRESS = ", ".join(ADDRESS_LINES)
CTA_LABEL = "Book an appointment with an advisor"
CTA_URL = "https://careers.riverside-university.example.edu/appointments/book-an-advisor"
FOOTER = "© Riverside University Career Center, open Monday to Friday, 9 to 5"
VERSION = "2027 spring edition"
LOGO_TEXT = "RVLOGO"
FAVICON = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)

BRANDING = f"""\
organization: {ORGANIZATION}
title: {TITLE}
description: {DESCRIPTION}
url: {URL}
logo: local/logo.svg
favicon: local/favicon.png
primary_color: "#6b1d3a"
accent_color: "#0b5e7e"
link_color: "#14532d"
language: es
paper: letter
version: {VERSION}
footer: {FOOTER}
contact:
  email: {EMAIL}
  phone: "{PHONE}"
  address: |
    {ADDRESS_LINES[0]}
    {ADDRESS_LINES[1]}
    {ADDRESS_LINES[2]}
call_to_action:
  label: {CTA_LABEL}
  url: {CTA_URL}
site_key: riverside-career-center
engine: mkdocs
"""


def write(project: Project, relative: str, text: str | bytes) -> None:
    path = project.content_dir / "local" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def branded(project: Project) -> Project:
    write(project, "branding.yml", BRANDING)
    write(
        project,
        "logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 24"><text x="2" y="16" font-size="10">'
        f"{LOGO_TEXT}</text></svg>",
    )
    write(project, "favicon.png", FAVICON)
    return project


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = branded(make_project(tmp_path_factory.mktemp("branded") / "project"))
    build_site(project, QUIET)
    return project


def html(project: Project, path: str = "") -> str:
    return (project.site_dir / path / "index.html").read_text(encoding="utf-8")


def pdf_text(project: Project, name: str) -> str:
    reader = PdfReader(project.site_dir / "handouts" / name)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


HANDOUTS = ("playbook.pdf", "playbook-short.pdf")


def report(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, QUIET)
    return [p.format() for p in caught.value.problems]


# Silent mistakes ----------------------------------------------------------------------------------


def test_unquoted_colour_is_a_located_error_not_a_comment(project: Project) -> None:
    write(project, "branding.yml", "organization: Riverside\nprimary_color: #8C1D40\n")
    problems = report(project)
    assert problems == [
        "content/local/branding.yml:2:16: primary_color: YAML reads # as the start of a comment, so "
        "'primary_color' has no value — put the colour in quotes: primary_color: \"#8C1D40\""
    ]


def test_any_key_left_empty_by_a_comment_is_an_error_but_comments_after_values_and_blocks_are_not() -> None:
    text = 'title: Hi  # fine\ncontact:  # a block follows\n  email: a@b.cd\nlogo:   # none yet\n"footer": #ccc\n'
    document, problems = load_document("x.yml", text.encode())
    # The rest of the file is read as written, so later stages can report its other mistakes in the same run.
    assert document is not None and document.data["contact"] == {"email": "a@b.cd"}
    assert document.commented == {("logo",), ("footer",)}
    assert [(p.line, p.column, p.key_path, p.hint) for p in problems] == [
        (4, 9, "logo", 'put the value in quotes: logo: "# none yet"; to leave it empty, remove the line'),
        (5, 11, "footer", 'put the colour in quotes: footer: "#ccc"'),
    ]


def test_unsupported_language_lists_the_supported_ones(project: Project) -> None:
    write(project, "branding.yml", "language: fr\n")
    assert report(project) == [
        "content/local/branding.yml:1:11: language: the language 'fr' is not supported: the interface, headings "
        "and handouts have no strings in it — use one of en, es; a new language needs its strings in "
        "generators/strings/fr/"
    ]


def test_contact_details_that_are_not_an_address_say_how_to_write_one(project: Project) -> None:
    write(
        project, "branding.yml", "contact:\n  email: careers@example\n  address: |\n    a\n    b\n    c\n    d\n    e\n"
    )
    problems = report(project)
    assert problems[0] == (
        "content/local/branding.yml:2:10: contact.email: the text 'careers@example' is not allowed here — write the"
        " whole e-mail address, with a dot in the part after @, for example careers@example.edu"
    )
    assert problems[1].startswith("content/local/branding.yml:3:12: contact.address: ")
    assert problems[1].endswith("— write the address on one line, or on up to four lines with text under address: |")


def test_build_prints_its_problems_as_github_annotations(project: Project) -> None:
    """The workflow builds with --format github: every problem, layout ones too, is shown on its file and line."""
    write(project, "branding.yml", "primary_color: #8C1D40\n")
    result = run_cli(project, "build", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/local/branding.yml,line=1,col=16,title=primary_color%3A content error::"
        "content/local/branding.yml:1:16: primary_color: YAML reads # as the start of a comment, so 'primary_color'"
        ' has no value — put the colour in quotes: primary_color: "#8C1D40"'
    ]


# Every documented setting, on the site and in print, where the Customize page says --------------


def test_organization_title_and_description(branded_site: Project) -> None:
    home = html(branded_site)
    assert f'<meta name="author" content="{ORGANIZATION}">' in home
    assert f"<title>{TITLE} - {TITLE}</title>" in home
    assert f'<meta name="description" content="{DESCRIPTION}">' in home
    assert f'<p class="pb-summary">{DESCRIPTION}</p>' in home  # the home page's lead, as the model says
    for name in HANDOUTS:
        text = pdf_text(branded_site, name)
        assert ORGANIZATION.lower() in text.lower() and TITLE in text
    assert DESCRIPTION in pdf_text(branded_site, "playbook.pdf")


def test_url(branded_site: Project) -> None:
    assert f'<link rel="canonical" href="{URL}">' in html(branded_site)
    # The scaffold says a url also turns on instant page loads.
    assert "navigation.instant" in (branded_site.stage_dir / "mkdocs.yml").read_text(encoding="utf-8")
    # The address breaks across lines in the page footer.
    assert URL in pdf_text(branded_site, "playbook.pdf").replace("/ ", "/")


def test_logo_and_favicon(branded_site: Project) -> None:
    home = html(branded_site)
    assert 'src="assets/brand/logo.svg"' in home
    assert 'href="assets/brand/favicon.png"' in home
    for name in HANDOUTS:
        assert LOGO_TEXT in pdf_text(branded_site, name)


def test_colours(branded_site: Project) -> None:
    css = (branded_site.site_dir / "assets/brand.css").read_text()
    assert "--md-primary-fg-color: #6b1d3a" in css and "--md-accent-fg-color: #0b5e7e" in css
    assert "--md-typeset-a-color: #14532d" in css and "--md-primary-bg-color: #ffffff" in css
    # The print ink: WeasyPrint writes the colour as fractions of 255 in the page's drawing operators;
    # the handouts' web addresses take the link colour.
    reader = PdfReader(branded_site.site_dir / "handouts" / "playbook.pdf")
    drawn = "".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)  # type: ignore[union-attr]
    for hex_colour in ("6b1d3a", "14532d"):
        # Six decimals, trailing zeros dropped (0.32549, not 0.325490), as WeasyPrint writes them.
        rgb = " ".join(f"{int(hex_colour[i : i + 2], 16) / 255:.6f}".rstrip("0").rstrip(".") for i in (0, 2, 4))
        assert re.search(rf"{rgb} (rg|RG)", drawn), f"#{hex_colour} not drawn in the handout"


def test_header_accent_and_link_colours_as_the_browser_computes_them(branded_site: Project, page: object) -> None:
    page.goto(serve(branded_site.site_dir) + "principles/give-first/")  # type: ignore[attr-defined]
    header = page.locator(".md-header")  # type: ignore[attr-defined]
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(107, 29, 58)"
    assert header.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    # A link in the page's text, as Material styles it.
    colour = page.evaluate(  # type: ignore[attr-defined]
        """() => { const a = document.createElement("a"); a.href = "#"; a.textContent = "x";
                   document.querySelector(".md-content .md-typeset").append(a);
                   return getComputedStyle(a).color; }"""
    )
    assert colour == "rgb(20, 83, 45)"
    assert (
        page.evaluate(  # type: ignore[attr-defined]
            "getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()"
        )
        == "#0b5e7e"
    )


def test_contact_call_to_action_and_footer(branded_site: Project) -> None:
    for path in ("", "principles/give-first"):
        page = html(branded_site, path)
        assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in page
        assert f'<a href="tel:+155501002210">{PHONE}</a>' in page
        assert f"<span>{ADDRESS}</span>" in page
        assert f'href="{CTA_URL}">{CTA_LABEL}</a>' in page
        assert FOOTER in page
    for name in HANDOUTS:
        text = pdf_text(branded_site, name).replace(" ", "")
        for value in (EMAIL, PHONE, *ADDRESS_LINES, CTA_LABEL, CTA_URL, FOOTER, VERSION):
            assert value.replace(" ", "") in text, f"{value!r} missing from {name}"


def test_language_and_paper(branded_site: Project) -> None:
    assert '<html lang="es"' in html(branded_site)
    for name in HANDOUTS:
        reader = PdfReader(branded_site.site_dir / "handouts" / name)
        assert reader.trailer["/Root"]["/Lang"] == "es"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter, in points


def test_site_key_names_the_students_browser_storage(branded_site: Project) -> None:
    """The key, not the title, names saved work: the tools' page data carries it as the site's id."""
    page = (branded_site.site_dir / "tools" / "calculator" / "index.html").read_text(encoding="utf-8")
    assert '"id":"riverside-career-center"' in page


def test_engine(branded_site: Project) -> None:
    """Named explicitly, the default engine builds: Material's search index; tests/test_engines.py covers zensical."""
    assert (branded_site.site_dir / "search" / "search_index.json").is_file()
    assert not (branded_site.site_dir / "search.json").exists()


def test_every_branding_setting_is_covered_here() -> None:
    """A setting added to the model without a test here (or documentation) fails this test."""
    from playbook.content.model import Site

    # A site in two languages is a whole build of its own, covered by tests/test_translations.py
    # (test_two_languages_are_one_site_with_the_second_under_its_folder and the tests after it).
    elsewhere = {"languages"}
    covered = {key.split(":")[0] for key in BRANDING.splitlines() if not key.startswith(" ")}
    assert set(Site.model_fields) == covered | elsewhere
    assert FIXTURES.is_dir()


def test_the_customize_page_is_hidden_like_an_entry(tmp_path: Path) -> None:
    from playbook.pipeline import generate

    project = make_project(tmp_path / "project")
    (project.content_dir / "local").mkdir()
    hidden = project.content_dir / "local" / "hidden.yml"
    hidden.write_text("hide: [customize]\n", encoding="utf-8")
    files = generate(project, check(project, QUIET), QUIET)
    assert "docs/customize.md" not in files
    assert b"customize.md" not in files["mkdocs.yml"]
    hidden.write_text("hide: [customise]\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(project, QUIET)
    assert "content/local/hidden.yml:1:8: hide[0]: no entry has the id 'customise' — did you mean 'customize'?" in {
        p.format() for p in error.value.problems
    }


def test_one_check_lists_every_mistake_of_a_fork_at_once(project: Project) -> None:
    """Mistakes across branding.yml, hidden.yml, overrides and notes: one run names each, located, writes nothing."""
    write(
        project,
        "branding.yml",
        'primary_color: #8C1D40\naccent_color: "#ffd54f"\nlanguage: fr\nurl: careers.example.edu/playbook\n'
        "logo: local/missing-logo.svg\ncontakt:\n  email: careers@example.edu\n",
    )
    write(project, "hidden.yml", "hide: [no-such-entry]\n")
    write(project, "overrides/give-firts.yml", "id: give-firts\ntitle: Give first\n")
    write(project, "notes/give-first.yml", "id: give-first\nnote: Our advisors help.\n title: At Riverside\n")
    result = run_cli(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    located = [line.split(": ", 2)[:2] for line in result.stderr.splitlines() if line.startswith("content/local/")]
    assert located == [
        ["content/local/branding.yml:1:16", "primary_color"],
        ["content/local/branding.yml:2:15", "accent_color"],
        ["content/local/branding.yml:3:11", "language"],
        ["content/local/branding.yml:4:6", "url"],
        ["content/local/branding.yml:5:7", "logo"],
        ["content/local/branding.yml:6:1", "contakt"],
        ["content/local/hidden.yml:1:8", "hide[0]"],
        ["content/local/notes/give-first.yml:3:2", "(file)"],
        ["content/local/overrides/give-firts.yml:1:5", "id"],
    ], result.stderr
    assert "did you mean 'contact'?" in result.stderr and "did you mean 'give-first'?" in result.stderr
    assert not project.site_dir.exists()


def test_language_beside_languages_is_a_located_error(project: Project) -> None:
    write(project, "branding.yml", "language: es\nlanguages: [en, es]\n")
    assert report(project) == [
        "content/local/branding.yml:1:11: language: language and languages are both set: languages puts en at the "
        "site's address and es beside it, so language: es would not be used — remove the language line for a site "
        "in several languages, or remove languages for a site in one"
    ]


def test_a_note_or_override_of_a_hidden_entry_is_a_located_error(project: Project) -> None:
    """Hidden entries leave the site and handouts, so a note or override of one would show nowhere."""
    write(project, "hidden.yml", "hide: [give-first]\n")
    write(project, "notes/give-first.yml", "id: give-first\nnote: Ask us.\n")
    write(project, "overrides/give-first.yml", "id: give-first\ntitle: Give first\n")
    found = [line for line in report(project) if "shows nowhere" in line]
    assert found == [
        "content/local/notes/give-first.yml:1:5: id: 'give-first' is hidden (content/local/hidden.yml:1), so this"
        " note shows nowhere — remove 'give-first' from content/local/hidden.yml to show the entry with your note,"
        " or delete this file",
        "content/local/overrides/give-first.yml:1:5: id: 'give-first' is hidden (content/local/hidden.yml:1), so"
        " this override shows nowhere — remove 'give-first' from content/local/hidden.yml to show the entry with"
        " your override, or delete this file",
    ]


@pytest.mark.parametrize("template", ["customize.md.jinja", "customize.es.md.jinja"])
def test_the_customize_page_documents_every_setting_of_the_model(template: str) -> None:
    """Each language's Customize page has a row for every site setting, so neither can drift from the model."""
    from playbook.content.model import Site

    text = (Path(__file__).parents[1] / "generators" / template).read_text(encoding="utf-8")
    documented = {key for row in re.findall(r"^\| (`.*?) \|", text, re.M) for key in re.findall(r"`(\w+)`", row)}
    assert documented == set(Site.model_fields)
