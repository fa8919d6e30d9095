#!/usr/bin/env python3
"""Browser benchmark: the student's path on a slow phone (Chromium's CPU throttled 4×, 390×844).

    .venv/bin/python bench/student_path.py [--rows 5000] [--runs 3] [--rate 4] [--site [LABEL=]DIR ...]

Builds the repository's playbook (or serves ``--site``), opens worksheets/network-audit/ and, in a
fresh profile each run, with ``Emulation.setCPUThrottlingRate``:

- yardstick: the same page with the tools' script blocked, from navigation to the load event
  (what Chromium takes to load and lay out the page without the tool), and its longest task;
- import: from the file input's change event to the first frame with the list on screen;
- longest main-thread task from choosing the file until the list is saved (PerformanceObserver);
- tap: from a mark button's pointer-down to the frame that shows it pressed, beside the same for a tap
  on the tool's introduction, which nothing listens to (Chromium's own touch-to-click-to-frame);
- key: from pressing "1" on a person to the frame with the mark shown and the next person focused;
- filter: a keystroke in the company filter echoed (next frame), and the list refiltered after the
  tool's 200 ms pause (the pause itself not counted);
- longest task marking: the longest main-thread task from the tap until 2.5 s after the filter (the
  shortlist redrawn after the marks, the save when idle);
- bulk: from the pointer-down on "Mark all" (the suggested recruiters, a tenth of the list) to the frame
  with the new count, and the longest task until 2.5 s later (shortlist, targets and plan redrawn);
- reopen: the page opened again with the people in storage, from navigation to the list on screen
  (compare the yardstick), and the longest task until 2 s later (the rest read back in steps).

Prints the median of the runs beside the yardsticks, a column per site (``--site before=A --site
after=B`` compares two builds, their runs interleaved). Not a test: the targets (list under 1 s, a tap
or key under 100 ms, no task over 200 ms) are printed for a person to read, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from connections_import import build_default_site, connections_csv, serve  # noqa: E402

from tests.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

PAGE = "worksheets/network-audit/"

PROBES = """(() => {
  window.__long = [];
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push(e.duration); })
    .observe({ type: 'longtask', buffered: true }); } catch (e) {}
  window.__until = (test) => new Promise(done => {
    const frame = () => test() ? done(performance.now()) : requestAnimationFrame(frame);
    requestAnimationFrame(frame);
  });
  document.addEventListener('change', e => { if (e.target.type === 'file') window.__changed = performance.now(); }, true);
})()"""


def tap_until(page: Any, target: Any, done: str) -> float:
    """Milliseconds from the pointer-down of a tap on ``target`` to the first frame where the expression ``done`` holds."""
    page.evaluate(
        "b => { window.__down = 0;"
        " b.addEventListener('pointerdown', () => { window.__down = performance.now(); }, {once: true}); }",
        target.element_handle(),
    )
    target.tap()
    return float(page.evaluate(f"() => window.__until(() => {done})")) - float(page.evaluate("window.__down"))


def run_once(browser: Any, base: str, csv_path: Path, rate: float) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    figures: dict[str, float] = {}

    blocked = context.new_page()
    cdp_blocked = context.new_cdp_session(blocked)
    cdp_blocked.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    blocked.route("**/assets/playbook/main.js", lambda route: route.abort())
    blocked.add_init_script(PROBES)
    blocked.goto(base + PAGE, wait_until="load")
    figures["yardstick"] = blocked.evaluate(
        "(() => { document.body.getBoundingClientRect(); const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; })()"
    )
    blocked.wait_for_timeout(1000)
    figures["longest task yardstick"] = max(blocked.evaluate("window.__long") or [0])
    blocked.close()

    page.add_init_script(PROBES)
    page.goto(base + PAGE)
    page.wait_for_selector('[data-pb-mounted="worksheet"]')
    page.evaluate("window.__long = []")
    page.set_input_files(".pb-audit input[type=file]", str(csv_path))
    shown = page.evaluate("window.__until(() => document.querySelector('.pb-person'))")
    figures["import"] = shown - page.evaluate("window.__changed")
    page.wait_for_timeout(3000)  # the save and the shortlist, targets and plan after the first frame
    figures["longest task"] = max(page.evaluate("window.__long") or [0])
    page.evaluate("window.__long = []")

    # The tap's yardstick: a tap on the tool's introduction, which nothing listens to, from pointer-down to
    # the frame after its click (what Chromium itself takes to turn a touch into a click and paint).
    intro = page.locator(".pb-audit > p").first
    page.evaluate(
        "p => { p.addEventListener('pointerdown', () => { window.__down = performance.now(); }, {once: true});"
        " p.addEventListener('click', () => { window.__clicked = window.__until(() => true); }, {once: true}); }",
        intro.element_handle(),
    )
    intro.tap()
    page.wait_for_function("window.__clicked")
    figures["tap yardstick"] = page.evaluate("window.__clicked") - page.evaluate("window.__down")

    button = page.locator(".pb-person").nth(3).locator(".pb-mark-button").nth(1)
    figures["tap"] = tap_until(
        page, button, "document.querySelectorAll('.pb-person')[3].querySelector('[aria-pressed=true]')"
    )

    page.locator(".pb-person").nth(5).focus()
    page.evaluate(
        "() => { document.addEventListener('keydown', () => { window.__key = performance.now(); }, {once: true, capture: true}); }"
    )
    page.keyboard.press("1")
    moved = page.evaluate(
        "() => window.__until(() => document.activeElement === document.querySelectorAll('.pb-person')[6])"
    )
    figures["key"] = moved - page.evaluate("window.__key")

    page.evaluate("document.querySelector('.pb-filter-box').open = true")  # folded away on a phone
    company = page.get_by_label("Company", exact=True).first
    company.focus()
    page.evaluate(
        """() => { const input = document.activeElement;
        input.addEventListener('input', () => { window.__typed = performance.now();
          window.__echo = window.__until(() => true); }, {once: true});
        window.__before = document.querySelector('.pb-step--triage > .pb-status').textContent; }"""
    )
    page.keyboard.type("g")
    echoed = page.evaluate("window.__echo")
    typed = page.evaluate("window.__typed")
    figures["filter echo"] = echoed - typed
    done = page.evaluate(
        "() => window.__until(() => document.querySelector('.pb-step--triage > .pb-status').textContent !== window.__before)"
    )
    figures["filter list"] = done - typed - 200
    page.wait_for_timeout(2500)  # the shortlist after the marks, and the save when idle
    figures["longest task marking"] = max(page.evaluate("window.__long") or [0])

    # Bulk: the suggested recruiters (a tenth of the list) marked at once, to the frame with the new count.
    page.evaluate("window.__long = []")
    page.get_by_label("Company", exact=True).first.fill("")
    page.locator(".pb-suggestion button").first.click()
    page.wait_for_function("!document.querySelector('.pb-bulk').hidden")
    page.evaluate("window.__before = document.querySelector('.pb-progress').textContent")
    figures["bulk"] = tap_until(
        page,
        page.locator(".pb-bulk button").first,
        "document.querySelector('.pb-progress').textContent !== window.__before",
    )
    page.wait_for_timeout(2500)
    figures["longest task bulk"] = max(page.evaluate("window.__long") or [0])

    # Reopen: the page again with the 5,000 people in storage, navigation to the list on screen.
    page.goto(base + PAGE)
    figures["reopen"] = page.evaluate("window.__until(() => document.querySelector('.pb-person'))")
    page.wait_for_timeout(2000)
    figures["longest task reopen"] = max(page.evaluate("window.__long") or [0])
    context.close()
    return figures


TARGETS = {
    "yardstick": "(page without the tool, to load)",
    "longest task yardstick": "(its longest task)",
    "import": "< 1000",
    "longest task": "< 200",
    "tap yardstick": "(a tap nothing listens to)",
    "tap": "< 100",
    "key": "< 100",
    "filter echo": "< 100",
    "filter list": "< 100",
    "longest task marking": "< 200",
    "bulk": "< 100",
    "longest task bulk": "< 200",
    "reopen": "(compare the yardstick)",
    "longest task reopen": "< 200",
}


def site_option(text: str) -> tuple[str, Path]:
    """``DIR`` or ``LABEL=DIR``."""
    label, _, folder = text.rpartition("=")
    return label or Path(folder).name, Path(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=4)
    parser.add_argument(
        "--site",
        type=site_option,
        action="append",
        help="a built site to measure, as DIR or LABEL=DIR; give it twice (before=…, after=…) to compare two "
        "builds run by run in one browser",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        sites = args.site or [("this tree", build_default_site(Path(work) / "project"))]
        served = [(label, *serve(folder)) for label, folder in sites]
        csv_path = Path(work) / "Connections.csv"
        csv_path.write_text(connections_csv(args.rows), encoding="utf-8")
        runs: dict[str, list[dict[str, float]]] = {label: [] for label, _, _ in served}
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            # Sites take turns run by run, so that a change in the machine's load falls on each alike.
            for _ in range(args.runs):
                for label, _, base in served:
                    runs[label].append(run_once(browser, base, csv_path, args.rate))
            browser.close()
        for _, server, _ in served:
            server.shutdown()
    print(f"{args.rows} connections, CPU throttled {args.rate:g}×, 390×844, median (min-max) of {args.runs} runs, ms")
    width = 18
    print(f"{'measure':<21} " + " ".join(f"{label:>{width}}" for label in runs) + "   target")
    for key, target in TARGETS.items():
        cells = []
        for label in runs:
            values = [r[key] for r in runs[label]]
            cells.append(f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})".rjust(width))
        print(f"{key:<21} " + " ".join(cells) + f"   {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
