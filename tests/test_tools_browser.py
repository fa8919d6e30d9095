"""The browser tools on the real generated pages, driven in Chromium as a user would.

Runs against the repository's own playbook (the ``default_site`` fixture): the relationship
calculator, the template composer and the worksheets, with the network audit's LinkedIn import.
Every test checks what a user sees (text, labels, messages next to fields, live regions, print
layout) and that no request leaves 127.0.0.1. Labels and messages come from the content and
from generators/strings/en/tools.yml, the same sources the generator puts on the pages.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from conftest import REPO, make_project, serve
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from test_accessibility import axe_violations

from playbook.pipeline import Project, build_site
from playbook.report import Reporter

pytestmark = pytest.mark.browser

CONTENT = REPO / "content"
CONNECTIONS = REPO / "tests" / "js" / "fixtures" / "Connections.csv"
XSS_NAME = "<img src=x onerror=alert(1)>"

CALCULATOR = "tools/calculator/"
COMPOSER = "tools/composer/"
EVENT_PLAN = "worksheets/event-plan/"
AUDIT = "worksheets/network-audit/"
TOOL_OF = {CALCULATOR: "calculator", COMPOSER: "composer", EVENT_PLAN: "worksheet", AUDIT: "worksheet"}


# What the pages are made of ------------------------------------------------------------


@functools.cache
def _strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((REPO / "generators" / "strings" / "en" / "tools.yml").read_text(encoding="utf-8"))


def say(tool: str, key: str, **params: object) -> str:
    """An interface string of a tool, filled in as the tools do ({name} → value)."""
    groups = _strings()
    text = {**groups["common"], **groups[tool]}[key]
    return re.sub(r"\{([a-z_][a-z0-9_]*)\}", lambda m: str(params.get(m.group(1), m.group(0))), text)


@functools.cache
def content(path: str) -> Any:
    return yaml.safe_load((CONTENT / path).read_text(encoding="utf-8"))


def component(component_id: str) -> dict[str, Any]:
    return next(c for c in content("formula.yml")["components"] if c["id"] == component_id)


def label(component_id: str) -> str:
    return str(component(component_id)["label"])


def placeholder_label(template: str, name: str) -> str:
    return next(p["label"] for p in content(f"templates/{template}.yml")["placeholders"] if p["name"] == name)


def page_string(key: str) -> str:
    """A word of the generated pages (navigation, headings)."""
    return str(yaml.safe_load((REPO / "generators" / "strings" / "en" / "pages.yml").read_text(encoding="utf-8"))[key])


def question(sheet: str, field_id: str) -> str:
    """The label of a worksheet's question."""
    fields = [f for section in content(f"worksheets/{sheet}.yml")["sections"] for f in section["fields"]]
    return str(next(f["label"] for f in fields if f["id"] == field_id))


def cell(sheet: str, field_id: str, column: int, row: int) -> str:
    """The label of a cell of a worksheet's table: "Name, row 1"."""
    fields = [f for section in content(f"worksheets/{sheet}.yml")["sections"] for f in section["fields"]]
    columns = next(f["columns"] for f in fields if f["id"] == field_id)
    return say("worksheet", "table_cell_label", column=columns[column], row=row)


def squash(text: str) -> str:
    return " ".join(text.split())


# Fixtures and helpers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(default_site: Project) -> str:
    return serve(default_site.site_dir)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The default playbook as a deployed site, with an address in its branding; served locally.

    Material's instant navigation follows only links to pages of the sitemap, which MkDocs
    fills only when the site has an address; without one the build turns the feature off.
    """
    project = make_project(tmp_path_factory.mktemp("published") / "project", REPO / "content")
    # Material keeps the port and path of the sitemap's addresses, so the site's address
    # is the local server's: serve the folder first, then build with that address.
    address = serve(project.site_dir)
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text(f"url: {address}\n")
    build_site(project, Reporter(quiet=True))
    return address


def open_tool(page: Any, base: str, path: str) -> Any:
    page.goto(base + path)
    page.wait_for_selector(f'[data-pb-mounted="{TOOL_OF[re.sub(r"[?#].*", "", path)]}"]')
    return page.locator(".pb-tool")


def live(page: Any) -> Any:
    """The tool's polite live region."""
    return page.locator('.pb-tool [role="status"][aria-live="polite"]')


def error_next_to(page: Any, control: Any) -> str:
    """The message the control is described by that sits beside it in its field ("" if none)."""
    return str(
        control.evaluate(
            """c => {
                const ids = (c.getAttribute('aria-describedby') || '').split(/\\s+/);
                const error = ids.map(id => document.getElementById(id)).find(e => e && e.classList.contains('pb-error'));
                return error && c.closest('.pb-field').contains(error) ? error.textContent : '';
            }"""
        )
    )


def assert_error(page: Any, control: Any, message: str) -> None:
    expect(control).to_have_attribute("aria-invalid", "true")
    assert error_next_to(page, control) == message


def axe(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations once transitions have ended.

    Material fades the header's title in and out as the page scrolls; axe would measure
    the contrast of the text halfway through the fade.
    """
    page.evaluate(
        """() => new Promise(settled => {
            // A transition starts a frame or two after the scroll that causes it: wait for five quiet frames.
            let quiet = 0;
            const frame = () => {
                quiet = document.getAnimations().some(a => a.playState === 'running') ? 0 : quiet + 1;
                if (quiet >= 5) settled(true);
                else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
        })"""
    )
    return axe_violations(page)


def download(page: Any, click: Any) -> str:
    with page.expect_download() as info:
        click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def download_to(page: Any, click: Any, folder: Path) -> Path:
    with page.expect_download() as info:
        click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def flush_saves(page: Any) -> None:
    """Run the tools' pending saves now, as leaving the page does (instead of waiting out the debounce)."""
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")


def storage_key(page: Any, tool: str, instance: str) -> str:
    """Where a tool of this page keeps its work: ``playbook:<site key>:<tool>:<instance>``."""
    site = page.evaluate(
        "JSON.parse(document.querySelector('template[id^=\"pb-config-\"]').content.textContent).site.id"
    )
    return f"playbook:{site}:{tool}:{instance}"


def stored(page: Any, tool: str, instance: str) -> Any:
    raw = page.evaluate("k => localStorage.getItem(k)", storage_key(page, tool, instance))
    return None if raw is None else json.loads(raw)


def score(page: Any, for_me: str, for_you: str, trust: str, name: str | None = None) -> None:
    if name is not None:
        page.get_by_label(say("calculator", "name_label")).fill(name)
    page.get_by_label(label("for_me"), exact=True).fill(for_me)
    page.get_by_label(label("for_you"), exact=True).fill(for_you)
    page.get_by_label(label("trust"), exact=True).fill(trust)


def import_connections(page: Any, path: Path = CONNECTIONS) -> None:
    page.get_by_label(say("worksheet", "audit_file_label")).set_input_files(str(path))
    page.wait_for_selector(".pb-triage .pb-person")


def saved_file(tool: str, instance: str, data: object, schema: int = 1) -> str:
    return json.dumps(
        {
            "format": "networking-playbook",
            "site": "the-networking-playbook",
            "tool": tool,
            "instance": instance,
            "schema": schema,
            "saved": "2024-01-01T00:00:00.000Z",
            "data": data,
        }
    )


# Calculator ----------------------------------------------------------------------------


BAD_SCORES = [
    ("", "score_empty"),
    ("   ", "score_empty"),
    ("abc", "score_not_number"),
    ("-1", "score_negative"),
    ("2.5", "score_not_whole"),
    ("99", "score_out_of_range"),
]


def test_calculator_explains_bad_scores_next_to_the_field(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, CALCULATOR)
    field = tab.get_by_label(label("for_me"), exact=True)
    assert field.get_attribute("aria-invalid") is None, "an untouched form shows no error"
    c = component("for_me")
    for typed, key in BAD_SCORES:
        field.fill("1")
        field.fill(typed)
        assert_error(tab, field, say("calculator", key, min=c["min"], max=c["max"]))
        expect(tool.locator(".pb-result")).to_contain_text(say("calculator", "result_incomplete"))
        assert "NaN" not in tool.inner_text() and "undefined" not in tool.inner_text()
    field.fill(" 3 ")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert error_next_to(tab, field) == ""
    assert "NaN" not in tool.inner_text()


def test_calculator_shows_result_shares_band_and_principles(tab: Any, base: str, default_site: Project) -> None:
    open_tool(tab, base, CALCULATOR)
    score(tab, "3", "4", "2")
    result = tab.locator(".pb-result")
    expect(result).to_contain_text(say("calculator", "result_total", result=14, max=50))
    assert say("calculator", "result_sum", exchange="3 + 4", trust="2", result=14) in result.inner_text()
    band = next(b for b in content("formula.yml")["bands"] if b["id"] == "growing-relationship")
    assert result.locator(".pb-band h3").inner_text() == band["label"]
    assert squash(result.locator(".pb-band").inner_text()) == squash(band["label"] + " " + band["meaning"])
    shares = result.locator(".pb-shares li").all_inner_texts()
    assert [squash(s) for s in shares] == [
        say("calculator", "share_line", label=label("for_me"), value=3, max=5),
        say("calculator", "share_line", label=label("for_you"), value=4, max=5),
        say("calculator", "share_line", label=label("trust"), value=2, max=5),
    ]
    widths = result.locator(".pb-bar__fill").evaluate_all("bars => bars.map(b => b.style.width)")
    assert widths == ["60%", "80%", "40%"]
    assert result.locator(".pb-weakest").inner_text() == say("calculator", "weakest_one", labels=label("trust"))

    links = result.locator("a")
    principles = component("trust")["principles"]
    assert links.count() == len(principles)
    for i, principle in enumerate(principles):
        title = content(f"principles/{principle}.yml")["title"]
        assert links.nth(i).inner_text() == title
        target = urlparse(urljoin(tab.url, links.nth(i).get_attribute("href"))).path.lstrip("/")
        page_file = default_site.site_dir / target / "index.html"
        assert page_file.is_file(), f"{title} links to a missing page: {target}"
        heading = re.search(r"<h1[^>]*>(.*?)<", page_file.read_text(encoding="utf-8"), re.S)
        assert heading and html.unescape(heading.group(1)).strip() == title


def test_calculator_announces_the_result(tab: Any, base: str) -> None:
    open_tool(tab, base, CALCULATOR)
    region = live(tab)
    assert region.get_attribute("aria-atomic") == "true"
    score(tab, "3", "4", "2")
    expect(region).to_have_text(say("calculator", "result_announce", result=14, max=50, band="A growing relationship"))
    tab.get_by_label(label("trust"), exact=True).fill("x")
    expect(region).to_have_text(say("calculator", "score_not_number", min=0, max=5))


def test_calculator_compares_people(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, CALCULATOR)
    expect(tool.locator(".pb-people")).to_contain_text(say("calculator", "people_empty"))
    save = tab.get_by_role("button", name=say("calculator", "save_person"))
    name = tab.get_by_label(say("calculator", "name_label"))

    score(tab, "1", "2", "3")
    save.click()
    assert_error(tab, name, say("calculator", "name_empty"))
    expect(name).to_be_focused()
    expect(live(tab)).to_have_text(say("calculator", "save_needs_fixes"))

    name.fill("Ann")
    save.click()
    expect(tool.locator(".pb-actions + .pb-status")).to_have_text(say("calculator", "person_saved", name="Ann"))
    score(tab, "5", "5", "5", name="Sam")
    save.click()
    score(tab, "0", "1", "1", name=XSS_NAME)
    save.click()

    rows = tool.locator(".pb-people tbody tr")
    expect(rows).to_have_count(3)
    assert rows.locator("th").all_inner_texts() == ["Sam", "Ann", XSS_NAME], "strongest first, names as text"
    assert [squash(t) for t in rows.nth(0).locator("td").all_inner_texts()[3:5]] == ["50 / 50", "A strong relationship"]
    assert [squash(t) for t in rows.nth(1).locator("td").all_inner_texts()[3:5]] == ["9 / 50", "A growing relationship"]
    assert [squash(t) for t in rows.nth(2).locator("td").all_inner_texts()[3:5]] == ["1 / 50", "A contact"]
    assert tool.locator(".pb-people").inner_text().count(say("calculator", "people_count_other", count=3)) == 1
    assert tool.locator("img").count() == 0 and tab.dialogs == []

    tab.get_by_role("button", name=say("calculator", "edit_person_named", name="Ann")).click()
    expect(tab.get_by_label(label("trust"), exact=True)).to_have_value("3")
    tab.get_by_label(label("trust"), exact=True).fill("5")
    save.click()
    expect(tool.locator(".pb-actions + .pb-status")).to_have_text(say("calculator", "person_updated", name="Ann"))
    tab.get_by_role("button", name=say("calculator", "remove_person_named", name="Sam")).click()
    expect(rows).to_have_count(2)
    assert rows.locator("th").all_inner_texts() == ["Ann", XSS_NAME]
    assert squash(rows.nth(0).locator("td").nth(3).inner_text()) == "15 / 50"
    assert "NaN" not in tool.inner_text()


def test_calculator_keeps_form_and_people_after_reload(tab: Any, base: str) -> None:
    open_tool(tab, base, CALCULATOR)
    score(tab, "4", "3", "2", name="Kim")
    tab.get_by_role("button", name=say("calculator", "save_person")).click()
    tab.get_by_label(label("for_me"), exact=True).fill("5")  # reloaded at once: leaving the page saves it
    tab.reload()
    tool = tab.locator('[data-pb-mounted="calculator"]')
    expect(tool).to_be_attached()
    assert tab.get_by_label(say("calculator", "name_label")).input_value() == "Kim"
    assert [tab.get_by_label(label(c), exact=True).input_value() for c in ("for_me", "for_you", "trust")] == [
        "5",
        "3",
        "2",
    ]
    expect(tool.locator(".pb-result")).to_contain_text(say("calculator", "result_total", result=16, max=50))
    assert tool.locator(".pb-people tbody th").all_inner_texts() == ["Kim"]
    assert squash(tool.locator(".pb-people tbody td").nth(3).inner_text()) == "14 / 50"


# Composer ------------------------------------------------------------------------------


def test_composer_takes_the_template_from_a_template_page_link(tab: Any, published: str) -> None:
    base = published
    tab.goto(base + "message-templates/reconnect-with-a-connection/")
    tab.evaluate("window.__sameDocument = true")
    tab.get_by_role("link", name=re.compile("template composer")).and_(tab.locator("article a")).click()
    tab.wait_for_selector('[data-pb-mounted="composer"]')
    assert urlparse(tab.url).query == "template=reconnect-with-a-connection"
    expect(tab.get_by_label(say("composer", "template_label"))).to_have_value("reconnect-with-a-connection")
    assert tab.evaluate("window.__sameDocument") is True, "the link was followed by instant navigation"
    # Opened directly too, as from a bookmark or a printed handout.
    open_tool(tab, base, COMPOSER + "?template=give-first-contact")
    expect(tab.get_by_label(say("composer", "template_label"))).to_have_value("give-first-contact")
    assert (
        tab.locator(".pb-template-about")
        .inner_text()
        .startswith(content("templates/give-first-contact.yml")["summary"])
    )


def test_composer_takes_the_template_from_the_address_hash(tab: Any, base: str) -> None:
    # The first change of the hash also makes Material reload the page content in place.
    open_tool(tab, base, COMPOSER + "#template=ask-for-an-introduction")
    select = tab.get_by_label(say("composer", "template_label"))
    expect(select).to_have_value("ask-for-an-introduction")
    tab.evaluate("location.hash = '#template=move-the-conversation-to-email'")
    expect(select).to_have_value("move-the-conversation-to-email")
    tab.evaluate("location.hash = '#template=no-such-template'")
    expect(select).to_have_value("move-the-conversation-to-email")
    tab.evaluate("location.hash = '#template=question-framed-as-sharing'")
    expect(select).to_have_value("question-framed-as-sharing")


def test_composer_marks_unfilled_blanks_with_text(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, COMPOSER + "?template=ask-for-an-introduction")
    template = content("templates/ask-for-an-introduction.yml")
    labels = {p["name"]: p["label"] for p in template["placeholders"]}
    note = say("composer", "unfilled_note")
    body_marks = tool.locator(".pb-message mark.pb-unfilled")
    expect(body_marks).to_have_count(len(re.findall(r"\{([a-z_]+)\}", template["body"])))
    expected = [f"[{labels[n]}] {note}" for n in re.findall(r"\{([a-z_]+)\}", template["body"])]
    assert [squash(t) for t in body_marks.all_text_contents()] == expected
    subject_marks = tool.locator(".pb-subject mark.pb-unfilled").all_text_contents()
    assert [squash(t) for t in subject_marks] == [
        f"[{labels[n]}] {note}" for n in re.findall(r"\{([a-z_]+)\}", template["subject"])
    ]
    # Visible brackets around the label: the gap does not depend on the highlight color.
    assert body_marks.first.inner_text().startswith(f"[{labels['mutual_first_name']}]")
    names = list(dict.fromkeys(re.findall(r"\{([a-z_]+)\}", template["subject"] + template["body"])))
    status = tool.locator(".pb-preview .pb-status").first
    assert status.inner_text() == say(
        "composer", "unfilled_count_other", count=len(names), labels=", ".join(labels[n] for n in names)
    )


def test_composer_preview_follows_typing(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, COMPOSER + "?template=ask-for-an-introduction")
    message = tool.locator(".pb-preview .pb-message")
    who = placeholder_label("ask-for-an-introduction", "mutual_first_name")
    before = tool.locator(".pb-message mark.pb-unfilled").count()
    tab.get_by_label(who, exact=True).press_sequentially("<b>Rae</b>")
    expect(message).to_contain_text("Hi <b>Rae</b>,")
    assert message.locator("b").count() == 0, "typed markup shows as text"
    assert tool.locator(".pb-message mark.pb-unfilled").count() == before - 1
    assert f"[{who}]" not in message.inner_text()
    tab.get_by_label(placeholder_label("ask-for-an-introduction", "company"), exact=True).fill("Northwind")
    expect(tool.locator(".pb-subject")).to_contain_text("at Northwind?")


def test_composer_copies_the_message(tab: Any, base: str) -> None:
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    tool = open_tool(tab, base, COMPOSER + "?template=ask-for-an-introduction")
    template = content("templates/ask-for-an-introduction.yml")
    examples = {p["name"]: p["example"] for p in template["placeholders"]}
    company = placeholder_label("ask-for-an-introduction", "company")
    tab.get_by_role("button", name=say("composer", "fill_examples")).click()
    tab.get_by_label(company, exact=True).fill("")
    expect(tool.locator(".pb-preview .pb-status").first).to_have_text(
        say("composer", "unfilled_count_one", count=1, labels=company)
    )

    def filled(text: str) -> str:
        return re.sub(
            r"\{([a-z_]+)\}", lambda m: f"[{company}]" if m.group(1) == "company" else examples[m.group(1)], text
        )

    tab.get_by_role("button", name=say("composer", "copy_message")).click()
    done = f"{say('composer', 'copied')} {say('composer', 'copied_unfilled_one', count=1)}"
    expect(tool.locator(".pb-preview")).to_contain_text(done)
    assert tab.evaluate("navigator.clipboard.readText()") == filled(template["body"])
    expect(live(tab)).to_have_text(done)
    tab.get_by_role("button", name=say("composer", "copy_subject")).click()
    expect(tool.locator(".pb-preview .pb-status").last).to_have_text(say("composer", "copied"))
    assert tab.evaluate("navigator.clipboard.readText()") == filled(template["subject"])


def test_composer_keeps_template_and_values_after_reload(tab: Any, base: str) -> None:
    open_tool(tab, base, COMPOSER)
    tab.get_by_label(say("composer", "template_label")).select_option("invitation-after-meeting")
    where = placeholder_label("invitation-after-meeting", "where_met")
    tab.get_by_label(where, exact=True).fill("the logistics summit")
    tab.reload()
    tab.wait_for_selector('[data-pb-mounted="composer"]')
    expect(tab.get_by_label(say("composer", "template_label"))).to_have_value("invitation-after-meeting")
    assert tab.get_by_label(where, exact=True).input_value() == "the logistics summit"
    expect(tab.locator(".pb-preview .pb-message")).to_contain_text("the logistics summit")


# Worksheets ----------------------------------------------------------------------------


def test_worksheet_questions_are_labelled_and_grouped(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, EVENT_PLAN)
    sheet = content("worksheets/event-plan.yml")
    legends = tool.locator("fieldset.pb-ws-section > legend").all_inner_texts()
    assert legends == [s["title"] for s in sheet["sections"]]
    for section in sheet["sections"]:
        for f in section["fields"]:
            if f["kind"] in ("text", "long-text"):
                control = tab.get_by_label(f["label"], exact=True)
                assert control.evaluate("e => e.tagName") == ("TEXTAREA" if f["kind"] == "long-text" else "INPUT")
            elif f["kind"] == "table":
                table = tool.locator("table", has=tab.locator("caption", has_text=f["label"]))
                assert table.locator("thead th").all_inner_texts() == f["columns"]
                assert table.locator("tbody tr").count() == f["rows"]
                last = say("worksheet", "table_cell_label", column=f["columns"][-1], row=f["rows"])
                assert table.get_by_label(last, exact=True).count() == 1
            else:
                group = tab.get_by_role("group", name=f["label"], exact=True)
                low, high = f["scale"]
                assert [str(v) for v in range(low, high + 1)] == group.get_by_role("radio").evaluate_all(
                    "radios => radios.map(r => r.labels[0].textContent)"
                )
    unlabelled = tool.evaluate(
        """t => [...t.querySelectorAll('input, textarea, select')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.outerHTML)"""
    )
    assert unlabelled == []


def fill_event_plan(page: Any) -> None:
    page.get_by_label(question("event-plan", "event_name"), exact=True).fill("Logistics summit, 12 March, Rotterdam")
    page.get_by_label(question("event-plan", "homework")).fill(
        "The keynote's paper on route pooling.\nTwo posts by the panel chair."
    )
    page.get_by_role("group", name=question("event-plan", "worth_it")).get_by_label("4").check()
    page.get_by_label(cell("event-plan", "people_to_meet", 0, 1), exact=True).first.fill("Omar")


def test_worksheet_answers_choices_and_rows_survive_reload(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, EVENT_PLAN)
    fill_event_plan(tab)
    people = tool.locator(
        ".pb-table-field", has=tab.locator("caption", has_text=question("event-plan", "people_to_meet"))
    )
    people.get_by_role("button", name=say("worksheet", "add_row")).click()
    added = people.get_by_label(cell("event-plan", "people_to_meet", 0, 5), exact=True)
    expect(added).to_be_focused()
    added.press_sequentially("Priya")
    expect(live(tab)).to_have_text(
        say("worksheet", "row_added", label=question("event-plan", "people_to_meet"), count=5)
    )
    tab.reload()
    tab.wait_for_selector('[data-pb-mounted="worksheet"]')
    assert (
        tab.get_by_label(question("event-plan", "event_name"), exact=True).input_value()
        == "Logistics summit, 12 March, Rotterdam"
    )
    assert "route pooling.\nTwo posts" in tab.get_by_label(question("event-plan", "homework")).input_value()
    assert tab.get_by_role("group", name=question("event-plan", "worth_it")).get_by_label("4").is_checked()
    assert people.locator("tbody tr").count() == 5
    assert people.get_by_label(cell("event-plan", "people_to_meet", 0, 1), exact=True).input_value() == "Omar"
    assert people.get_by_label(cell("event-plan", "people_to_meet", 0, 5), exact=True).input_value() == "Priya"
    people.get_by_role("button", name=say("worksheet", "remove_row")).click()
    expect(people.locator("tbody tr")).to_have_count(4)
    expect(people.get_by_role("button", name=say("worksheet", "remove_row"))).to_be_disabled()


def test_worksheet_answers_survive_instant_navigation(tab: Any, published: str) -> None:
    base = published
    # Count the window's pagehide listeners: tools of pages left behind must remove theirs.
    tab.add_init_script(
        """(() => { window.__pagehide = 0;
        const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
        EventTarget.prototype.addEventListener = function (type, fn, o) {
            if (this === window && type === 'pagehide') window.__pagehide++; return add.call(this, type, fn, o); };
        EventTarget.prototype.removeEventListener = function (type, fn, o) {
            if (this === window && type === 'pagehide') window.__pagehide--; return remove.call(this, type, fn, o); };
    })()"""
    )
    open_tool(tab, base, EVENT_PLAN)
    listeners = tab.evaluate("window.__pagehide")
    tab.evaluate("window.__sameDocument = true")
    tab.get_by_label(question("event-plan", "event_name"), exact=True).fill("Logistics summit")
    tab.get_by_role("group", name=question("event-plan", "worth_it")).get_by_label("2").check()
    for _ in range(2):
        tab.locator(".md-sidebar--primary").get_by_role("link", name=page_string("worksheets"), exact=True).click()
        tab.locator("article").get_by_role(
            "link", name=content("worksheets/network-audit.yml")["title"], exact=True
        ).click()
        tab.wait_for_selector('[data-pb-config="pb-config-network-audit"][data-pb-mounted="worksheet"]')
        tab.locator("article").get_by_role("link", name=page_string("worksheets"), exact=True).first.click()
        tab.locator("article").get_by_role(
            "link", name=content("worksheets/event-plan.yml")["title"], exact=True
        ).click()
        tab.wait_for_selector('[data-pb-config="pb-config-event-plan"][data-pb-mounted="worksheet"]')
    expect(tab.get_by_label(question("event-plan", "event_name"), exact=True)).to_have_value("Logistics summit")
    assert tab.get_by_role("group", name=question("event-plan", "worth_it")).get_by_label("2").is_checked()
    assert tab.evaluate("window.__sameDocument") is True, "the pages changed without a reload"
    assert tab.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert tab.evaluate("window.__pagehide") == listeners, "tools of pages left behind removed their listeners"
    assert tab.locator("[data-pb-tool]").count() == 1


def test_worksheet_survives_a_jump_to_a_heading(tab: Any, base: str) -> None:
    """Material reloads the page content in place on the first jump to an #anchor (a table-of-contents
    link, a heading's permalink); the tool must come back, with what was typed."""
    tool = open_tool(tab, base, EVENT_PLAN)
    tab.get_by_label(question("event-plan", "event_name"), exact=True).fill("Logistics summit")
    before = tool.element_handle()
    heading = tab.locator(".md-sidebar--secondary").get_by_role("link", name=page_string("related_principles"))
    anchor = heading.get_attribute("href")
    toc = tab.locator(".md-sidebar--secondary a.md-nav__link").evaluate_all("links => links.map(a => a.hash)")
    heading.click()
    # The page jumps to the heading; near the foot of a page, Material's tracking may then move the
    # address on to a later heading that is on screen too, but never back above the target.
    tab.wait_for_function("() => location.hash !== ''")
    reached = tab.evaluate("location.hash")
    assert reached in toc and toc.index(reached) >= toc.index(anchor), (reached, anchor)
    with contextlib.suppress(PlaywrightTimeout):  # the content may also stay as it is
        tab.wait_for_function("el => !el.isConnected", arg=before, timeout=5000)
    expect(tab.get_by_label(question("event-plan", "event_name"), exact=True)).to_have_value("Logistics summit")
    assert tab.locator(".pb-tool-error").count() == 0


def test_worksheet_prints_answers_or_blank_lines(tab: Any, base: str) -> None:
    tool = open_tool(tab, base, EVENT_PLAN)
    tab.emulate_media(media="print")
    blank = tool.locator(".pb-print-answer--long").first
    box = blank.bounding_box()
    assert box is not None and box["height"] > 40, f"an empty long answer prints as lines to write on: {box}"
    tab.emulate_media(media="screen")
    fill_event_plan(tab)
    tab.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not tab.locator(chrome).first.is_visible(), f"{chrome} is printed"
    shown = tool.evaluate(
        """t => ({
            buttons: [...t.querySelectorAll('button')].filter(b => b.offsetParent !== null).map(b => b.textContent),
            inputs: [...t.querySelectorAll('input:not([type=radio]), textarea')].filter(e => e.offsetParent !== null).length,
            answers: [...t.querySelectorAll('.pb-print-answer')].filter(e => e.offsetParent !== null).map(e => e.innerText.trim()),
        })"""
    )
    assert shown["buttons"] == [] and shown["inputs"] == 0
    assert "Logistics summit, 12 March, Rotterdam" in shown["answers"]
    assert "The keynote's paper on route pooling.\nTwo posts by the panel chair." in shown["answers"]
    assert "Omar" in shown["answers"]
    checked = tab.get_by_role("group", name=question("event-plan", "worth_it")).get_by_label("4")
    assert checked.is_visible() and checked.is_checked(), "the chosen point of a scale prints"
    assert tool.locator("legend h2", has_text=content("worksheets/event-plan.yml")["sections"][0]["title"]).is_visible()


# Saved work ----------------------------------------------------------------------------


def test_saved_work_import_rejects_wrong_files(tab: Any, base: str, tmp_path: Path) -> None:
    tool = open_tool(tab, base, CALCULATOR)
    score(tab, "1", "2", "3", name="Ann")
    # The result is read out after a pause in typing; let it be, so it does not cut into the messages below.
    expect(live(tab)).to_contain_text(say("calculator", "result_announce", result=9, max=50, band="").strip())
    tab.get_by_role("button", name=say("calculator", "save_person")).click()
    upload = tab.get_by_label(say("calculator", "import_label"))
    cases = [
        ("notes.json", "not json at all {", say("calculator", "import_not_json")),
        ("other.json", json.dumps({"hello": "world"}), say("calculator", "import_not_export")),
        (
            "composer.json",
            saved_file("composer", "composer", {}),
            say("calculator", "import_wrong_tool", found="composer/composer"),
        ),
        ("newer.json", saved_file("calculator", "calculator", {}, schema=99), say("calculator", "import_too_new")),
        (
            "damaged.json",
            saved_file("calculator", "calculator", {"draft": "nobody"}, schema=2),
            say("calculator", "import_bad_shape"),
        ),
    ]
    for name, text, message in cases:
        (tmp_path / name).write_text(text, encoding="utf-8")
        upload.set_input_files(str(tmp_path / name))
        expect(tool.locator(".pb-saved > .pb-field .pb-error")).to_have_text(message)
        assert_error(tab, upload, message)
        expect(live(tab)).to_have_text(message)
    assert tool.locator(".pb-people tbody th").all_inner_texts() == ["Ann"], "a rejected file changes nothing"
    assert axe(tab) == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "saved_corrupt"),
        (json.dumps({"schema": 99, "saved": "", "data": {"future": True}}), "saved_too_new"),
    ],
    ids=["damaged", "too-new"],
)
def test_saved_data_that_cannot_be_read_is_kept_until_start_over(tab: Any, base: str, raw: str, message: str) -> None:
    open_tool(tab, base, CALCULATOR)
    key = storage_key(tab, "calculator", "calculator")
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, raw])
    tab.reload()
    tool = tab.locator('[data-pb-mounted="calculator"]')
    notice = tool.locator(".pb-notice:not(.pb-export-reminder)")
    expect(notice).to_contain_text(say("calculator", message))
    assert say("calculator", "saved_not_saving") in notice.inner_text()
    assert tool.locator(".pb-notice + .pb-formula").count() == 1, "the notice is at the top of the tool"
    tab.get_by_label(label("for_me"), exact=True).fill("2")
    flush_saves(tab)
    assert tab.evaluate("k => localStorage.getItem(k)", key) == raw, "not overwritten"
    kept = download(tab, lambda: notice.get_by_role("button", name=say("calculator", "saved_download")).click())
    assert kept == raw
    assert axe(tab) == []
    notice.get_by_role("button", name=say("calculator", "saved_start_over")).click()
    expect(notice).to_be_hidden()
    expect(live(tab)).to_have_text(say("calculator", "saved_started_over"))
    saved = stored(tab, "calculator", "calculator")
    assert saved["schema"] == 2 and saved["data"]["draft"]["scores"]["for_me"] == "2"


def test_full_storage_is_reported_next_to_the_tool(tab: Any, base: str) -> None:
    tab.add_init_script(
        """Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"""
    )
    tool = open_tool(tab, base, CALCULATOR)
    tab.get_by_label(label("for_me"), exact=True).fill("1")
    notice = tool.locator(".pb-notice:not(.pb-export-reminder)")
    expect(notice).to_have_text(say("calculator", "saved_quota"))
    expect(live(tab)).to_have_text(say("calculator", "saved_quota"))
    assert tool.locator(".pb-notice + .pb-formula").count() == 1, "the notice is at the top of the tool"
    assert tab.get_by_label(label("for_me"), exact=True).input_value() == "1", "what was typed stays on screen"


# Accessibility -------------------------------------------------------------------------


def test_calculator_has_no_wcag_violations(tab: Any, base: str) -> None:
    open_tool(tab, base, CALCULATOR)
    assert axe(tab) == [], "empty"
    tab.get_by_label(label("for_me"), exact=True).fill("abc")
    tab.get_by_role("button", name=say("calculator", "save_person")).click()
    assert axe(tab) == [], "errors"
    score(tab, "3", "4", "2", name="Ann")
    tab.get_by_role("button", name=say("calculator", "save_person")).click()
    tab.wait_for_selector(".pb-people tbody tr")
    assert axe(tab) == [], "filled"


def test_composer_has_no_wcag_violations(tab: Any, base: str, tmp_path: Path) -> None:
    open_tool(tab, base, COMPOSER)
    assert axe(tab) == [], "empty"
    bad = tmp_path / "bad.json"
    bad.write_text("nope", encoding="utf-8")
    tab.get_by_label(say("composer", "import_label")).set_input_files(str(bad))
    tab.wait_for_selector(".pb-saved > .pb-field .pb-error:not(:empty)")
    assert axe(tab) == [], "errors"
    tab.get_by_role("button", name=say("composer", "fill_examples")).click()
    assert axe(tab) == [], "filled"


def test_event_plan_has_no_wcag_violations(tab: Any, base: str, tmp_path: Path) -> None:
    open_tool(tab, base, EVENT_PLAN)
    assert axe(tab) == [], "empty"
    bad = tmp_path / "bad.json"
    bad.write_text("nope", encoding="utf-8")
    tab.get_by_label(say("worksheet", "import_label")).set_input_files(str(bad))
    tab.wait_for_selector(".pb-saved > .pb-field .pb-error:not(:empty)")
    assert axe(tab) == [], "errors"
    fill_event_plan(tab)
    tab.get_by_role("button", name=say("worksheet", "add_row")).first.click()
    assert axe(tab) == [], "filled"


def test_network_audit_has_no_wcag_violations(tab: Any, base: str, tmp_path: Path) -> None:
    """Each state of the audit: empty, a refused file, imported, a refused and an added target employer,
    a person marked with the next steps shown, a message being written, and the follow-up plan."""
    tool = open_tool(tab, base, AUDIT)
    assert axe(tab) == [], "empty"
    wrong = tmp_path / "notes.csv"
    wrong.write_text("Name,Company\nAda,Analytical Engines\n", encoding="utf-8")
    upload = tab.get_by_label(say("worksheet", "audit_file_label"))
    upload.set_input_files(str(wrong))
    expect(tool).to_contain_text(say("worksheet", "audit_not_connections"))
    assert axe(tab) == [], "a file that is not an export"
    import_connections(tab)
    assert axe(tab) == [], "imported"
    tab.get_by_role("button", name=say("worksheet", "target_add")).click()
    expect(tool).to_contain_text(say("worksheet", "target_employer_empty"))
    assert axe(tab) == [], "a target employer without a name"
    tool.get_by_label(say("worksheet", "target_employer"), exact=True).fill("US Navy")
    tab.get_by_role("button", name=say("worksheet", "target_add")).click()
    expect(tool.locator(".pb-lamp > li")).to_have_count(1)
    grace = tab.locator(".pb-person").filter(has_text="Grace Hopper")
    grace.get_by_role("button", name=say("worksheet", "mark_short_well")).click()
    for question in ("question_me", "question_them"):
        grace.get_by_role("group", name=say("worksheet", question, name="Grace")).get_by_role(
            "button", name=say("worksheet", "answer_yes")
        ).click()
    write = tab.get_by_role("button", name=say("worksheet", "write_message_to", name="Grace Hopper"))
    assert axe(tab) == [], "marked, with the next steps"
    write.click()
    composer = tool.locator(".pb-compose")
    expect(composer.locator(".pb-compose__check .pb-checker-summary")).not_to_be_empty()
    assert axe(tab) == [], "writing the message"
    composer.get_by_label(say("worksheet", "compose_sent_on")).fill("2026-03-02")
    composer.get_by_role("button", name=say("worksheet", "compose_sent")).click()
    expect(tool.locator(".pb-step--plan .pb-reminder")).to_have_count(2)
    assert axe(tab) == [], "the follow-up plan"


def fill_for_keyboard(page: Any, path: str) -> None:
    """Each tool with everything it can show: results, lists, pagers."""
    if path == CALCULATOR:
        score(page, "3", "4", "2", name="Ann")
        page.get_by_role("button", name=say("calculator", "save_person")).click()
        page.wait_for_selector(".pb-people tbody tr")
    elif path == COMPOSER:
        page.get_by_role("button", name=say("composer", "fill_examples")).click()
    elif path == EVENT_PLAN:
        fill_event_plan(page)
    else:
        import_connections(page)
        person = page.locator(".pb-person").filter(has_text="Grace Hopper")
        person.get_by_role("button", name=say("worksheet", "mark_short_well")).click()
        page.get_by_role("button", name=say("worksheet", "write_message_to", name="Grace Hopper")).wait_for()


def keyboard_problems(page: Any, scope: Any) -> list[str]:
    """Tab from the top of ``scope``: the controls it misses, and those focused without a visible indicator."""
    # Number every control a keyboard user must reach; a radio group is one stop.
    wanted = scope.evaluate(
        """s => {
            const controls = [...s.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')]
                .filter(e => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
            const names = {};
            for (const e of controls) {
                e.dataset.stop = e.type === 'radio' ? 'radio:' + e.name : String(Object.keys(names).length);
                names[e.dataset.stop] = (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent || e.tagName).trim().slice(0, 50);
            }
            s.tabIndex = -1;
            s.focus();
            return names;
        }"""
    )
    # Each focus inside the scope is logged with whether it shows an outline or a shadow.
    scope.evaluate(
        """s => {
            window.__focusLog = [];
            window.__focusLeft = false;
            document.addEventListener('focusin', ({ target: e }) => {
                if (e === s) return;
                if (!s.contains(e)) { window.__focusLeft = true; return; }
                const style = getComputedStyle(e);
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                window.__focusLog.push([e.dataset.stop || e.outerHTML.slice(0, 80), outline || style.boxShadow !== 'none']);
            });
        }"""
    )
    for _ in range(0, len(wanted) + 20, 10):
        for _ in range(10):
            page.keyboard.press("Tab")
        if page.evaluate("window.__focusLeft"):
            break
    reached = dict(page.evaluate("window.__focusLog"))
    missed = [f"not reached: {name}" for stop, name in wanted.items() if stop not in reached]
    return missed + [f"no visible focus: {wanted.get(stop, stop)}" for stop, visible in reached.items() if not visible]


def test_keyboard_reaches_every_control_with_visible_focus(tab: Any, base: str) -> None:
    problems = {}
    for path in (CALCULATOR, COMPOSER, EVENT_PLAN, AUDIT):
        tool = open_tool(tab, base, path)
        fill_for_keyboard(tab, path)
        # The audit's worksheet questions are the event plan's kinds of control.
        found = keyboard_problems(tab, tool.locator(".pb-audit") if path == AUDIT else tool)
        if found:
            problems[path] = found
    assert problems == {}


def test_no_sideways_scroll_at_320_px(tab: Any, base: str) -> None:
    tab.set_viewport_size({"width": 320, "height": 800})
    too_wide = {}
    for path in (CALCULATOR, COMPOSER, EVENT_PLAN, AUDIT):
        tool = open_tool(tab, base, path)
        fill_for_keyboard(tab, path)
        page_width = tab.evaluate("document.documentElement.scrollWidth")
        # Wide tables scroll inside their own region; nothing else may stick out.
        tool_right = tool.evaluate(
            """t => Math.max(0, ...[...t.querySelectorAll('*')].filter(e => !e.closest('.pb-table-wrap'))
                .map(e => e.getBoundingClientRect().right))"""
        )
        if page_width > 320 or tool_right > 320:
            too_wide[path] = f"page {page_width} px, tool reaches {tool_right:.0f} px"
    assert too_wide == {}


# The index pages' filter ------------------------------------------------------------------


def test_worksheet_index_filters_by_group_and_time_by_keyboard(tab: Any, base: str) -> None:
    tab.goto(base + "worksheets/")
    tab.wait_for_selector('[data-pb-mounted="filter"]')
    items = tab.locator("#pb-list-worksheet > li")
    total = items.count()
    files = (CONTENT / "worksheets").glob("*.yml")
    sheets = {p.stem: yaml.safe_load(p.read_text()) for p in files if "." not in p.stem}
    assert total == len(sheets)
    # By keyboard alone: from the time control, Tab to the group control, then arrow down to "in pairs"
    # (the options run: any group, alone, in pairs).
    tab.get_by_label(say("filter", "filter_time"), exact=True).focus()
    tab.keyboard.press("Tab")
    group = tab.get_by_label(say("filter", "filter_group"), exact=True)
    expect(group).to_be_focused()
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    expect(group).to_have_value("pairs")
    in_pairs = [i for i in sheets.values() if "pairs" in i["method"]["group"]]
    expect(tab.locator("#pb-list-worksheet > li:not([hidden])")).to_have_count(len(in_pairs))
    message = say("filter", "filter_count", shown=len(in_pairs), total=total)
    expect(tab.locator('[data-pb-mounted="filter"] [role="status"][aria-live="polite"]')).to_have_text(message)
    tab.get_by_label(say("filter", "filter_time"), exact=True).select_option("15")
    short = [s for s in in_pairs if s["method"]["minutes"] <= 15]
    expect(tab.locator("#pb-list-worksheet > li:not([hidden])")).to_have_count(len(short))
    visible = tab.locator("#pb-list-worksheet > li:not([hidden]) a").all_inner_texts()
    assert sorted(visible) == sorted(s["title"] for s in short)
    tab.get_by_role("button", name=say("filter", "filter_reset")).click()
    expect(tab.locator("#pb-list-worksheet > li:not([hidden])")).to_have_count(total)
    assert axe(tab) == []


def test_index_without_javascript_lists_every_entry_with_its_method(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "debates/")
        items = page.locator("#pb-list-debate > li")
        debates = [p for p in (CONTENT / "debates").glob("*.yml") if p.stem.count(".") == 0]
        assert items.count() == len(debates)
        assert all("15 min" in text for text in items.all_inner_texts())
        assert page.locator("select").count() == 0
    finally:
        context.close()
