#!/usr/bin/env python3
"""Browser benchmark: the student's path on a slow phone (Chromium's CPU throttled 4×, 390×844).

    .venv/bin/python bench/student_path.py [--rows 5000] [--runs 3] [--rate 4] [--site DIR]

Builds the repository's playbook (or serves ``--site``), opens worksheets/network-audit/ and, in a
fresh profile each run, with ``Emulation.setCPUThrottlingRate``:

- yardstick: the same page with the tools' script blocked, from navigation to the load event
  (what Chromium takes to load and lay out the page without the tool);
- import: from the file input's change event to the first frame with the list on screen;
- longest main-thread task from choosing the file until the list is saved (PerformanceObserver);
- tap: from a mark button's pointer-down to the frame that shows it pressed;
- key: from pressing "1" on a person to the frame with the mark shown and the next person focused;
- filter: a keystroke in the company filter echoed (next frame), and the list refiltered after the
  tool's 200 ms pause (the pause itself not counted).

Prints the median of the runs beside the yardstick. Not a test: the targets (list under 1 s, a tap
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
    blocked.goto(base + PAGE, wait_until="load")
    figures["yardstick"] = blocked.evaluate(
        "(() => { document.body.getBoundingClientRect(); const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; })()"
    )
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

    button = page.locator(".pb-person").nth(3).locator(".pb-mark-button").nth(1)
    page.evaluate(
        "b => { window.__down = 0; b.addEventListener('pointerdown', () => { window.__down = performance.now(); }, {once: true}); }",
        button.element_handle(),
    )
    button.tap()
    pressed = page.evaluate(
        "() => window.__until(() => document.querySelectorAll('.pb-person')[3].querySelector('[aria-pressed=true]'))"
    )
    figures["tap"] = pressed - page.evaluate("window.__down")

    page.locator(".pb-person").nth(5).focus()
    page.evaluate(
        "() => { document.addEventListener('keydown', () => { window.__key = performance.now(); }, {once: true, capture: true}); }"
    )
    page.keyboard.press("1")
    moved = page.evaluate(
        "() => window.__until(() => document.activeElement === document.querySelectorAll('.pb-person')[6])"
    )
    figures["key"] = moved - page.evaluate("window.__key")

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
    context.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=4)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        site = args.site or build_default_site(Path(work) / "project")
        server, base = serve(site)
        csv_path = Path(work) / "Connections.csv"
        csv_path.write_text(connections_csv(args.rows), encoding="utf-8")
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            runs = [run_once(browser, base, csv_path, args.rate) for _ in range(args.runs)]
            browser.close()
        server.shutdown()
    targets = {
        "import": "< 1000",
        "longest task": "< 200",
        "tap": "< 100",
        "key": "< 100",
        "filter echo": "< 100",
        "filter list": "< 100",
    }
    yard = statistics.median(r["yardstick"] for r in runs)
    print(f"{args.rows} connections, CPU throttled {args.rate:g}×, 390×844, median of {args.runs} runs")
    print(
        f"{'measure':<14} {'ms':>8}   {'runs (min-max)':<16} target   "
        f"yardstick: the page without the tool loads and lays out in {yard:.0f} ms"
    )
    for key, target in targets.items():
        values = [r[key] for r in runs]
        spread = f"{min(values):.0f}-{max(values):.0f}"
        print(f"{key:<14} {statistics.median(values):8.0f}   {spread:<16} {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
