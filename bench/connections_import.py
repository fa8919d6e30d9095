#!/usr/bin/env python3
"""Browser benchmark: a 30,000-row LinkedIn Connections.csv in the network-audit worksheet.

    .venv/bin/python bench/connections_import.py [--rows 30000] [--runs 3] [--site DIR]

Builds the repository's playbook into a temporary project (or serves ``--site``, for example the
site/ folder of ``.venv/bin/playbook build``), serves it on 127.0.0.1 and opens
worksheets/network-audit/ in Debian's Chromium. Each run, in a fresh browser profile, imports a
generated export shaped like LinkedIn's (the "Notes:" preamble, quoted companies with commas,
both date formats, a few rows without a name; the same shape as tests/js/helpers/connections.js)
and measures, in the page:

- import: from the file input's change event to the first frame with the list on screen;
- longest main-thread block from choosing the file until the list is written to storage
  (PerformanceObserver 'longtask', and the longest gap between animation frames);
- search: from one keystroke in the search field to the list updated (includes the tool's
  250 ms pause before it searches);
- next page: from the click to the next page of the list on screen;
- reload: from the start of a reload to the kept list on screen.

It prints the median of the runs, and checks what a user would notice on the way (one page of
rows in the page, the fortify list paged by ten, marks kept after the reload). Not a test: it
exits 1 only when such a check fails.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

AUDIT_PAGE = "worksheets/network-audit/"

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download their "
    'email address using this setting https://www.linkedin.com/psettings/privacy/email."\n\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Gustav", "Hana", "Iker", "Jun", "Kofi", "Léa"]
LAST = ["Okafor", "Schmidt", "García", "Nguyen", "Rossi", "Dubois", "Kowalski", "Silva", "Tanaka", "Olsen"]
COMPANY = ["Acme", "Northwind Traders", "Globex, Inc.", "Initech", "Umbrella Health", "Stark & Wayne, LLC"]
POSITION = ["Engineer", "Recruiter", "Talent Acquisition Partner", "Director, Sales", "Nurse", "Analyst"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def quoted(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in '",\n') else text


def connections_csv(count: int) -> str:
    """An export with ``count`` connections (tests/js/helpers/connections.js's makeConnectionsCSV, in Python)."""
    lines = [HEADER]
    for i in range(count):
        nameless = i % 997 == 0
        first = "" if nameless else FIRST[i % len(FIRST)]
        last = "" if nameless else LAST[(i * 7) % len(LAST)]
        url = f"https://www.linkedin.com/in/{first.lower() or 'member'}-{last.lower()}-{i}"
        email = f"person{i}@example.com" if i % 10 == 0 else ""
        day, month, year = i % 28 + 1, i % 12 + 1, 2010 + i % 15
        date = f"{day:02} {MONTHS[month - 1]} {year}" if i % 2 else f"{month:02}/{day:02}/{year}"
        fields = [first, last, url, email, COMPANY[i % len(COMPANY)], POSITION[(i * 5) % len(POSITION)], date]
        lines.append(",".join(quoted(f) for f in fields))
    return PREAMBLE + "\n".join(lines) + "\n"


def build_default_site(work: Path) -> Path:
    """The repository's playbook built into ``work``, as tests/conftest.py's default_site does."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    from playbook.pipeline import Project, build_site
    from playbook.report import Reporter

    transient = shutil.ignore_patterns("sed*", ".tmp-*", "__pycache__", "*~")
    for name in ("content", "generators", "overrides"):
        shutil.copytree(REPO / name, work / name, ignore=transient)
    shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
    project = Project(work)
    build_site(project, Reporter(quiet=True))
    return project.site_dir


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# Set before the page's scripts: long tasks, frame gaps, and when storage writes end.
PROBES = """(() => {
    window.__long = [];
    try {
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); })
            .observe({ type: 'longtask', buffered: true });
    } catch (e) {}
    // Each frame: its time, whether a watched change is on screen, whether the list is.
    window.__frames = [];
    window.__watch = null;
    window.__firstList = 0;
    const frame = () => {
        const now = performance.now();
        window.__frames.push(now);
        const w = window.__watch;
        if (w && !w.at && w.test()) w.at = now;
        if (!window.__firstList && document.querySelector('.pb-connections tbody tr')) window.__firstList = now;
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const set = Storage.prototype.setItem;
    window.__writes = [];
    Storage.prototype.setItem = function (key, value) {
        try { return set.call(this, key, value); }
        finally { window.__writes.push([String(key), performance.now(), String(value).length]); }
    };
    document.addEventListener('change', e => { if (e.target.type === 'file') window.__chosen = performance.now(); }, true);
    document.addEventListener('keydown', e => { if (e.target.type === 'search') window.__key = performance.now(); }, true);
    document.addEventListener('click', e => { window.__click = performance.now(); }, true);
})()"""

LIST_SHOWN = "document.querySelectorAll('.pb-connections tbody tr').length > 0"


def shown_at(page: Any, condition: str, action: Callable[[], None], timeout: float = 120_000) -> float:
    """Do ``action``; return the time of the first frame in which ``condition`` (JS) holds."""
    page.evaluate(f"() => {{ window.__watch = {{ test: () => ({condition}), at: 0 }}; }}")
    action()
    page.wait_for_function("() => window.__watch.at > 0", timeout=timeout)
    return float(page.evaluate("window.__watch.at"))


def longest_block(page: Any, start: float, end: float) -> tuple[float, float]:
    """The longest long task, and the longest gap between frames, from ``start`` to ``end`` (ms)."""
    return tuple(
        page.evaluate(
            """([start, end]) => {
                const tasks = window.__long.filter(([t, d]) => t + d >= start && t <= end).map(([, d]) => d);
                // From the last frame before the start: a block may begin with the change event.
                const before = window.__frames.filter(t => t < start).pop();
                const frames = [before, ...window.__frames.filter(t => t >= start && t <= end + 100)].filter(t => t !== undefined);
                const gaps = frames.slice(1).map((t, i) => t - frames[i]);
                return [Math.max(0, ...tasks), Math.max(0, ...gaps)];
            }""",
            [start, end],
        )
    )


def one_run(
    browser: Any, base: str, csv_path: Path, rows: int, checks: Callable[[bool, str], None]
) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBES)
    page = context.new_page()
    away: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else away.append(r.url))
    page.goto(base + AUDIT_PAGE)
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    result: dict[str, float] = {}

    upload = page.get_by_label("Your Connections.csv file")
    shown = shown_at(page, LIST_SHOWN, lambda: upload.set_input_files(str(csv_path)))
    chosen = page.evaluate("window.__chosen")
    result["import_ms"] = shown - chosen
    # The list is written to storage just after it shows; the import ends there.
    page.wait_for_function(
        "() => window.__writes.some(([k]) => k.includes(':connections:'))"
        " || !!document.querySelector('.pb-audit .pb-notice:not([hidden])')",
        timeout=120_000,
    )
    written = page.evaluate(
        "() => (window.__writes.find(([k]) => k.includes(':connections:')) || [0, performance.now(), 0])"
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    result["longest_task_ms"], result["longest_frame_gap_ms"] = longest_block(page, chosen, written[1])
    result["stored_chars"] = written[2]
    quota = page.locator(".pb-audit .pb-notice:not([hidden])").count() > 0
    summary = page.locator(".pb-import-summary").inner_text()
    checks(f"Imported {rows:,} connections" in summary, f"summary says all rows were imported: {summary[:80]!r}")
    checks(page.locator(".pb-connections tbody tr").count() == 50, "only one page of 50 rows is in the page")

    search = page.get_by_label("Search by name, company or position")
    keystrokes = []
    search.focus()
    for key in ("g", "l", "Backspace", "Backspace"):
        before = page.locator(".pb-audit__list .pb-status").inner_text()
        updated = shown_at(
            page,
            f"document.querySelector('.pb-audit__list .pb-status').textContent !== {before!r}",
            lambda key=key: page.keyboard.press(key),
        )
        keystrokes.append(updated - page.evaluate("window.__key"))
    result["search_ms"] = statistics.median(keystrokes)

    turns = []
    listing = page.locator(".pb-audit__list")
    for n in range(2, 5):
        turned = shown_at(
            page,
            f"document.querySelector('.pb-audit__list .pb-pager span').textContent.startsWith('Page {n} ')",
            lambda: listing.get_by_role("button", name="Next page").click(),
        )
        turns.append(turned - page.evaluate("window.__click"))
    result["next_page_ms"] = statistics.median(turns)

    selects = listing.locator("tbody select")
    for n in range(12):
        selects.nth(n).select_option("unknown")
    fortify = page.locator(".pb-fortify")
    checks(fortify.locator(".pb-pager span").inner_text() == "Page 1 of 2", "the fortify list pages by ten")
    checks(fortify.locator(".pb-fortify__item").count() == 10, "ten people on a page of the fortify list")

    page.reload()
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    if quota:
        kept = "Your marks for 12 connections are kept" in page.locator(".pb-import-summary").inner_text()
        checks(kept, "with storage full, the kept marks and the need to import again are explained")
        result["reload_ms"] = float("nan")
    else:
        # Times in the reloaded page count from the start of its navigation.
        page.wait_for_function("() => window.__firstList > 0", timeout=120_000)
        result["reload_ms"] = float(page.evaluate("window.__firstList"))
        counts = page.locator(".pb-counts").inner_text()
        checks("Don't really know: 12." in counts, f"list and marks kept after the reload: {counts!r}")
    checks(not away, f"no request left 127.0.0.1: {away[:3]}")
    context.close()
    result["quota_reached"] = float(quota)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=30_000, help="connections in the generated file")
    parser.add_argument("--runs", type=int, default=3, help="runs, each in a fresh browser profile")
    parser.add_argument("--site", type=Path, help="a built site to serve instead of building one")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    failures: list[str] = []

    def checks(ok: bool, what: str) -> None:
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="pb-bench-") as temporary:
        work = Path(temporary)
        if args.site:
            site = args.site.resolve()
        else:
            print("building the default playbook…", flush=True)
            site = build_default_site(work / "project")
        csv_path = work / "Connections.csv"
        csv_path.write_text(connections_csv(args.rows), encoding="utf-8")
        server, base = serve(site)
        runs = []
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                for n in range(args.runs):
                    runs.append(one_run(browser, base, csv_path, args.rows, checks))
                    print(f"run {n + 1}: " + ", ".join(f"{k} {v:.0f}" for k, v in runs[-1].items()), flush=True)
                browser.close()
        finally:
            server.shutdown()

        def median(key: str) -> float:
            return statistics.median(r[key] for r in runs)

        size = csv_path.stat().st_size
        print(f"\n{args.rows:,} connections, {size / 1e6:.2f} MB ({size:,} bytes); median of {len(runs)} runs")
        print(f"  import, file chosen to list shown:       {median('import_ms'):7.0f} ms")
        print(
            f"  longest main-thread block during import: {median('longest_task_ms'):7.0f} ms"
            f" (long task; longest frame gap {median('longest_frame_gap_ms'):.0f} ms)"
        )
        print(f"  search, keystroke to list updated:       {median('search_ms'):7.0f} ms (includes the 250 ms pause)")
        print(f"  next page, click to page shown:          {median('next_page_ms'):7.0f} ms")
        print(f"  reload to list shown:                    {median('reload_ms'):7.0f} ms")
        print(
            f"  stored: {median('stored_chars') / 1e6:.2f} M characters in localStorage;"
            f" storage full: {'yes' if median('quota_reached') else 'no'}"
        )
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
