"""Drive the browser tools in Debian's Chromium and report what a user would notice.

Builds a small MkDocs + Material site (instant navigation on) around the tools with the
sample data of tests/js/fixtures/tool-data.json and the strings of generators/strings/en/tools.yml,
then checks: axe-core (WCAG 2.1 A/AA) in each tool's empty, filled and error states; bad input;
imported markup shown as text; saved work across reloads and instant navigation; damaged,
too-new and full storage; export and import; the print layout; 320 px width; keyboard reach;
no request leaving the page. Last, the 30,000-row Connections.csv benchmark, with figures.

    .venv/bin/python tests/js/browser/run_checks.py [--keep DIR] [--only NAME ...] [--no-bench]

Exit status 1 when a check fails. This is a developer's check and a benchmark; the site's own
end-to-end tests (pytest + Playwright) run against the generated pages.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "overrides" / "assets" / "playbook"
FIXTURES = ROOT / "tests" / "js" / "fixtures"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


# The site ------------------------------------------------------------------------------


def json_for_script(data: Any) -> str:
    """The generator's escaping of JSON inside a script tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mount_point(tool: str, config_id: str, data: dict[str, Any]) -> str:
    return (
        f'<div class="pb-tool" data-pb-tool="{tool}" data-pb-config="{config_id}">'
        f'<p class="pb-noscript">{html.escape("This tool needs JavaScript.")}</p></div>\n'
        f'<script type="application/json" id="{config_id}">{json_for_script(data)}</script>'
    )


def build_site(out: Path) -> Path:
    data = json.loads((FIXTURES / "tool-data.json").read_text())
    groups = yaml.safe_load((ROOT / "generators" / "strings" / "en" / "tools.yml").read_text())
    strings = {tool: {**groups["common"], **groups[tool]} for tool in ("calculator", "composer", "worksheet")}
    site = data["site"]
    docs = out / "docs"
    shutil.copytree(ASSETS, docs / "assets" / "playbook")
    nav_links = (
        "[Calculator](../../tools/calculator/) · [Composer](../../tools/composer/) · "
        "[Network audit](../../worksheets/network-audit/) · [Event plan](../../worksheets/event-plan/)"
    )
    pages = {
        "index.md": "# Harness\n\n" + nav_links.replace("../../", "") + "\n",
        "tools/calculator.md": "# Calculator\n\n" + nav_links
        + " · [Compose an introduction request](../../tools/composer/#template=ask-for-an-introduction)\n\n" + mount_point(
            "calculator", "pb-config-calculator",
            {"site": site, "formula": data["formula"], "principles": data["principles"], "strings": strings["calculator"]},
        ) + "\n",
        "tools/composer.md": "# Composer\n\n" + nav_links + "\n\n" + mount_point(
            "composer", "pb-config-composer",
            {"site": site, "templates": data["templates"], "strings": strings["composer"]},
        ) + "\n",
    }
    for sheet in data["worksheets"]:
        reconnect = data["templates"][0] if sheet["tool"] == "connections-audit" else None
        outline = "\n".join(f"- {field['label']}" for section in sheet["sections"] for field in section["fields"])
        pages[f"worksheets/{sheet['id']}.md"] = (
            f"# {sheet['title']}\n\n{nav_links}\n\n## Purpose\n\n{sheet['purpose']}\n\n"
            + mount_point("worksheet", f"pb-config-{sheet['id']}",
                          {"site": site, "worksheet": sheet, "reconnect_template": reconnect, "strings": strings["worksheet"]})
            + f'\n\n<div class="pb-outline" markdown>\n\n## Fields\n\n{outline}\n\n</div>\n'
        )
    # The generator's brand colors (playbook/site_config.py) with the Site model's defaults.
    pages["assets/brand.css"] = (
        ':root, [data-md-color-scheme="default"] {\n  --md-primary-fg-color: #1f4e79;\n'
        "  --md-primary-fg-color--dark: #1f4e79;\n  --md-accent-fg-color: #b3541e;\n  --md-typeset-a-color: #b3541e;\n}\n"
    )
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    (out / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Harness",
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"],
                  "palette": {"scheme": "default"}},
        "extra_css": ["assets/brand.css", "assets/playbook/playbook.css"],
        "extra_javascript": [{"path": "assets/playbook/main.js", "type": "module"}],
        "markdown_extensions": ["md_in_html", "attr_list"],
        "plugins": [],
        "nav": [{"Home": "index.md"}, {"Calculator": "tools/calculator.md"}, {"Composer": "tools/composer.md"},
                {"Network audit": "worksheets/network-audit.md"}, {"Event plan": "worksheets/event-plan.md"}],
    }))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out / "site"


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


# Checking ------------------------------------------------------------------------------


class Report:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.lines: list[str] = []

    def check(self, ok: bool, what: str, detail: str = "") -> None:
        self.lines.append(f"{'ok  ' if ok else 'FAIL'} {what}{f' — {detail}' if detail and not ok else ''}")
        if not ok:
            self.failures.append(f"{what}: {detail}")

    def note(self, text: str) -> None:
        self.lines.append(f"     {text}")


class Checker:
    def __init__(self, page: Page, base: str, report: Report, downloads: Path) -> None:
        self.page = page
        self.base = base
        self.report = report
        self.downloads = downloads
        self.axe = Axe()
        self.external: list[str] = []
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str, tool: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_selector(f'[data-pb-mounted="{tool}"]')

    def axe_check(self, what: str) -> None:
        results = self.axe.run(self.page, context=".pb-tool", options=AXE_OPTIONS)
        self.report.check(results.violations_count == 0, f"axe, {what}", results.generate_snapshot())

    def text(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text()

    def no_nan(self, what: str) -> None:
        content = self.page.locator(".pb-tool").first.inner_text()
        self.report.check("NaN" not in content and "undefined" not in content, f"{what}: no NaN or undefined shown")

    def download(self, click: Callable[[], None]) -> Path:
        with self.page.expect_download() as info:
            click()
        target = self.downloads / info.value.suggested_filename
        info.value.save_as(target)
        return target

    def keyboard_reach(self, what: str) -> None:
        """Tab from the top of the tool: every enabled, visible control gets focus, with a visible outline."""
        page = self.page
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.locator(".pb-tool").first.evaluate("el => { el.tabIndex = -1; el.focus(); }")
        wanted = page.evaluate("""() => [...document.querySelector('.pb-tool').querySelectorAll(
            'a[href], button, input, select, textarea, [tabindex="0"]')]
            .filter(e => !e.disabled && e.offsetParent !== null && e.type !== 'radio')
            .map((e, i) => { e.dataset.kb = i; return (e.textContent || e.id || e.tagName).trim().slice(0, 40); })""")
        reached = set()
        outlines = set()
        for _ in range(400):
            page.keyboard.press("Tab")
            info = page.evaluate("""() => { const e = document.activeElement;
                if (!e || !e.closest('.pb-tool')) return null;
                const s = getComputedStyle(e);
                return [e.dataset.kb || '', s.outlineStyle + ' ' + s.outlineWidth]; }""")
            if info is None:
                break
            reached.add(info[0])
            outlines.add(info[1])
        missed = [label for i, label in enumerate(wanted) if str(i) not in reached]
        self.report.check(not missed, f"keyboard: Tab reaches every control of the {what}", f"not reached: {missed}")
        self.report.check(all(not o.startswith("none") for o in outlines), f"keyboard: focus outline visible in the {what}",
                          ", ".join(sorted(outlines)))
        page.locator(".pb-tool").first.evaluate("el => el.removeAttribute('tabindex')")

    def narrow(self, path: str, tool: str) -> None:
        page = self.page
        size = page.viewport_size
        page.set_viewport_size({"width": 320, "height": 720})
        self.open(path, tool)
        width = page.evaluate("document.documentElement.scrollWidth")
        self.report.check(width <= 320, f"320 px: {path} does not scroll sideways", f"page is {width} px wide")
        page.screenshot(path=str(self.downloads / f"narrow-{tool}-{path.strip('/').replace('/', '-')}.png"), full_page=True)
        page.set_viewport_size(size)


def check_calculator(c: Checker) -> None:
    page, r = c.page, c.report
    page.evaluate("localStorage.clear()")
    c.open("tools/calculator/", "calculator")
    c.axe_check("calculator, empty")
    first = page.get_by_label("What's in it for me", exact=True)
    for bad in ["abc", "-1", "2.5", "99", " "]:
        first.fill(bad)
        error = page.locator(f"#{first.get_attribute('aria-describedby').split()[-1]}").inner_text()
        r.check(bool(error) and first.get_attribute("aria-invalid") == "true", f"calculator: {bad!r} gets a message next to the field", error)
    c.no_nan("calculator with bad input")
    c.axe_check("calculator, error")
    first.fill(" 3 ")
    page.get_by_label("What's in it for you", exact=True).fill("4")
    page.get_by_label("Trust through knowing you", exact=True).fill("2")
    result = c.text(".pb-result")
    r.check("14 out of 50" in result and "A relationship in the making" in result, "calculator: result and reading", result)
    r.check("Weakest part: Trust through knowing you" in result and "Fortify your network" in result,
            "calculator: weakest component and its principles", result)
    r.check(first.get_attribute("aria-invalid") is None, "calculator: a corrected field is no longer invalid")
    c.axe_check("calculator, filled")
    page.get_by_label("Who are you scoring?").fill("<img src=x onerror=alert(1)>")
    page.get_by_role("button", name="Save to my list").click()
    page.get_by_label("Who are you scoring?").fill("Sam")
    page.get_by_label("Trust through knowing you", exact=True).fill("5")
    page.get_by_role("button", name="Save to my list").click()
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_selector('[data-pb-mounted="calculator"]')
    rows = page.locator(".pb-people tbody th").all_inner_texts()
    r.check(rows == ["Sam", "<img src=x onerror=alert(1)>"], "calculator: people kept after reload, strongest first, names as text", str(rows))
    r.check(page.locator(".pb-tool img").count() == 0 and not c.dialogs, "calculator: a name with markup runs nothing")
    r.check(page.get_by_label("Trust through knowing you", exact=True).input_value() == "5", "calculator: the form is kept after reload")
    c.axe_check("calculator, with people")
    page.screenshot(path=str(c.downloads / "calculator-filled.png"), full_page=True)
    c.keyboard_reach("calculator")
    page.get_by_role("button", name="Save to my list").click()
    c.no_nan("calculator after saving")


def check_composer(c: Checker) -> None:
    page, r = c.page, c.report
    page.evaluate("localStorage.clear()")
    c.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    c.open("tools/composer/#template=ask-for-an-introduction", "composer")
    r.check(page.get_by_label("Message template").input_value() == "ask-for-an-introduction", "composer: #template= picks the template")
    r.check(page.locator(".pb-message mark.pb-unfilled").count() == 6, "composer: every blank is marked while empty")
    c.axe_check("composer, empty")
    page.get_by_role("button", name="Fill in the examples").click()
    page.get_by_label("The company").fill("")
    status = c.text(".pb-preview .pb-status")
    r.check(status.startswith("1 blank to fill in: The company"), "composer: unfilled blanks listed", status)
    marks = page.locator(".pb-preview mark.pb-unfilled").all_inner_texts()
    r.check(len(marks) == 2 and all(m.startswith("[The company]") for m in marks), "composer: unfilled blank shown as [label], marked", str(marks))
    page.get_by_label("First name of your mutual connection").fill("<b>Rae</b>")
    page.get_by_role("button", name="Copy the message").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    r.check(copied.startswith("Hi <b>Rae</b>,\n\nI'm applying for the Senior Data Analyst role at [The company]"),
            "composer: the message is copied, blanks in brackets", copied[:80])
    r.check("Copied to the clipboard. 1 blank is still not filled in." in c.text(".pb-preview"), "composer: copy result shown")
    c.axe_check("composer, filled")
    page.screenshot(path=str(c.downloads / "composer-filled.png"), full_page=True)
    page.reload()
    page.wait_for_selector('[data-pb-mounted="composer"]')
    r.check(page.get_by_label("First name of your mutual connection").input_value() == "<b>Rae</b>", "composer: values kept after reload")
    c.keyboard_reach("composer")


def check_event_plan(c: Checker) -> None:
    page, r = c.page, c.report
    page.evaluate("localStorage.clear()")
    c.open("worksheets/event-plan/", "worksheet")
    r.check(not page.locator(".pb-outline").is_visible(), "worksheet: the static outline is hidden once the form runs")
    c.axe_check("worksheet, empty")
    page.emulate_media(media="print")
    page.screenshot(path=str(c.downloads / "print-event-plan-empty.png"), full_page=True)
    blank = page.locator(".pb-print-answer--long").first.bounding_box()
    r.check(blank is not None and blank["height"] > 40, "print: an empty long answer prints as lines to write on", str(blank))
    page.emulate_media(media="screen")
    page.get_by_label("Which event?").fill("Logistics summit, 12 March")
    page.get_by_label("What is your point in going?").fill("Meet two buyers.\nLearn about route pooling.")
    page.get_by_role("radio", name="4").check()
    page.get_by_role("radio", name="Phone call").check()
    page.get_by_label("Name, row 1").fill("Omar")
    page.get_by_role("button", name="Add a row").click()
    page.get_by_label("Name, row 5").fill("Priya")
    c.axe_check("worksheet, filled")
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    kept = (page.get_by_label("Which event?").input_value() == "Logistics summit, 12 March"
            and page.get_by_role("radio", name="4").is_checked()
            and page.get_by_label("Name, row 5").input_value() == "Priya")
    r.check(kept, "worksheet: answers, choices and added rows kept after reload")
    page.emulate_media(media="print")
    page.screenshot(path=str(c.downloads / "print-event-plan-filled.png"), full_page=True)
    visible = page.evaluate("""() => ({
        header: !!document.querySelector('.md-header') && getComputedStyle(document.querySelector('.md-header')).display !== 'none',
        inputs: [...document.querySelectorAll('.pb-worksheet input[type=text], .pb-worksheet textarea')].some(e => getComputedStyle(e).display !== 'none'),
        buttons: [...document.querySelectorAll('.pb-tool button')].some(e => e.offsetParent !== null),
        answer: [...document.querySelectorAll('.pb-print-answer')].map(e => e.innerText).find(t => t.includes('route pooling')) || '',
    })""")
    r.check(not visible["header"] and not visible["inputs"] and not visible["buttons"] and "Meet two buyers" in visible["answer"],
            "print: no header, no buttons, answers printed as text", json.dumps(visible))
    pdf = c.downloads / "event-plan.pdf"
    page.pdf(path=str(pdf), format="A4")
    r.note(f"print preview: {pdf.name} and print-event-plan-*.png in {c.downloads}")
    page.emulate_media(media="screen")
    c.keyboard_reach("worksheet")


def check_audit(c: Checker) -> None:
    page, r = c.page, c.report
    c.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("localStorage.clear()")
    c.open("worksheets/network-audit/", "worksheet")
    c.axe_check("network audit, empty")
    upload = page.get_by_label("Your Connections.csv file")
    not_csv = c.downloads / "notes.txt"
    not_csv.write_text("Just some notes\nnothing, to see\n")
    upload.set_input_files(str(not_csv))
    error = page.locator(f"#{upload.get_attribute('aria-describedby').split()[-1]}")
    error.wait_for()
    r.check("does not look like LinkedIn's Connections.csv" in error.inner_text(), "audit: a file that is not an export gets a message next to the input")
    c.axe_check("network audit, bad file")
    upload.set_input_files(str(FIXTURES / "Connections.csv"))
    page.wait_for_selector(".pb-summary p")
    summary = c.text(".pb-summary")
    r.check("Imported 8 connections from Connections.csv." in summary, "audit: import summary shown", summary)
    page.wait_for_timeout(200)
    live = page.locator(".pb-tool [role=status]").first.inner_text()
    r.check("Imported 8 connections" in live, "audit: import summary announced in the live region", live)
    r.check(error.inner_text() == "" and upload.get_attribute("aria-invalid") is None, "audit: the error clears after a good file")
    names = page.locator(".pb-connections tbody th").all_inner_texts()
    r.check("<img src=x onerror=alert(1)> Tester" in names and page.locator(".pb-tool img").count() == 0 and not c.dialogs,
            "audit: a connection named <img src=x onerror=alert(1)> shows as text and runs nothing", str(names))
    r.check("(no name in the file)" in names, "audit: a row without a name is listed")
    page.get_by_label("How well do you know Grace Hopper?").select_option("unknown")
    page.get_by_label("How well do you know Rita Recruiter?").select_option("recruiter")
    page.get_by_label("How well do you know <img src=x onerror=alert(1)> Tester?").select_option("unknown")
    page.get_by_label("Your full name").fill("Lena Novak")
    page.wait_for_timeout(300)
    fortify = c.text(".pb-fortify")
    r.check("Hi Grace," in fortify and "Hi <img src=x onerror=alert(1)>," in fortify and "Lena Novak" in fortify,
            "audit: fortify list with the reconnection message prefilled per person", fortify[:200])
    r.check("since March 2024" in fortify, "audit: the connection date fills 'when connected'", fortify[:300])
    page.screenshot(path=str(c.downloads / "audit-filled.png"), full_page=True)
    page.get_by_label("Search by name, company or position").fill("navy")
    page.wait_for_timeout(400)
    r.check(page.locator(".pb-connections tbody tr").count() == 1, "audit: search filters the list")
    page.get_by_label("Show").select_option("none")
    r.check(page.locator(".pb-connections tbody tr").count() == 0, "audit: search and mark filter combine")
    page.get_by_label("Search by name, company or position").fill("")
    page.wait_for_timeout(400)
    r.check(page.locator(".pb-connections tbody tr").count() == 5, "audit: 'not marked yet' filter")
    c.axe_check("network audit, filled")
    csv_file = c.download(lambda: page.get_by_role("button", name="Download the audit as a CSV file").click())
    content = csv_file.read_text(encoding="utf-8-sig")
    r.check("'=HYPERLINK" in content and "I don't really know them" in content, "audit: CSV export with marks and formulas neutralized")
    page.get_by_role("button", name="Copy the message to Grace Hopper").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    r.check(copied.startswith("Hi Grace,\n\nWe've been connected since March 2024"), "audit: copy one person's message", copied[:60])
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    r.check("Don't really know: 2." in c.text(".pb-counts"), "audit: list and marks kept after reload", c.text(".pb-counts"))
    c.keyboard_reach("network audit")


def check_storage(c: Checker) -> None:
    page, r = c.page, c.report
    key = "pb:harness:calculator:calculator"
    for raw, what in [("{not json", "damaged"), (json.dumps({"schema": 99, "saved": "", "data": {}}), "too new")]:
        page.evaluate("localStorage.clear()")
        c.open("tools/calculator/", "calculator")
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, raw])
        page.reload()
        page.wait_for_selector('[data-pb-mounted="calculator"]')
        notice = c.text(".pb-notice")
        r.check("Start over" in notice and "Download the saved data" in notice, f"storage: {what} data gets a notice", notice)
        c.axe_check(f"calculator, {what} saved data")
        page.get_by_label("What's in it for me", exact=True).fill("2")
        page.wait_for_timeout(600)
        r.check(page.evaluate("k => localStorage.getItem(k)", key) == raw, f"storage: {what} data is not overwritten")
        saved = c.download(lambda: page.get_by_role("button", name="Download the saved data").click())
        r.check(saved.read_text() == raw, f"storage: {what} data downloads byte for byte")
        page.get_by_role("button", name="Start over").click()
        stored = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
        r.check(stored["schema"] == 1 and stored["data"]["draft"]["scores"]["for_me"] == "2", f"storage: start over saves again ({what})")

    page.evaluate("localStorage.clear()")
    c.open("tools/calculator/", "calculator")
    page.evaluate("""() => { const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
        window.__restoreSetItem = () => { Storage.prototype.setItem = set; }; }""")
    page.get_by_label("What's in it for me", exact=True).fill("1")
    page.wait_for_timeout(600)
    r.check("storage for this site is full" in c.text(".pb-notice"), "storage: a full storage is reported next to the tool")
    page.evaluate("window.__restoreSetItem()")

    # Export, clear with confirmation, import back; a wrong file gets a message.
    page.evaluate("localStorage.clear()")
    c.open("tools/calculator/", "calculator")
    page.get_by_label("Who are you scoring?").fill("Ann")
    for label, value in [("What's in it for me", "1"), ("What's in it for you", "2"), ("Trust through knowing you", "3")]:
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save to my list").click()
    exported = c.download(lambda: page.get_by_role("button", name="Export to a file").click())
    page.get_by_role("button", name="Clear all").click()
    r.check(page.evaluate("document.activeElement.textContent") == "Cancel", "clear all: asks first, focus on Cancel")
    page.get_by_role("button", name="Yes, clear everything").click()
    r.check(page.locator(".pb-people tbody tr").count() == 0 and page.evaluate(f"localStorage.getItem('{key}')") is None,
            "clear all: everything removed")
    page.get_by_label("Import from a file").set_input_files(str(exported))
    page.wait_for_selector(".pb-people tbody tr")
    r.check(page.locator(".pb-people tbody th").all_inner_texts() == ["Ann"], "import: an export restores the list")
    wrong = c.downloads / "wrong.json"
    wrong.write_text(json.dumps({"format": "networking-playbook", "tool": "composer", "instance": "composer", "schema": 1, "data": {}}))
    page.get_by_label("Import from a file").set_input_files(str(wrong))
    page.wait_for_timeout(300)
    r.check("another tool or worksheet" in c.text(".pb-saved"), "import: a file of another tool gets a clear message", c.text(".pb-saved"))
    c.axe_check("calculator, import error")


def check_navigation(c: Checker) -> None:
    page, r = c.page, c.report
    page.evaluate("localStorage.clear()")
    page.add_init_script("""(() => { window.__pbListeners = 0;
        const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
        EventTarget.prototype.addEventListener = function (type, fn, o) { if (this === window && type === 'pagehide') window.__pbListeners++; return add.call(this, type, fn, o); };
        EventTarget.prototype.removeEventListener = function (type, fn, o) { if (this === window && type === 'pagehide') window.__pbListeners--; return remove.call(this, type, fn, o); };
    })()""")
    c.open("tools/calculator/", "calculator")
    page.get_by_label("What's in it for me", exact=True).fill("4")
    for _ in range(3):
        page.locator("article a", has_text="Composer").first.click()
        page.wait_for_selector('[data-pb-mounted="composer"]')
        page.locator("article a", has_text="Calculator").first.click()
        page.wait_for_selector('[data-pb-mounted="calculator"]')
    reloaded = page.evaluate("performance.getEntriesByType('navigation').length")
    value = page.get_by_label("What's in it for me", exact=True).input_value()
    listeners = page.evaluate("window.__pbListeners")
    r.check(value == "4", "instant navigation: the tool remounts with its saved state", value)
    r.check(listeners == 1, "instant navigation: old tools' window listeners are removed", f"{listeners} pagehide listeners")
    r.check(page.evaluate("!!window.document$") and reloaded == 1, "instant navigation: pages changed without a reload")
    page.locator("article a", has_text="Compose an introduction request").click()
    page.wait_for_selector('[data-pb-mounted="composer"]')
    chosen = page.get_by_label("Message template").input_value()
    r.check(chosen == "ask-for-an-introduction", "instant navigation: a link to the composer with #template= picks it", chosen)


def check_narrow(c: Checker) -> None:
    for path, tool in [("tools/calculator/", "calculator"), ("tools/composer/", "composer"),
                       ("worksheets/network-audit/", "worksheet"), ("worksheets/event-plan/", "worksheet")]:
        c.narrow(path, tool)


def benchmark(c: Checker, rows: int = 30000) -> None:
    page, r = c.page, c.report
    csv_path = c.downloads / f"Connections-{rows}.csv"
    helper = (ROOT / "tests" / "js" / "helpers" / "connections.js").as_uri()
    subprocess.run(["node", "--input-type=module", "-e",
                    f"import {{ makeConnectionsCSV }} from '{helper}'; import {{ writeFileSync }} from 'node:fs';"
                    f"writeFileSync(process.argv[1], makeConnectionsCSV({rows}));", str(csv_path)], check=True)
    page.evaluate("localStorage.clear()")
    c.open("worksheets/network-audit/", "worksheet")
    page.evaluate("""() => { window.__long = [];
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__long.push(e.duration); })
            .observe({ type: 'longtask' }); }""")

    def timed(action: Callable[[], None], until: str) -> tuple[float, float]:
        """Milliseconds from the action to the condition, and the longest task meanwhile."""
        page.evaluate("() => { window.__long = []; window.__t0 = performance.now(); }")
        action()
        page.wait_for_function(until, timeout=60000)
        return page.evaluate("() => [performance.now() - window.__t0, Math.max(0, ...window.__long)]")

    def median_of(runs: list[tuple[float, float]]) -> str:
        return f"{statistics.median(x[0] for x in runs):.0f} ms (longest task of all runs {max(x[1] for x in runs):.0f} ms)"

    imports = []
    for _ in range(3):
        page.evaluate("document.querySelector('.pb-summary').replaceChildren()")
        imports.append(timed(lambda: page.get_by_label("Your Connections.csv file").set_input_files(str(csv_path)),
                             "document.querySelector('.pb-summary p')"))
        page.wait_for_timeout(500)
    summary = c.text(".pb-summary")
    r.check(f"Imported {rows:,} connections" in summary, f"benchmark: {rows:,} rows imported", summary)
    r.check(page.locator(".pb-connections tbody tr").count() == 50, "benchmark: only one page of rows in the DOM")
    stored = page.evaluate("() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0)")
    quota = any("storage for this site is full" in text for text in page.locator(".pb-notice").all_inner_texts())
    searches = []
    for query in ["okafor", "okafor globex", "zzz-nobody", ""]:
        searches.append(timed(lambda q=query: page.get_by_label("Search by name, company or position").fill(q),
                              f"document.querySelector('[role=status]').textContent.includes('Showing') || "
                              f"document.querySelector('[role=status]').textContent.includes('Nobody')"))
        page.evaluate("document.querySelector('.pb-tool [role=status]').textContent = ''")
    pages = [timed(lambda: page.get_by_role("button", name="Next page").first.click(),
                   f"document.querySelector('.pb-pager span').textContent.startsWith('Page {n + 2} ')") for n in range(5)]
    marks = []
    for n in range(5):
        select = page.locator(".pb-connections tbody select").nth(n)
        marks.append(timed(lambda s=select: s.select_option("unknown"),
                           f"document.querySelector('.pb-counts').textContent.includes('really know: {n + 1}.')"))
    for n in range(5, 12):
        page.locator(".pb-connections tbody select").nth(n).select_option("unknown")
    fortify_pages = page.locator(".pb-fortify .pb-pager span").inner_text()
    page.locator(".pb-fortify").get_by_role("button", name="Next page").click()
    second = page.locator(".pb-fortify__item").count()
    r.check(fortify_pages == "Page 1 of 2" and second == 2, "benchmark: the fortify list pages by ten",
            f"{fortify_pages}, {second} on page 2")
    for n in range(5, 12):
        page.locator(".pb-connections tbody select").nth(n).select_option("")
    filters = [timed(lambda: page.get_by_label("Show").select_option("unknown"),
                     "document.querySelectorAll('.pb-connections tbody tr').length === 5"),
               timed(lambda: page.get_by_label("Show").select_option("all"),
                     "document.querySelectorAll('.pb-connections tbody tr').length === 50")]
    page.wait_for_timeout(800)
    started = time.perf_counter()
    page.reload()
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    page.wait_for_selector(".pb-connections tbody tr, .pb-summary .pb-status--warning")
    reload_ms = (time.perf_counter() - started) * 1000
    if quota:
        r.check("Your marks for 5 connections are kept" in c.text(".pb-summary"),
                "benchmark: after a full storage, the kept marks and the need to import again are explained")
    else:
        r.check("Don't really know: 5." in c.text(".pb-counts"), "benchmark: list and marks kept after reload")
    r.note(f"benchmark, {rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB):")
    r.note(f"  import, file chosen to list shown, median of 3: {median_of(imports)}")
    r.note(f"  search, typing to list updated (includes the 250 ms pause before searching): {median_of(searches)}")
    r.note(f"  next page: {median_of(pages)}")
    r.note(f"  mark one connection (counts and fortify list updated): {median_of(marks)}")
    r.note(f"  filter by mark: {median_of(filters)}")
    r.note(f"  reload with the list saved, to list shown: {reload_ms:.0f} ms")
    r.note(f"  localStorage used: {stored / 1e6:.2f} M characters; quota reached: {quota}")


CHECKS = {
    "calculator": check_calculator, "composer": check_composer, "event-plan": check_event_plan,
    "audit": check_audit, "storage": check_storage, "navigation": check_navigation, "narrow": check_narrow,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="build the site and keep screenshots in this folder")
    parser.add_argument("--only", nargs="*", choices=[*CHECKS, "bench"], help="run only these checks")
    parser.add_argument("--no-bench", action="store_true", help="skip the 30,000-row benchmark")
    parser.add_argument("--rows", type=int, default=30000, help="rows in the benchmark's file")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pb-browser-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    site = build_site(work)
    downloads = work / "out"
    downloads.mkdir()
    server, base = serve(site)
    report = Report()
    selected = args.only or [*CHECKS, *([] if args.no_bench else ["bench"])]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            for name in selected:
                context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
                page = context.new_page()
                checker = Checker(page, base, report, downloads)
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                              or route.request.url.startswith(("data:", "blob:")) else
                              (checker.external.append(route.request.url), route.abort()))
                page.goto(base)
                try:
                    benchmark(checker, args.rows) if name == "bench" else CHECKS[name](checker)
                except Exception as error:  # a crashed check is a failed check, with its reason
                    report.check(False, f"{name} ran to the end", f"{type(error).__name__}: {error}".splitlines()[0])
                report.check(not checker.external, f"{name}: no request left the page", ", ".join(checker.external[:3]))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    print("\n".join(report.lines))
    print(f"\n{len(report.failures)} failed; screenshots and files in {downloads}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
