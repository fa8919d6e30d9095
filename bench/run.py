#!/usr/bin/env python3
"""Benchmark: the generator beside a bare MkDocs build, at 1×, 10× and 100× the default entries.

    .venv/bin/python bench/run.py [--scales 1,10,100] [--repeat 3]

Each measurement runs in a fresh process, so its peak memory is its own, and
the three kinds of run take turns, so a slow spell of a shared machine hits
them alike; the fastest of ``--repeat`` runs counts. For every scale it prints:

- generate: load, validate, link, render and stage, imports included;
- cold build: the first ``playbook build --no-pdf`` of a fresh copy of the
  project, as in a new clone: no staged folder, no ``.cache/``, no previous site;
- build: the same command again, which finds in ``.cache/`` the compiled
  templates, its own and the theme's, and the staged files' manifest; its
  processor time beside it;
- mkdocs: a bare ``mkdocs build`` of the staged folder, imports included;
- overhead: how much longer ``playbook build`` takes than a bare MkDocs build,
  (build − mkdocs) / mkdocs, which is what the generator costs a user who runs
  it (the issue's target: at most 10%); the same for the cold build;
- generate share: generate / mkdocs, the generator's own time with its
  imports, as if nothing ran beside it;
- peak memory of the build and site bytes (without PDFs) per entry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MULTIPLIED = ("principles", "anti-patterns", "templates", "worksheets", "debates")


def synthesize(target: Path, scale: int) -> int:
    """A project whose entries are the default ones repeated ``scale`` times; returns the entry count."""
    for name in ("generators", "overrides"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "content", target / "content")
    count = 0
    for folder in MULTIPLIED:
        for source in sorted((target / "content" / folder).glob("*.yml")):
            if "." in source.stem:
                continue  # a translation (give-first.es.yml) goes with its entry, which the copies do without
            text = source.read_text(encoding="utf-8")
            count += scale
            for copy in range(2, scale + 1):
                new_id = f"{source.stem}-copy-{copy}"
                body = re.sub(rf"(?m)^id: {re.escape(source.stem)}$", f"id: {new_id}", text)
                (source.parent / f"{new_id}.yml").write_text(body, encoding="utf-8")
    return count


def one(mode: str, root: Path) -> dict[str, float]:
    """Run one measurement in this process and report its time and peak memory."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    start = time.perf_counter()
    if mode == "generate":
        from playbook.pipeline import Project, check, generate, stage
        from playbook.report import Reporter

        project, quiet = Project(root), Reporter(quiet=True)
        stage(project, generate(project, check(project, quiet), quiet), quiet)
    elif mode == "build":
        from playbook.cli import main

        # The site alone: bench/handouts.py measures the PDFs, whose size does not scale with a site.
        if main(["--project", str(root), "--quiet", "build", "--no-pdf"]) != 0:
            raise SystemExit("build failed")
    elif mode == "mkdocs":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(root / ".stage" / "mkdocs.yml"), site_dir=str(root / "bare-site")))
    seconds = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "peak_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024,
    }


def measure(mode: str, root: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--one", mode, str(root)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def fastest(pristine: Path, root: Path, repeat: int) -> dict[str, dict[str, float]]:
    """The fastest run of each mode, the modes taking turns.

    Each turn's cold build runs in a fresh copy of the ``pristine`` project;
    the other modes run in ``root``, which the first turn's cold build leaves built.
    """
    best: dict[str, dict[str, float]] = {}
    for turn in range(repeat):
        fresh = root if turn == 0 else root.with_name(f"cold-{turn}")
        if turn:
            shutil.copytree(pristine, fresh)
        for mode, folder in (("cold", fresh), ("generate", root), ("build", root), ("mkdocs", root)):
            result = measure("build" if mode == "cold" else mode, folder)
            if mode not in best or result["seconds"] < best[mode]["seconds"]:
                best[mode] = result
        if turn:
            shutil.rmtree(fresh)
    return best


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("MODE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], Path(args.one[1]))))
        return
    header = (
        f"{'scale':>5} {'entries':>7} {'cold build s':>12} {'generate s':>10} {'build s':>8} {'build cpu s':>11}"
        f" {'mkdocs s':>9} {'overhead':>8} {'cold ovh':>8} {'gen share':>9} {'s/entry':>8} {'peak MiB':>8}"
        f" {'KiB/entry':>9}"
    )
    print(header)
    for scale in (int(s) for s in args.scales.split(",")):
        with tempfile.TemporaryDirectory() as temporary:
            root = Path(temporary) / "project"
            entries = synthesize(root, scale)
            pristine = root.with_name("pristine")
            shutil.copytree(root, pristine)
            best = fastest(pristine, root, args.repeat)
            cold, generate, build, bare = best["cold"], best["generate"], best["build"], best["mkdocs"]
            site_bytes = folder_bytes(root / "site")
            pdfs = sum(p.stat().st_size for p in (root / "site").rglob("*.pdf"))
            per_entry = (site_bytes - pdfs) / entries / 1024
            print(
                f"{scale:>4}× {entries:>7} {cold['seconds']:>12.2f} {generate['seconds']:>10.2f}"
                f" {build['seconds']:>8.2f} {build['cpu_seconds']:>11.2f} {bare['seconds']:>9.2f}"
                f" {(build['seconds'] - bare['seconds']) / bare['seconds']:>8.1%}"
                f" {(cold['seconds'] - bare['seconds']) / bare['seconds']:>8.1%}"
                f" {generate['seconds'] / bare['seconds']:>9.1%} {build['seconds'] / entries:>8.3f}"
                f" {build['peak_mib']:>8.0f} {per_entry:>9.1f}",
                flush=True,
            )
    print(
        "overhead = (build − mkdocs) / mkdocs, the target being ≤ 10%; cold ovh = (cold build − mkdocs) / mkdocs;"
        " gen share = generate / mkdocs, the generator's own time, imports included, nothing overlapped;"
        " fastest of the turns; KiB/entry = site bytes without PDFs / entries (target at 100×: within 1.5× of 1×)"
    )


if __name__ == "__main__":
    main()
