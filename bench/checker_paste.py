#!/usr/bin/env python3
"""Browser benchmark: a 100 KB paste into the message checker page, beside Chromium's own editing.

    .venv/bin/python bench/checker_paste.py [--runs 5] [--site DIR]

Builds the repository's playbook (or serves ``--site``), opens tools/checker/ in Debian's Chromium and,
each run in a fresh page, sets the draft to 100 KB of faulty text with an input event, as a paste does.
It prints, as the median of the runs:

- checked and drawn: the checker's own time, as the tool reports it (``data-pb-check-ms``);
- paste to findings: from the input event to the findings on screen (includes the tool's pause before
  it checks);
- longest main-thread block: the longest gap of a timer that should fire every 10 ms;

and, as the yardstick measured in the same page, the time Chromium itself takes to insert the same text
into a bare textarea. Not a test: it asserts nothing about time.
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
from connections_import import build_default_site, serve  # noqa: E402

from tests.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

PARAGRAPH = (
    "Thanks for accepting my request! Are you hiring? My CV is attached. Let's sync up sometime, "
    "I'd love to pick your brain. Any help would be greatly appreciated. [Name]\n\n"
)
PASTE = """(text) => new Promise((done) => {
  const tool = document.querySelector('[data-pb-tool=checker]');
  tool.removeAttribute('data-pb-findings');
  let last = performance.now(), gap = 0;
  const timer = setInterval(() => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; }, 10);
  let started = 0;
  setTimeout(() => {
    const draft = document.querySelector('.pb-checker-draft');
    started = performance.now();
    draft.value = text;
    draft.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
  }, 20);
  const wait = () => {
    if (!tool.hasAttribute('data-pb-findings')) return void setTimeout(wait, 5);
    requestAnimationFrame(() => setTimeout(() => {
      clearInterval(timer);
      done({shown: performance.now() - started, gap, check: Number(tool.dataset.pbCheckMs),
            findings: Number(tool.dataset.pbFindings)});
    }, 0));
  };
  wait();
})"""
INSERT = """(text) => { const area = document.createElement('textarea'); document.body.append(area); area.focus();
  const started = performance.now(); document.execCommand('insertText', false, text);
  const took = performance.now() - started; area.remove(); return took; }"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, help="a built site to serve instead of building one")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    text = (PARAGRAPH * (100 * 1024 // len(PARAGRAPH) + 1))[: 100 * 1024]
    with tempfile.TemporaryDirectory() as work:
        site = args.site or build_default_site(Path(work))
        server, base = serve(site)
        rows: list[dict[str, Any]] = []
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for _ in range(args.runs):
                page = browser.new_page()
                page.goto(base + "tools/checker/")
                page.wait_for_selector('[data-pb-mounted="checker"]')
                measured = page.evaluate(PASTE, text)
                measured["insert"] = page.evaluate(INSERT, text)
                rows.append(measured)
                page.close()
            browser.close()
        server.shutdown()

    def median(key: str) -> float:
        return statistics.median(float(row[key]) for row in rows)

    print(f"100 KB paste into the checker, median of {len(rows)} runs ({rows[0]['findings']} findings)")
    print(f"  checked and drawn            {median('check'):8.0f} ms")
    print(f"  paste to findings on screen  {median('shown'):8.0f} ms")
    print(f"  longest main-thread block    {median('gap'):8.0f} ms")
    print(f"  yardstick: Chromium inserting the same text into a bare textarea {median('insert'):8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
