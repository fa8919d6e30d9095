"""One rule for every string that reaches HTML: markup in any setting or string shows as typed.

A payload goes into every interface string (``content/local/strings/``), every text
setting of the branding, a note and an override; the built pages are parsed and
must hold no element or attribute the payload tries to inject.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, make_project, run_cli

from playbook.pipeline import Project, build_site
from playbook.report import Reporter

PAYLOAD = "\"'><x-inj data-inj=1><img src=x onerror=alert(1)>"
BRANDING_TEXT = ("title", "description", "organization", "footer", "version")


class _Injected(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "x-inj":
            self.found.append(f"<{tag}>")
        for name, _ in attrs:
            if name in ("data-inj", "onerror"):
                self.found.append(f"<{tag} {name}>")


def injected(html: str) -> list[str]:
    parser = _Injected()
    parser.feed(html)
    return parser.found


def _poison(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _poison(item) for key, item in value.items()}
    return PAYLOAD + value


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("poisoned") / "project")
    local = project.content_dir / "local"
    (local / "strings").mkdir(parents=True)
    for path in sorted((REPO / "generators" / "strings" / "en").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (local / "strings" / path.name).write_text(yaml.safe_dump(_poison(data), allow_unicode=True), encoding="utf-8")
    branding: dict[str, Any] = dict.fromkeys(BRANDING_TEXT, PAYLOAD)
    branding["contact"] = {"phone": PAYLOAD, "address": PAYLOAD}
    branding["call_to_action"] = {"label": PAYLOAD, "url": "https://example.edu/book?a=1&b=2"}
    branding["url"] = "https://example.edu/play/"
    (local / "branding.yml").write_text(yaml.safe_dump(branding, allow_unicode=True), encoding="utf-8")
    principle = sorted((project.content_dir / "principles").glob("*.yml"))[0].stem
    (local / "notes").mkdir()
    (local / "notes" / f"{principle}.yml").write_text(
        yaml.safe_dump({"id": principle, "title": PAYLOAD, "note": PAYLOAD}), encoding="utf-8"
    )
    (local / "overrides").mkdir()
    (local / "overrides" / f"{principle}.yml").write_text(
        yaml.safe_dump({"id": principle, "title": PAYLOAD, "summary": PAYLOAD}), encoding="utf-8"
    )
    build_site(project, Reporter(quiet=True), handouts=False)
    return project


def test_no_markup_from_any_string_or_setting_reaches_the_pages(poisoned_site: Project) -> None:
    pages = sorted(poisoned_site.site_dir.rglob("*.html"))
    assert len(pages) > 20
    found = {page.relative_to(poisoned_site.site_dir).as_posix(): injected(page.read_text()) for page in pages}
    assert {page: tags for page, tags in found.items() if tags} == {}
    home = (poisoned_site.site_dir / "index.html").read_text()
    # The payload is there, shown as text, not dropped.
    assert "x-inj" in home


def test_the_parser_sees_an_injection() -> None:
    assert injected(f"<p>{PAYLOAD}</p>") == ["<x-inj>", "<x-inj data-inj>", "<img onerror>"]
    assert injected('<a title="&quot;&gt;&lt;x-inj data-inj=1&gt;">t</a>') == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("url", 'https://example.edu/"><script>alert(1)</script>/'),
        ("url", "javascript:alert(1)//x/"),
        ("url", "https://exa<mple.edu/"),
        ("url", "https:///"),
    ],
)
def test_a_site_address_with_markup_or_another_scheme_is_refused_at_its_line(
    tmp_path: Path, key: str, value: str
) -> None:
    project = make_project(tmp_path / "project")
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text(f"# brand\n{key}: {yaml.safe_dump(value).strip()}\n")
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/local/branding.yml:2:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "value",
    ['https://example.edu/"onmouseover=alert(1)', "javascript:alert(1)", "data:text/html,<b>x</b>"],
)
def test_a_call_to_action_address_is_refused_unless_it_is_a_plain_web_or_mail_address(
    tmp_path: Path, value: str
) -> None:
    project = make_project(tmp_path / "project")
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text(
        f"call_to_action:\n  label: Book\n  url: {yaml.safe_dump(value).strip()}\n"
    )
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/local/branding.yml:3:" in result.stderr
    assert "call_to_action.url" in result.stderr


def test_a_logo_file_name_that_could_break_out_of_its_attribute_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    local = project.content_dir / "local"
    local.mkdir()
    name = 'x" onerror="alert(1).svg'
    (local / name).write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (local / "branding.yml").write_text(f"logo: {yaml.safe_dump('local/' + name).strip()}\n")
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/local/branding.yml:1:" in result.stderr
    assert "logo" in result.stderr


def test_a_logo_linked_to_a_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    local = project.content_dir / "local"
    local.mkdir()
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (local / "logo.svg").symlink_to(secret)
    (local / "branding.yml").write_text("logo: local/logo.svg\n")
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/local/branding.yml:1:" in result.stderr
    assert "outside the project" in result.stderr


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
# Each part runs script or loads another file when the SVG is opened at its own address.
SVG_DANGERS = {
    "<script>alert(1)</script>": "a <script> element",
    '<rect onclick="alert(1)"/>': "an event handler attribute onclick=",
    "<foreignObject><p>x</p></foreignObject>": "a <foreignObject> element",
    '<a xlink:href=" java&#9;script:alert(1)"><text>x</text></a>': "a script address in xlink:href=",
    '<use href="https://example.com/sprite.svg#a"/>': "an address of another file in href= on <use>",
    '<image xlink:href="/etc/logo.png"/>': "an address of another file in xlink:href= on <image>",
    '<set attributeName="href" to="javascript:alert(1)"/>': "a script address in to= on <set>",
    '<style>@import url("https://example.com/x.css");</style>': "an @import in a style",
    '<rect style="fill:url(https://example.com/a.svg#g)"/>': "a url(…) in a style that loads another file",
    '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>': "a <script> element",
}
SAFE_SVG = SVG.format(
    '<defs><linearGradient id="g"><stop offset="0"/></linearGradient><path id="p" d="M0 0h4v4z"/></defs>'
    '<use xlink:href="#p" style="fill:url(#g)"/><image href="data:image/png;base64,iVBORw0KGgo="/><text>Logo</text>'
)


def test_an_svg_logo_that_would_run_script_or_fetch_when_opened_is_refused_at_the_logo_line(tmp_path: Path) -> None:
    """The site shows the logo in <img>, but the file is published at its own address: opened there, it would run."""
    project = make_project(tmp_path / "project")
    local = project.content_dir / "local"
    local.mkdir()
    (local / "logo.svg").write_text(SVG.format("\n".join(SVG_DANGERS)))
    (local / "icon.svg").write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    (local / "branding.yml").write_text("# brand\nlogo: local/logo.svg\nfavicon: local/icon.svg\n")
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    logo = next(line for line in result.stderr.splitlines() if line.startswith("content/local/branding.yml:2:"))
    assert "logo: the image content/local/logo.svg would run script" in logo
    for line, what in enumerate(SVG_DANGERS.values(), start=1):
        assert f"{what}" in logo, what
        assert f"at its line {line}" in logo
    assert "— remove them" in logo
    icon = next(line for line in result.stderr.splitlines() if line.startswith("content/local/branding.yml:3:"))
    assert "a document type declaration" in icon


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<svg", "XML that is not well-formed"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "no SVG image"),
        (
            b'<?xml-stylesheet href="https://example.com/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "xml-stylesheet",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><iframe src="https://example.com/"/></svg>', "an <iframe> element"),
        (SAFE_SVG.encode(), None),
    ],
)
def test_what_an_svg_image_holds_is_read_by_an_xml_parser(data: bytes, reason: str | None) -> None:
    from playbook.content.svg import svg_dangers

    found = " ".join(danger.what for danger in svg_dangers(data))
    assert (reason in found) if reason else found == ""
