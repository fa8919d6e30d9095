"""One rule for every string that reaches HTML: markup in any setting or string shows as typed.

The settings and strings are enumerated from the model itself: every string
setting of ``Site`` (the branding a fork writes, nested ones included) and every
interface string in ``generators/strings/en/``, so a field added later is fed the
payload without a change here. Each takes the payload where its validation
allows a string; the address settings must refuse it by URL parsing. One build
per engine holds them all, with a note and an override; its pages are parsed,
and a few are opened in Chromium, which must show no dialog and run nothing.
"""

from __future__ import annotations

import json
import types
import typing
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from conftest import REPO, make_project, run_cli, serve
from site_search import result_links

from playbook.content.model import Site
from playbook.pipeline import Project, build_site
from playbook.report import Reporter

# Out of an attribute, then an element with a handler, then out of a script and into a new one; the & must
# show as one "&", escaped once.
PAYLOAD = "A & B \"'><x-inj data-inj=1><img src=x onerror=alert(1)></script><script>alert(1)</script>"
REQUIRED = {"title": "T", "description": "D", "organization": "O"}
# String settings whose validation refuses the payload, with the words of the refusal. The addresses are
# parsed as URLs; the rest are names and codes with a fixed shape. A new field that refuses the payload
# must be listed here, with why.
REFUSED = {
    "url": "an address cannot hold",
    "call_to_action.url": "an address cannot hold",
    "contact.email": "String should match pattern",
    "logo": "no spaces or quotes",
    "favicon": "no spaces or quotes",
    "site_key": "String should match pattern",
    "language": "String should match pattern",
    "languages": "String should match pattern",
    "primary_color": "String should match pattern",
    "accent_color": "String should match pattern",
    "link_color": "String should match pattern",
}


def _unwrap(annotation: Any) -> Any:
    """The type inside ``X | None`` and ``Annotated[X, …]``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _unwrap(inner[0]) if len(inner) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def string_settings(model: type[pydantic.BaseModel] = Site, prefix: str = "") -> dict[str, type[pydantic.BaseModel]]:
    """Every setting that holds a string or strings, by dotted path, with the model that validates it."""
    found: dict[str, type[pydantic.BaseModel]] = {}
    for name, info in model.model_fields.items():
        kind = _unwrap(info.annotation)
        if isinstance(kind, type) and issubclass(kind, pydantic.BaseModel):
            found.update(string_settings(kind, f"{prefix}{name}."))
        elif kind is str or (typing.get_origin(kind) is tuple and _unwrap(typing.get_args(kind)[0]) is str):
            found[prefix + name] = model
    return found


def _value(model: type[pydantic.BaseModel], name: str, text: str) -> Any:
    kind = _unwrap(model.model_fields[name].annotation)
    return (text,) if typing.get_origin(kind) is tuple else text


def refusal(setting: str, text: str) -> str | None:
    """Why the model refuses ``text`` in ``setting``, or None when it takes it."""
    model = string_settings()[setting]
    name = setting.rsplit(".", 1)[-1]
    data: dict[str, Any] = {name: _value(model, name, text)}
    if model is Site:
        data = {**REQUIRED, **data}
    elif name != "label" and "label" in model.model_fields:
        data = {"label": "L", **data}
    elif name == "label":
        data = {"url": "https://example.edu/", **data}
    try:
        model.model_validate(data)
    except pydantic.ValidationError as error:
        return "; ".join(e["msg"] for e in error.errors())
    return None


def _nested(paths: list[str], value: str) -> dict[str, Any]:
    settings = string_settings()
    tree: dict[str, Any] = {}
    for path in paths:
        *parents, name = path.split(".")
        here = tree
        for parent in parents:
            here = here.setdefault(parent, {})
        here[name] = _value(settings[path], name, value)
    return tree


class _Injected(HTMLParser):
    """What a payload turned into: elements, handlers and scripts that are not text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script = False
        self.logo_titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "x-inj" or "data-inj" in named:
            self.found.append(f"<{tag} data-inj>")
        if tag == "img" and named.get("src") == "x":
            self.found.append("<img src=x>")
        self.found += [f"<{tag} {name}=>" for name in named if name.startswith("on")]
        self.script = tag == "script"
        if "md-logo" in (named.get("class") or "").split():
            self.logo_titles.append(named.get("title") or "")

    def handle_endtag(self, tag: str) -> None:
        self.script = False

    def handle_data(self, data: str) -> None:
        if self.script and data.strip() == "alert(1)":
            self.found.append("<script>alert(1)</script>")


def injected(html: str) -> _Injected:
    parser = _Injected()
    parser.feed(html)
    return parser


# An entry's title, a tag's name and a reading path's title as an editor may type them, each with a word
# of its own to search or find it by.
ENTRY_TITLE = f"Quokka {PAYLOAD}"
TAG_NAME = f"Wombat {PAYLOAD}"
PATH_TITLE = f"Numbat {PAYLOAD}"


def _poison(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _poison(item) for key, item in value.items()}
    return PAYLOAD + value


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def poisoned_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("poisoned") / "project")
    local = project.content_dir / "local"
    (local / "strings").mkdir(parents=True)
    for path in sorted((REPO / "generators" / "strings" / "en").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (local / "strings" / path.name).write_text(yaml.safe_dump(_poison(data), allow_unicode=True), encoding="utf-8")
    taken = [setting for setting in string_settings() if refusal(setting, PAYLOAD) is None]
    branding = _nested(taken, PAYLOAD)
    branding["call_to_action"]["url"] = "https://example.edu/book?a=1&b=2"
    branding["url"] = "https://example.edu/play/"
    branding["logo"] = "local/logo.svg"
    branding["engine"] = request.param
    (local / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>')
    (local / "branding.yml").write_text(yaml.safe_dump(branding, allow_unicode=True), encoding="utf-8")
    principle = sorted((project.content_dir / "principles").glob("*.yml"))[0].stem
    (local / "notes").mkdir()
    (local / "notes" / f"{principle}.yml").write_text(
        yaml.safe_dump({"id": principle, "title": PAYLOAD, "note": PAYLOAD}), encoding="utf-8"
    )
    (local / "overrides").mkdir()
    (local / "overrides" / f"{principle}.yml").write_text(
        yaml.safe_dump({"id": principle, "title": ENTRY_TITLE, "summary": PAYLOAD}), encoding="utf-8"
    )
    (local / "overrides" / "job-seeker.yml").write_text(
        yaml.safe_dump({"id": "job-seeker", "title": PATH_TITLE}), encoding="utf-8"
    )
    (project.content_dir / "tags.yml").write_text(
        yaml.safe_dump({"tags": [{"id": "giving", "label": TAG_NAME}]}, allow_unicode=True), encoding="utf-8"
    )
    build_site(project, Reporter(quiet=True), handouts=False)
    return project


def test_every_string_setting_takes_the_payload_or_is_an_address_or_code_that_refuses_it() -> None:
    settings = string_settings()
    # The enumeration sees the nested settings and the branding a fork writes, not only the top level.
    assert {"title", "footer", "contact.phone", "call_to_action.label", "url"} <= set(settings)
    refused = {setting: refusal(setting, PAYLOAD) for setting in settings}
    assert {setting for setting, why in refused.items() if why} == set(REFUSED)
    for setting, words in REFUSED.items():
        assert words in (refused[setting] or ""), (setting, refused[setting])


def test_no_markup_from_any_string_or_setting_reaches_the_pages(poisoned_site: Project) -> None:
    pages = sorted(poisoned_site.site_dir.rglob("*.html"))
    assert len(pages) > 20
    found = {page.relative_to(poisoned_site.site_dir).as_posix(): injected(page.read_text()) for page in pages}
    assert {page: seen.found for page, seen in found.items() if seen.found} == {}
    home = (poisoned_site.site_dir / "index.html").read_text()
    # The payload is there, shown as text, not dropped.
    assert "x-inj" in home
    # The logo's tooltip reads as the title was typed: escaped once, not "&amp;amp;".
    assert found["index.html"].logo_titles and set(found["index.html"].logo_titles) == {PAYLOAD}


def test_the_parser_sees_an_injection() -> None:
    assert injected(f"<p>{PAYLOAD}</p>").found == [
        "<x-inj data-inj>",
        "<img src=x>",
        "<img onerror=>",
        "<script>alert(1)</script>",
    ]
    assert injected('<a title="&quot;&gt;&lt;x-inj data-inj=1&gt;">t</a>').found == []
    assert injected('<script type="application/json">{"a":"\\u003c/script\\u003e alert(1)"}</script>').found == []


def test_no_payload_runs_in_a_browser(poisoned_site: Project, tab: Any) -> None:
    """The pages where settings and strings gather, opened for real: no dialog, no script of the payload."""
    base = serve(poisoned_site.site_dir)
    principle = sorted((poisoned_site.content_dir / "principles").glob("*.yml"))[0].stem
    for path in ("", f"principles/{principle}/", "tools/checker/", "404.html"):
        tab.goto(base + path)
        tab.wait_for_load_state("load")
        assert tab.locator("x-inj").count() == 0, path
        assert tab.evaluate("document.querySelectorAll('img[src=x]').length") == 0, path
    assert tab.dialogs == []


def _text(tab: Any, selector: str) -> list[str]:
    """The text a reader sees in each element, without a heading's permalink sign."""
    return [" ".join(text.removesuffix("¶").split()) for text in tab.locator(selector).all_inner_texts()]


def test_a_title_or_tag_with_markup_quotes_and_ampersands_reads_as_typed_everywhere(
    poisoned_site: Project, tab: Any
) -> None:
    """Escaped once, where it is written: never "&quot;", "&#x27;" or "&amp;amp;" for a reader, on either engine.

    The page's title (the browser's tab and the header), its tag, the navigation, the tags page and
    the search results, the path of a result included (Zensical shows it; Material does not).
    """
    base = serve(poisoned_site.site_dir)
    principle = sorted((poisoned_site.content_dir / "principles").glob("*.yml"))[0].stem
    tab.goto(f"{base}principles/{principle}/")
    assert tab.title().startswith(f"{ENTRY_TITLE} - "), tab.title()
    assert _text(tab, ".md-header__topic[data-md-component='header-topic'] .md-ellipsis") == [ENTRY_TITLE]
    assert _text(tab, "article h1") == [ENTRY_TITLE]
    assert TAG_NAME in _text(tab, ".md-tags .md-tag")
    assert PATH_TITLE in _text(tab, ".md-nav--primary .md-nav__link")
    tab.goto(f"{base}tags/")
    assert TAG_NAME in _text(tab, "article h2")
    assert ENTRY_TITLE in _text(tab, "article li a")
    # Zensical's index is search.json; it shows each result's path (the page's title, a nav section's
    # before it), which Material does not.
    zensical = (poisoned_site.site_dir / "search.json").exists()
    for query, title in (("quokka", ENTRY_TITLE), ("numbat", PATH_TITLE)):
        tab.goto(base)
        result_links(tab, query)
        titles = _text(tab, ".md-search-result__item > a h1, [role='listbox'] [role='option'] h2")
        assert title in titles, titles
        if zensical:
            assert title in _text(tab, "[role='listbox'] [role='option'] menu li")


def test_an_address_setting_is_refused_by_url_parsing_at_its_line(tmp_path: Path) -> None:
    bad = [
        'https://example.edu/"><script>alert(1)</script>/',
        "javascript:alert(1)//x/",
        "data:text/html,<b>x</b>",
        "https://exa<mple.edu/",
        "https:///",
        'https://example.edu/"onmouseover=alert(1)',
    ]
    for setting in ("url", "call_to_action.url"):
        for value in bad:
            assert refusal(setting, value), (setting, value)
    project = make_project(tmp_path / "project")
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text(
        f"# brand\nurl: {json.dumps(bad[0])}\ncall_to_action:\n  label: Book\n  url: {json.dumps(bad[1])}\n"
    )
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "content/local/branding.yml:2:6: url: an address cannot hold" in result.stderr
    assert "content/local/branding.yml:5:8: call_to_action.url: the address must start with" in result.stderr


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
