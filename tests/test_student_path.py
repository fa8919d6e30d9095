"""The student's path on a phone: from a LinkedIn export to referral asks, messages and a follow-up plan.

One journey test drives the network audit as a student would, at 390×844, on a generated 500-row
export (preamble, byte-order mark, CRLF, quoted cells): import, triage by keyboard and by tap, the
two questions, filters, bulk marking of suggested recruiters, a target employer, the shortlist, the
message composed and checked in place, "I sent it", the plan and its .ics file (parsed with the
icalendar library), reload, a new site title and a rebuild, export, clear and import; axe in each
state. Focused tests cover what a journey would hide: old saved data with dates the parser does not
expect, a Latin-1 Spanish export, saved work under the first version's title-based keys, a saved list
long enough to be read back in steps, and the site's search answering the student's two questions.
The site is built once without the PDF handouts, and the tests share one browser context.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from conftest import REPO, make_project, serve
from site_search import result_links
from test_tools_browser import axe, flush_saves, live, say

from playbook.pipeline import Project, build_site
from playbook.report import Reporter

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

AUDIT = "worksheets/network-audit/"
PHONE = {"width": 390, "height": 844}
PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed it."\r\n\r\n'
)
FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Gustav", "Hana", "Iker", "Jun"]
LAST = ["Okafor", "Schmidt", "García", "Nguyen", "Rossi", "Dubois", "Kowalski", "Silva", "Tanaka", "Olsen"]
COMPANIES = ["Globex, Inc.", "Initech", "Northwind Traders", "Umbrella Health", 'Stark "&" Wayne, LLC']
POSITIONS = ["Data Analyst", "Engineer", "Director, Sales", "Nurse", "Technical Recruiter"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in '",\n') else text


def export_500() -> tuple[bytes, int]:
    """A 500-row Connections.csv as LinkedIn writes it, and how many positions read like a recruiter's."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    recruiters = 0
    for i in range(500):
        position = POSITIONS[i % 5] if i % 5 != 4 else ["Technical Recruiter", "Talent Partner", "Sourcer"][i % 3]
        recruiters += i % 5 == 4
        fields = [
            FIRST[i % 10],
            f"{LAST[(i * 3) % 10]}{i}",
            f"https://www.linkedin.com/in/person-{i}",
            "",
            COMPANIES[i % 5],
            position,
            f"{i % 28 + 1:02} {MONTHS[i % 12]} {2015 + i % 10}",
        ]
        lines.append(",".join(quoted(f) for f in fields))
    return ("\ufeff" + PREAMBLE + "\r\n".join(lines) + "\r\n").encode("utf-8"), recruiters


@pytest.fixture(scope="module")
def student_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """The repository's playbook in a project of its own, so that the journey can change its title and rebuild.

    Without the PDF handouts, which the path never opens: they are most of a build's time.
    """
    project = make_project(tmp_path_factory.mktemp("student") / "project", REPO / "content")
    build_site(project, Reporter(quiet=True), handouts=False)
    yield project, serve(project.site_dir)


@pytest.fixture(scope="module")
def phone_context(browser: Any) -> Iterator[Any]:
    """One phone-sized browser context for the file's tests; each test gets a new tab with the storage cleared."""
    context = browser.new_context(viewport=PHONE, accept_downloads=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def phone(phone_context: Any, student_site: tuple[Project, str]) -> Iterator[Any]:
    tab = phone_context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.goto(student_site[1])
    tab.evaluate("localStorage.clear()")
    yield tab
    tab.close()


def open_audit(page: Any, base: str) -> Any:
    page.goto(base + AUDIT)
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    return page.locator(".pb-audit")


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('.pb-audit *')].map(e => e.getBoundingClientRect().right))"
    )
    assert right <= PHONE["width"], f"the tool reaches {right:.0f} px"


def person(page: Any, text: str) -> Any:
    return page.locator(".pb-person").filter(has_text=text).first


def progress_text(page: Any) -> str:
    return str(page.locator(".pb-progress").inner_text())


def test_student_goes_from_export_to_asks_and_a_plan(
    phone: Any, student_site: tuple[Project, str], tmp_path: Path
) -> None:
    project, base = student_site
    page = phone
    export, recruiters = export_500()
    upload = tmp_path / "Connections.csv"
    upload.write_bytes(export)

    tool = open_audit(page, base)
    assert axe(page) == [], "before the import"
    page.get_by_label(say("worksheet", "audit_file_label")).set_input_files(str(upload))
    expect(tool.locator(".pb-import-summary")).to_contain_text(
        say("worksheet", "audit_imported_other", count=500, file="Connections.csv")
    )
    expect(tool.locator(".pb-progress")).to_have_text(say("worksheet", "progress", marked=0, total=500))
    assert tool.locator(".pb-person").count() == 25, "one page of people, not 500 rows"
    expect(tool.locator(".pb-bulk")).to_be_hidden()  # no "Mark all 500 shown" before any filter
    no_sideways_scroll(page)
    first = person(page, "Ana Okafor0")
    assert first.locator("a").get_attribute("href") == "https://www.linkedin.com/in/person-0"
    assert "Data Analyst · Globex, Inc. · 2015" in first.inner_text()
    assert first.locator("a").bounding_box()["x"] >= 0, "the name is on screen with its controls"
    assert axe(page) == [], "imported"

    # By keyboard: one key per person, and the next person comes up.
    first.focus()
    page.keyboard.press("1")
    expect(person(page, "Ben")).to_be_focused()
    page.keyboard.press("2")
    page.keyboard.press("3")
    expect(first.get_by_role("button", name=say("worksheet", "mark_short_well"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(tool.locator(".pb-progress")).to_have_text(say("worksheet", "progress", marked=3, total=500))
    # By tap.
    person(page, "Dmitri").get_by_role("button", name=say("worksheet", "mark_short_little")).tap()
    expect(tool.locator(".pb-progress")).to_have_text(say("worksheet", "progress", marked=4, total=500))
    # The two questions, for the people the student knows.
    first.get_by_role("group", name=say("worksheet", "question_me", name="Ana")).get_by_role(
        "button", name=say("worksheet", "answer_yes")
    ).tap()
    first.get_by_role("group", name=say("worksheet", "question_them", name="Ana")).get_by_role(
        "button", name=say("worksheet", "answer_yes")
    ).tap()

    # Filters (folded away on a phone: the first person comes first), and the suggested recruiters confirmed in bulk.
    expect(tool.get_by_label(say("worksheet", "filter_company"), exact=True)).to_be_hidden()
    tool.locator(".pb-filter-box > summary").tap()
    tool.get_by_label(say("worksheet", "filter_company"), exact=True).fill("initech")
    expect(tool.locator(".pb-step--triage > .pb-status")).to_have_text(
        say("worksheet", "shown_count", shown=25, total=100)
    )
    tool.get_by_label(say("worksheet", "filter_position"), exact=True).fill("engineer")
    expect(tool.locator(".pb-step--triage > .pb-status")).to_have_text(
        say("worksheet", "shown_count", shown=25, total=100)
    )
    tool.get_by_label(say("worksheet", "filter_company"), exact=True).fill("")
    tool.get_by_label(say("worksheet", "filter_position"), exact=True).fill("")
    tool.get_by_label(say("worksheet", "filter_year"), exact=True).select_option("2015")
    expect(tool.locator(".pb-step--triage > .pb-status")).to_have_text(
        say("worksheet", "shown_count", shown=25, total=50)
    )
    tool.get_by_label(say("worksheet", "filter_year"), exact=True).select_option("")
    expect(tool.locator(".pb-suggestion")).to_contain_text(say("worksheet", "suggested_count_other", count=recruiters))
    tool.get_by_role("button", name=say("worksheet", "suggested_show")).tap()
    expect(tool.locator(".pb-step--triage > .pb-status")).to_have_text(
        say("worksheet", "shown_count", shown=25, total=recruiters)
    )
    assert all(
        "Recruiter" in t or "Talent" in t or "Sourcer" in t
        for t in tool.locator(".pb-person__details").all_inner_texts()
    )
    tool.get_by_role("button", name=say("worksheet", "bulk_apply_other", count=recruiters)).tap()
    marked = 4 + recruiters
    expect(tool.locator(".pb-progress")).to_have_text(say("worksheet", "progress", marked=marked, total=500))
    expect(live(page)).to_contain_text(
        say("worksheet", "bulk_done_other", count=recruiters, mark=say("worksheet", "mark_recruiter"))
    )
    assert axe(page) == [], "triaged"

    # A target employer, joined on company with the connections.
    tool.get_by_label(say("worksheet", "target_employer"), exact=True).fill("globex")
    tool.get_by_label(say("worksheet", "target_role"), exact=True).fill("Junior Data Analyst")
    tool.get_by_label(say("worksheet", "target_motivation"), exact=True).select_option("5")
    tool.get_by_label(say("worksheet", "target_posting"), exact=True).select_option("3")
    page.get_by_role("button", name=say("worksheet", "target_add")).tap()
    lamp = tool.locator(".pb-lamp > li")
    expect(lamp).to_have_count(1)
    expect(lamp.first).to_contain_text(
        say("worksheet", "advocacy_yes_other", count=100, names="Ana Okafor0, Fatima Dubois5, Ana Okafor10", known=1)
    )

    # The shortlist: Ana, who could recommend the student, works at the target: a referral ask, with why.
    ask = tool.locator(".pb-group--ask .pb-proposal").first
    expect(ask).to_contain_text("Ana Okafor0")
    expect(ask).to_contain_text(say("worksheet", "step_referral"))
    expect(ask).to_contain_text(say("worksheet", "why_at_target", employer="globex", rank=1))
    expect(tool.locator(".pb-group--recruiters")).to_contain_text(
        say("worksheet", "group_recruiters_other", count=recruiters)
    )
    ask.get_by_role("button", name=say("worksheet", "write_message_to", name="Ana Okafor0")).tap()
    composer = ask.locator(".pb-compose")
    template = yaml_template("ask-for-an-introduction")
    labels = {p["name"]: p["label"] for p in template["placeholders"]}
    assert composer.get_by_label(labels["mutual_first_name"], exact=True).input_value() == "Ana"
    assert composer.get_by_label(labels["company"], exact=True).input_value() == "Globex, Inc."
    assert composer.get_by_label(labels["role"], exact=True).input_value() == "Junior Data Analyst"
    expect(composer.locator(".pb-message")).to_contain_text("Hi Ana,")
    # The checker runs on the composed message, with the template's situation, findings beside it.
    expect(composer.locator(".pb-compose__check .pb-checker-summary")).not_to_be_empty()
    composer.get_by_label(labels["your_name"], exact=True).fill("Sam Student")
    expect(composer.locator(".pb-message")).to_contain_text("Sam Student")
    no_sideways_scroll(page)
    assert axe(page) == [], "composing"

    # Sent on a Monday: 3 working days → Thursday, 7 → the Wednesday after.
    composer.get_by_label(say("worksheet", "compose_sent_on")).fill("2026-03-02")
    composer.get_by_role("button", name=say("worksheet", "compose_sent")).tap()
    plan = tool.locator(".pb-step--plan")
    expect(plan.locator(".pb-reminder")).to_have_count(2)
    assert plan.locator(".pb-reminder").evaluate_all("rs => rs.map(r => [r.dataset.kind, r.dataset.date])") == [
        ["second-contact", "2026-03-05"],
        ["follow-up", "2026-03-11"],
    ]
    expect(plan).to_contain_text(say("worksheet", "reminder_follow_up", name="Ana Okafor0"))
    with page.expect_download() as info:
        plan.get_by_role("button", name=say("worksheet", "calendar_download")).tap()
    raw = Path(info.value.path()).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert [e.decoded("DTSTART") for e in events] == [datetime.date(2026, 3, 5), datetime.date(2026, 3, 11)]
    assert [e.decoded("DTEND") for e in events] == [datetime.date(2026, 3, 6), datetime.date(2026, 3, 12)]
    assert all(e.decoded("DTSTART").weekday() < 5 for e in events), "reminders fall on working days"
    assert str(events[1]["SUMMARY"]) == say("worksheet", "reminder_follow_up", name="Ana Okafor0")
    assert len({str(e["UID"]) for e in events}) == 2 and all("DTSTAMP" in e for e in events)
    assert axe(page) == [], "planned"

    # Reload, then a new title for the site and a rebuild: the work stays.
    flush_saves(page)
    page.reload()
    page.wait_for_selector(".pb-person")
    assert progress_text(page) == say("worksheet", "progress", marked=marked, total=500)
    (project.content_dir / "local").mkdir(exist_ok=True)
    (project.content_dir / "local" / "branding.yml").write_text(
        'title: Riverside Networking Playbook\nprimary_color: "#8c1d40"\nlanguage: en\n', encoding="utf-8"
    )
    build_site(project, Reporter(quiet=True), handouts=False)
    page.reload()
    page.wait_for_selector(".pb-person")
    assert "Riverside Networking Playbook" in page.title()
    assert progress_text(page) == say("worksheet", "progress", marked=marked, total=500)
    expect(tool.locator(".pb-reminder")).to_have_count(2)

    # The reminder to export waits until unexported work is some days old; then export everything, clear, import it back.
    expect(tool.locator(".pb-export-reminder")).to_be_hidden()
    flush_saves(page)
    page.evaluate(
        """() => { const key = Object.keys(localStorage).find(k => k.endsWith(':backup:meta'));
        const meta = JSON.parse(localStorage.getItem(key));
        meta.pending = new Date(Date.now() - 4 * 864e5).toISOString();
        localStorage.setItem(key, JSON.stringify(meta)); }"""
    )
    page.reload()
    page.wait_for_selector(".pb-person")
    expect(tool.locator(".pb-export-reminder")).to_be_visible()
    assert axe(page) == [], "the reminder to export"
    with page.expect_download() as info:
        tool.locator(".pb-export-reminder").get_by_role("button", name=say("worksheet", "export_now")).tap()
    saved = tmp_path / "everything.json"
    info.value.save_as(saved)
    expect(tool.locator(".pb-export-reminder")).to_be_hidden()
    everything = json.loads(saved.read_text(encoding="utf-8"))
    assert everything["tool"] == "everything"
    assert "network:people" in everything["stores"]
    assert len(everything["stores"]["network:people"]["data"]["list"]["rows"]) == 500

    # A damaged file: a message next to the field, nothing changed, nothing locked.
    broken = tmp_path / "broken.json"
    damaged = json.loads(saved.read_text(encoding="utf-8"))
    damaged["stores"]["network:people"]["data"]["list"]["rows"] = "edited by hand"
    broken.write_text(json.dumps(damaged), encoding="utf-8")
    importer = tool.locator(".pb-everything").get_by_label(say("worksheet", "everything_import_label"))
    importer.set_input_files(str(broken))
    expect(tool.locator(".pb-everything .pb-error")).to_have_text(
        say("worksheet", "everything_bad", found="network:people")
    )
    assert importer.get_attribute("aria-invalid") == "true"
    assert progress_text(page) == say("worksheet", "progress", marked=marked, total=500)
    expect(tool.locator(".pb-notice:not([hidden])")).to_have_count(0)

    tool.locator(".pb-saved").get_by_role("button", name=say("worksheet", "clear_button")).tap()
    tool.get_by_role("button", name=say("worksheet", "clear_confirm")).tap()
    expect(tool.locator(".pb-step--triage")).to_be_hidden()
    with page.expect_navigation():
        importer.set_input_files(str(saved))
    page.wait_for_selector(".pb-person")
    expect(tool.locator(".pb-progress")).to_have_text(say("worksheet", "progress", marked=marked, total=500))
    expect(tool.locator(".pb-everything .pb-status")).to_contain_text("everything.json")
    expect(tool.locator(".pb-reminder")).to_have_count(2)
    assert axe(page) == [], "imported back"

    # The referral planner offers the people already kept, those you know first: nobody typed twice.
    page.goto(base + "worksheets/referral-request-planner/")
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    chosen = page.get_by_label("The mutual connection you will ask", exact=True)
    offered = page.evaluate("input => [...input.list.options].map(o => o.value)", chosen.element_handle())
    assert len(offered) == 500 and "Ana Okafor0" in offered[:5]
    first_cell = page.get_by_label(say("worksheet", "table_cell_label", column="Mutual connection", row=1))
    assert first_cell.evaluate("input => input.list && input.list.options.length") == 500
    assert page.errors == []


def yaml_template(template_id: str) -> Any:
    import yaml

    return yaml.safe_load((REPO / "content" / "templates" / f"{template_id}.yml").read_text(encoding="utf-8"))


def test_old_saved_dates_do_not_lock_the_audit(phone: Any, student_site: tuple[Project, str]) -> None:
    """Saved rows whose dates the parser does not expect (an edited export, old storage) open, and Clear is reachable."""
    _, base = student_site
    page = phone
    fields = ["first_name", "last_name", "url", "email", "company", "position", "connected_on"]
    rows = [
        ["Ada", "Lovelace", "https://www.linkedin.com/in/ada", "", "Engines", "Engineer", "12 Mar 2024"],
        ["Grace", "Hopper", "https://www.linkedin.com/in/grace", "", "Navy", "Admiral", "sometime in spring"],
    ]
    old = {
        "pb:the-networking-playbook:connections:network-audit": {
            "file": "Connections.csv",
            "imported": "",
            "fields": fields,
            "rows": rows,
        },
        "pb:the-networking-playbook:worksheet:network-audit": {
            "answers": {},
            "marks": {"in/grace": "unknown"},
            "shared": {},
        },
    }
    page.goto(base)
    page.evaluate(
        "old => { localStorage.clear(); for (const [k, data] of Object.entries(old)) localStorage.setItem(k, JSON.stringify({schema: 1, saved: '', data})); }",
        old,
    )
    tool = open_audit(page, base)
    expect(tool.locator(".pb-person")).to_have_count(2)
    assert "2024" in person(page, "Ada").inner_text()
    expect(person(page, "Grace").get_by_role("button", name=say("worksheet", "mark_short_unknown"))).to_have_attribute(
        "aria-pressed", "true"
    )
    clear = tool.locator(".pb-saved").get_by_role("button", name=say("worksheet", "clear_button"))
    clear.tap()
    tool.get_by_role("button", name=say("worksheet", "clear_confirm")).tap()
    expect(tool.locator(".pb-step--triage")).to_be_hidden()
    assert page.errors == []


def test_latin1_spanish_export_is_read_and_says_so(
    phone: Any, student_site: tuple[Project, str], tmp_path: Path
) -> None:
    _, base = student_site
    page = phone
    text = (
        "Nombre,Apellidos,URL,Dirección de correo electrónico,Empresa,Cargo,Conectado el\r\n"
        "José,Muñoz,https://www.linkedin.com/in/jose,,Telefónica,Reclutadora de TI,12 de marzo de 2024\r\n"
        'Begoña,Ibáñez,https://www.linkedin.com/in/bego,,"Iberdrola, S.A.",Ingeniera,03 abr 2023\r\n'
    )
    upload = tmp_path / "Connections.csv"
    upload.write_bytes(text.encode("latin-1"))
    tool = open_audit(page, base)
    field = page.get_by_label(say("worksheet", "audit_file_label"))
    field.set_input_files(str(upload))
    expect(tool.locator(".pb-person")).to_have_count(2)
    assert person(page, "José Muñoz").is_visible() and "2024" in person(page, "José").inner_text()
    note = say("worksheet", "encoding_latin")
    described = field.evaluate(
        "f => f.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent)"
    )
    assert note in described, "the notice sits next to the file field"
    expect(tool.locator(".pb-suggestion")).to_contain_text(say("worksheet", "suggested_count_one", count=1))
    utf8 = tmp_path / "utf8" / "Connections.csv"
    utf8.parent.mkdir()
    utf8.write_bytes(text.encode("utf-8"))
    field.set_input_files(str(utf8))
    expect(tool.locator(".pb-import-summary")).to_contain_text(
        say("worksheet", "audit_imported_other", count=2, file="Connections.csv")
    )
    # The second import reads in a worker: wait until the notice is gone (it fails if it never goes).
    page.wait_for_function(
        "([f, note]) => !f.getAttribute('aria-describedby').split(' ')"
        ".some(id => (document.getElementById(id) || {}).textContent === note)",
        arg=[field.element_handle(), note],
    )


def test_saved_work_under_the_old_title_key_moves_to_the_stable_key(
    phone: Any, student_site: tuple[Project, str]
) -> None:
    _, base = student_site
    page = phone
    page.goto(base)
    page.evaluate(
        """() => { localStorage.clear();
        localStorage.setItem('pb:the-networking-playbook:calculator:calculator', JSON.stringify({schema: 1, saved: '',
          data: {draft: {name: 'Kim', scores: {}}, people: [{name: 'Lee Park', scores: {for_me: 2, for_you: 3, trust: 4}, saved: ''}]}})); }"""
    )
    page.goto(base + "tools/calculator/")
    page.wait_for_selector('[data-pb-mounted="calculator"]')
    expect(page.locator(".pb-people tbody th")).to_have_text(["Lee Park"])
    assert page.get_by_label(say("calculator", "name_label")).input_value() == "Kim"
    keys = page.evaluate("Object.keys(localStorage).sort()")
    site = page.evaluate(
        "JSON.parse(document.querySelector('template[id^=\"pb-config-\"]').content.textContent).site.id"
    )
    assert keys == [f"playbook:{site}:calculator:calculator", f"playbook:{site}:network:people"]


def test_a_long_saved_list_opens_in_steps_with_its_marks_and_counts(
    phone: Any, student_site: tuple[Project, str]
) -> None:
    """Over 500 saved people are read back a step per task (ui/network.js): the page ends up as if read at once."""
    _, base = student_site
    page = phone
    rows = [
        [
            f"Pat{i}",
            f"Lee{i}",
            f"https://www.linkedin.com/in/pat-{i}",
            "",
            COMPANIES[i % 5],
            POSITIONS[i % 5],
            "2024-03-12",
        ]
        for i in range(1234)
    ]
    fields = ["first_name", "last_name", "url", "email", "company", "position", "connected_on"]
    people = {"in/pat-0": {"mark": "well"}, "in/pat-1233": {"mark": "unknown"}}
    network = {
        "list": {"file": "Connections.csv", "imported": "", "fields": fields, "rows": rows},
        "added": [],
        "people": people,
        "targets": [],
        "sent": [],
        "shared": {},
        "changed": "",
        "exported": "",
    }
    open_audit(page, base)
    site = page.evaluate(
        "JSON.parse(document.querySelector('template[id^=\"pb-config-\"]').content.textContent).site.id"
    )
    page.evaluate(
        "([key, data]) => localStorage.setItem(key, JSON.stringify({schema: 1, saved: '', data}))",
        [f"playbook:{site}:network:people", network],
    )
    tool = open_audit(page, base)
    expect(tool.locator(".pb-progress")).to_have_text(say("worksheet", "progress", marked=2, total="1,234"))
    expect(tool.locator(".pb-step--triage > .pb-status")).to_have_text(
        say("worksheet", "shown_count", shown=25, total="1,234")
    )
    assert tool.locator(".pb-person").count() == 25
    expect(person(page, "Pat0 Lee0").get_by_role("button", name=say("worksheet", "mark_short_well"))).to_have_attribute(
        "aria-pressed", "true"
    )
    # Every fifth position reads like a recruiter's, none of them marked yet: all suggested.
    suggested = sum(1 for i in range(1234) if "Recruiter" in POSITIONS[i % 5])
    expect(tool.locator(".pb-suggestion")).to_contain_text(say("worksheet", "suggested_count_other", count=suggested))
    tool.locator(".pb-filter-box > summary").tap()
    tool.get_by_label(say("worksheet", "filter_name"), exact=True).fill("lee1233")
    expect(tool.locator(".pb-person")).to_have_count(1)
    expect(
        person(page, "Pat1233").get_by_role("button", name=say("worksheet", "mark_short_unknown"))
    ).to_have_attribute("aria-pressed", "true")
    assert page.errors == []


def search_results(page: Any, query: str) -> list[str]:
    """Search as a student types it; the addresses of the results, in order, without the page's base."""
    return [re.sub(r"^(\./|https?://[^/]+/)|[?#].*$", "", href) for href in result_links(page, query)]


def test_search_answers_the_students_questions_with_the_tool_and_the_template(
    phone: Any, student_site: tuple[Project, str]
) -> None:
    """The student's path is boosted in search (pages.STUDENT_PATH_SEARCH_BOOST); how to follow up is a template."""
    _, base = student_site
    page = phone
    page.goto(base)
    assert search_results(page, "who should I ask for a referral")[0] == "worksheets/network-audit/"
    expect(
        page.locator(".md-search-result__item").first.locator(".md-search-result__article > p").first
    ).not_to_be_empty()
    page.goto(base)
    assert search_results(page, "how do I follow up")[0] == "message-templates/follow-up-after-no-reply/"


EDITS = {
    "title": "title: The Riverside Networking Playbook\n",
    "colours": 'primary_color: "#FFC627"\naccent_color: "#8a6a00"\nlink_color: "#6b5200"\n',
    "language": "language: es\n",
    "url": "url: https://careers.example.edu/playbook/\n",
    "languages": "languages: [en, es]\n",
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_editors_change_keeps_the_key_saved_work_is_under(project: Project, edit: str) -> None:
    """Title, colours, language and address change what the tools show, never where students' work is kept."""
    from playbook.pipeline import check
    from playbook.site.pages import Shaper
    from playbook.site.staged_config import site_id

    def site_data(language: str | None = None) -> dict[str, Any]:
        checked = check(project, Reporter(quiet=True), language)
        return Shaper(checked.playbook, checked.strings, site_id=site_id(checked.playbook)).site_data()

    before = site_data()
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text(EDITS[edit], encoding="utf-8")
    editions = ["en", "es"] if edit == "languages" else [None]
    for language in editions:
        after = site_data(language)
        assert after["id"] == before["id"] == "networking-playbook"
        if edit == "title":
            # The first version's keys were named after the title; those of the old title still move on,
            # as the only old keys in a browser (lib/storage.js moveLegacyKeys, tested in tests/js/).
            assert after["title"] != before["title"] and after["legacy"] == ["the-riverside-networking-playbook"]
        else:
            assert after["legacy"] == before["legacy"]
