#!/usr/bin/env python3
"""Benchmark: the PDF handouts of the default playbook, their build time and size.

    .venv/bin/python bench/handouts.py [--repeat 3]

Each run is a fresh process that checks the content and renders the three
handouts (``playbook pdf`` without writing). For each handout it prints the
pages, the bytes and the time WeasyPrint took to lay it out and write it,
as wall-clock and processor time (the second is steadier on a busy machine);
the process line adds the one-time cost of importing WeasyPrint and reading
its stylesheets. The best of ``--repeat`` runs is shown. Targets for the full
handout: under 4 seconds and under 2 MB.

The workshop documents (facilitator guides, slides, participant sheets) follow,
laid out together in one pass, cold (the cache removed first) and again as the
next build finds them in the cache; then the full set of PDFs is set beside the
yardstick: the set main rendered before workshops existed (commit e826356,
this machine, 2 December 2026: 3 PDFs, 75 pages, 759 KiB, 16.4 s of
processor time for layout and writing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 4.0
# Where the build keeps the workshop PDFs it may reuse (playbook.handouts.packs.CACHE, see playbook.handouts.kept).
CACHE = ".cache/workshop-pdfs"
TARGET_BYTES = 2 * 1024 * 1024
YARDSTICK = {"files": 3, "pages": 75, "kib": 759, "cpu": 16.4}


def one(root: Path) -> dict[str, object]:
    """Render the handouts once in this process; their figures and the whole process's time."""
    start = time.perf_counter()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    from playbook.pipeline import Project, check, render_handouts, render_workshop_documents
    from playbook.report import Reporter

    project, quiet = Project(root), Reporter(quiet=True)
    checked = check(project, quiet)
    # The handouts themselves, laid out: without those an earlier build kept (playbook.handouts.pdf.CACHE).
    shutil.rmtree(root / ".cache" / "handout-pdfs", ignore_errors=True)
    handouts = render_handouts(project, checked, quiet)
    # Cold: without the documents an earlier build kept; then warm, as the next build finds them.
    shutil.rmtree(root / CACHE, ignore_errors=True)
    began, began_cpu = time.perf_counter(), time.process_time()
    packs = render_workshop_documents(project, checked, quiet)
    cold_seconds, cold_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    began, began_cpu = time.perf_counter(), time.process_time()
    warm = render_workshop_documents(project, checked, quiet)
    assert warm.cached
    return {
        "process": time.perf_counter() - start,
        "workshops": {
            "files": len(packs.files),
            "pages": sum(p.pages for p in packs.files),
            "bytes": sum(len(p.data) for p in packs.files),
            "seconds": cold_seconds,
            "cpu": cold_cpu,
            "layout_cpu": packs.layout_cpu_seconds,
            "warm_cpu": time.process_time() - began_cpu,
        },
        "handouts": [
            {"name": h.spec.name, "pages": h.pages, "bytes": len(h.data), "seconds": h.seconds, "cpu": h.cpu_seconds}
            for h in handouts
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--project", default=str(REPO), help=argparse.SUPPRESS)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.project))))
        return
    runs = []
    for _ in range(args.repeat):
        output = subprocess.run(
            [sys.executable, __file__, "--one", "--project", args.project],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    print(f"{'handout':<22} {'pages':>5} {'KiB':>7} {'best s':>7} {'worst s':>7} {'cpu s':>7}")
    for index, first in enumerate(runs[0]["handouts"]):
        times = [run["handouts"][index]["seconds"] for run in runs]
        cpu = min(run["handouts"][index]["cpu"] for run in runs)
        print(
            f"{first['name']:<22} {first['pages']:>5} {first['bytes'] / 1024:>7.0f}"
            f" {min(times):>7.2f} {max(times):>7.2f} {cpu:>7.2f}"
        )
    w = runs[0]["workshops"]
    w_times = [run["workshops"]["seconds"] for run in runs]
    w_cpu = min(run["workshops"]["cpu"] for run in runs)
    print(
        f"{'workshops (' + str(w['files']) + ' PDFs)':<22} {w['pages']:>5} {w['bytes'] / 1024:>7.0f}"
        f" {min(w_times):>7.2f} {max(w_times):>7.2f} {w_cpu:>7.2f}"
    )
    layout = min(run["workshops"]["layout_cpu"] for run in runs)
    print(f"{'  of which one layout':<22} {'':>5} {'':>7} {'':>7} {'':>7} {layout:>7.2f}")
    warm = min(run["workshops"]["warm_cpu"] for run in runs)
    print(f"{'  next build, cached':<22} {'':>5} {'':>7} {'':>7} {'':>7} {warm:>7.2f}")
    process = [run["process"] for run in runs]
    print(f"{'whole process':<22} {'':>5} {'':>7} {min(process):>7.2f} {max(process):>7.2f}")
    print_full_set(runs)
    full = runs[0]["handouts"][0]
    best = min(run["handouts"][0]["seconds"] for run in runs)
    cpu = min(run["handouts"][0]["cpu"] for run in runs)
    verdict = "meets" if best < TARGET_SECONDS and full["bytes"] < TARGET_BYTES else "misses"
    print(
        f"full handout: {best:.2f} s ({cpu:.2f} s of processor time), {full['bytes'] / 1024 / 1024:.2f} MB"
        f" — {verdict} the target"
        f" (under {TARGET_SECONDS:g} s and {TARGET_BYTES // 1024 // 1024} MB)"
    )


def print_full_set(runs: list[dict[str, Any]]) -> None:
    """The whole set of PDFs beside the yardstick, in files, pages, KiB and processor time."""
    first = runs[0]
    handouts_cpu = sum(min(run["handouts"][i]["cpu"] for run in runs) for i in range(len(first["handouts"])))
    cpu = handouts_cpu + min(run["workshops"]["cpu"] for run in runs)
    files = len(first["handouts"]) + first["workshops"]["files"]
    pages = sum(h["pages"] for h in first["handouts"]) + first["workshops"]["pages"]
    kib = (sum(h["bytes"] for h in first["handouts"]) + first["workshops"]["bytes"]) / 1024
    y = YARDSTICK
    print(f"{'':<28} {'files':>5} {'pages':>5} {'KiB':>7} {'cpu s':>7}")
    print(f"{'PDFs on main, before':<28} {y['files']:>5} {y['pages']:>5} {y['kib']:>7} {y['cpu']:>7.1f}")
    print(f"{'the full set now':<28} {files:>5} {pages:>5} {kib:>7.0f} {cpu:>7.1f}")


if __name__ == "__main__":
    main()
