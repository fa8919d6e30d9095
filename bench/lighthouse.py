#!/usr/bin/env python3
"""Benchmark: Lighthouse's mobile scores of four pages, on both engines, served compressed.

    .venv/bin/python bench/lighthouse.py [--engines mkdocs,zensical] [--pages home,entry,worksheet,checker] [--runs 1]

Builds the default playbook once per engine (``playbook build --no-pdf --engine …``
into a scratch copy), serves each site from 127.0.0.1 gzip-compressed as a host
would (bench/serve_compressed.py), and runs Lighthouse (npm ``lighthouse``, pinned
in package.json; ``npm ci`` installs it) in its default mobile setting, with its
simulated slow 4G and CPU slowdown, on Debian's Chromium (``CHROME_PATH``) with the
flags of DESIGN.md. Pages, one run at a time, as Lighthouse is heavy:

- home: the home page; entry: a principle; worksheet: the referral audit
  worksheet and its tool; checker: the message checker.

For each page and engine it prints the performance and accessibility scores
(targets: at least 95 and 100), Largest Contentful Paint, Total Blocking Time, the
bytes transferred and the failed accessibility audits. The median of ``--runs``
runs counts. The yardstick, measured in the same run, is Lighthouse on the bare
``404.html`` of the same site (a page of the same theme with no content of ours).
Scores are printed, never asserted: they move with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_compressed import start

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
    " --disable-component-update --disable-sync"
)
PAGES = {
    "yardstick": "404.html",
    "home": "",
    "entry": "principles/alumni-and-weak-ties/",
    "worksheet": "worksheets/network-audit/",
    "checker": "tools/checker/",
}


def build(engine: str, scratch: Path) -> Path:
    """The default playbook built by ``engine`` in a copy of the project; its site folder."""
    root = scratch / engine
    for name in ("content", "generators", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    command = [sys.executable, "-m", "playbook", "--project", str(root), "--quiet", "build", "--no-pdf"]
    subprocess.run([*command, "--engine", engine], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    return root / "site"


def audit(url: str, out: Path) -> dict[str, object]:
    """One Lighthouse run on ``url``: scores, LCP, TBT, bytes and failed accessibility audits."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={FLAGS}",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits, categories = report["audits"], report["categories"]
    failed = sorted(
        ref["id"]
        for ref in categories["accessibility"]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    )
    return {
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": failed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--pages", default="home,entry,worksheet,checker")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--site", type=Path, help="measure this built site instead of building (one engine)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("bench/lighthouse.py: Lighthouse is not installed — run `npm ci` in the project folder")
    pages = ["yardstick", *args.pages.split(",")]
    print(
        f"{'engine':<9} {'page':<10} {'perf':>4} {'a11y':>4} {'LCP s':>6} {'TBT ms':>7} {'KiB':>6}  failed a11y audits"
    )
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        for engine in args.engines.split(","):
            site = args.site or build(engine, scratch)
            server, address = start(site)
            try:
                for page in pages:
                    runs = [
                        audit(address + PAGES[page], scratch / f"{engine}-{page}-{n}.json") for n in range(args.runs)
                    ]
                    middle = {
                        key: statistics.median(run[key] for run in runs)  # type: ignore[misc]
                        for key in ("performance", "accessibility", "lcp_s", "tbt_ms", "kib")
                    }
                    failed = sorted({name for run in runs for name in run["failed"]})  # type: ignore[attr-defined]
                    print(
                        f"{engine:<9} {page:<10} {middle['performance']:>4.0f} {middle['accessibility']:>4.0f}"
                        f" {middle['lcp_s']:>6.2f} {middle['tbt_ms']:>7.0f} {middle['kib']:>6.0f}  {' '.join(failed) or '-'}",
                        flush=True,
                    )
            finally:
                server.shutdown()
    print("Lighthouse mobile (simulated slow 4G, 4× CPU slowdown), gzip-served from 127.0.0.1; median of the runs;")
    print("yardstick = the site's own 404 page; targets: performance ≥ 95, accessibility 100; machine shared")


if __name__ == "__main__":
    main()
