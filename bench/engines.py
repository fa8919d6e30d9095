#!/usr/bin/env python3
"""Benchmark: the two engines side by side, MkDocs with Material 9.8 and Zensical, at 1×, 10× and 100×.

    .venv/bin/python bench/engines.py [--scales 1,10,100] [--repeat 1]

For each scale, one project of the default entries repeated (as bench/run.py makes
it) is copied once per engine, and in each copy, in a fresh process each:

- generate: load, check, render and stage (no engine; the same for both);
- build: ``playbook build --no-pdf --engine <engine>``, once to warm the copy up,
  then measured (generate, stage and the engine, as a user runs it);
- bare: the engine alone on the staged folder that build left (``mkdocs build``;
  ``python -m zensical build --clean``), imports included;
- peak memory of the build (the largest of the process and its children, so
  MkDocs' worker and Zensical's process count), and site bytes per entry.

Zensical runs under ``prlimit --as=8000000000``. Until the playbook wrote its own
tags page, Zensical 0.0.73 grew with the square of the entries (18.6 GB at 100×);
bench/zensical_tags.py reproduces that on plain pages.

Then, at the first scale only (the handouts hold every entry, so they take far
longer than the site at 10×), the PDFs: ``playbook build`` with its handout cache
removed, and the same build again with the handouts' inputs unchanged, which must
not render them again (the ``pdf`` stage reports "kept from the last build").

The engines and the kinds of run take turns, so a slow spell of a shared machine
hits them alike; the fastest of ``--repeat`` turns counts. The yardstick is MkDocs:
the last columns give Zensical's time and memory over MkDocs'.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import folder_bytes, synthesize

ENGINES = ("mkdocs", "zensical")
# Zensical at 100× once took 18.6 GB: no run of it may take more than 8 GB of this shared machine.
LIMIT = ["prlimit", "--as=8000000000", "--"]
# Where the build keeps the handouts it may reuse (playbook.handouts.pdf.CACHE).
HANDOUT_CACHE = Path(".cache") / "handout-pdfs"


def one(mode: str, engine: str, root: Path) -> dict[str, float]:
    """Run one measurement in this process and report its time and peak memory."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    start = time.perf_counter()
    if mode == "generate":
        from playbook.pipeline import Project, check, generate, stage
        from playbook.report import Reporter

        project, quiet = Project(root), Reporter(quiet=True)
        stage(project, generate(project, check(project, quiet), quiet), quiet)
    elif mode in ("build", "pdf"):
        from playbook.cli import main

        options = [] if mode == "pdf" else ["--no-pdf"]
        if main(["--project", str(root), "--quiet", "build", *options, "--engine", engine]) != 0:
            raise SystemExit("build failed")
    elif engine == "mkdocs":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(root / ".stage" / "mkdocs.yml"), site_dir=str(root / "bare-site")))
    else:
        config = root / ".stage" / "mkdocs.yml"
        command = [*LIMIT, sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(config)]
        subprocess.run(command, cwd=config.parent, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "peak_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024}


def measure(mode: str, engine: str, root: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--one", mode, engine, str(root)]
    if engine == "zensical":
        command = [*LIMIT, *command]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"{mode} with {engine} failed in {root}:\n{run.stdout}{run.stderr}")
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--one", nargs=3, metavar=("MODE", "ENGINE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], Path(args.one[2]))))
        return
    pdf_rows: dict[int, dict[str, tuple[float, float]]] = {}
    header = ["generate s"] + [
        f"{name} {engine[0].upper()}" for name in ("build s", "bare s", "peak MiB", "KiB/entry") for engine in ENGINES
    ]
    print(f"{'scale':>5} {'entries':>7} " + " ".join(f"{c:>11}" for c in header) + f" {'Z/M build':>9} {'Z/M peak':>8}")
    scales = [int(s) for s in args.scales.split(",")]
    for scale in scales:
        with tempfile.TemporaryDirectory() as temporary:
            source = Path(temporary) / "source"
            entries = synthesize(source, scale)
            roots = {engine: Path(temporary) / engine for engine in ENGINES}
            for engine, root in roots.items():
                shutil.copytree(source, root)
                measure("build", engine, root)  # the staged folder, .cache/ and a previous site, as a user has them
            best: dict[tuple[str, str], dict[str, float]] = {}
            for _turn in range(args.repeat):
                for mode, engine in [("generate", "mkdocs"), *((m, e) for m in ("build", "bare") for e in ENGINES)]:
                    result = measure(mode, engine, roots[engine])
                    if (mode, engine) not in best or result["seconds"] < best[mode, engine]["seconds"]:
                        best[mode, engine] = result
            # The measured builds leave each engine's site in place; bare builds write elsewhere or into .stage/.
            per_entry = {engine: site_bytes(roots[engine] / "site") / entries / 1024 for engine in ENGINES}
            times = [best["generate", "mkdocs"]["seconds"]]
            times += [best["build", e]["seconds"] for e in ENGINES] + [best["bare", e]["seconds"] for e in ENGINES]
            memory = [best["build", e]["peak_mib"] for e in ENGINES]
            print(
                f"{scale:>4}× {entries:>7} "
                + " ".join(f"{value:>11.2f}" for value in times)
                + " "
                + " ".join(f"{value:>11.0f}" for value in memory)
                + " "
                + " ".join(f"{per_entry[e]:>11.1f}" for e in ENGINES)
                + f" {best['build', 'zensical']['seconds'] / best['build', 'mkdocs']['seconds']:>9.2f}"
                + f" {memory[1] / memory[0]:>8.2f}",
                flush=True,
            )
            if scale == scales[0]:
                pdf_rows[scale] = handouts(roots, args.repeat)
    print(
        "generate = check, render and stage; build = playbook build --no-pdf --engine …; bare = the engine alone"
        " on the same staged folder; fastest of the turns; peak = the build's largest process; M = MkDocs"
        " (the yardstick), Z = Zensical"
    )
    for scale, row in pdf_rows.items():
        print(f"\nwith PDFs, {scale}× (full playbook build):")
        for engine in ENGINES:
            cold, warm = row[engine]
            print(f"  {engine:<9} handouts rendered {cold:6.2f} s   inputs unchanged, kept {warm:6.2f} s")


def site_bytes(site: Path) -> int:
    """The built site's bytes, without the PDFs (bench/handouts.py measures those)."""
    return folder_bytes(site) - sum(p.stat().st_size for p in site.rglob("*.pdf"))


def handouts(roots: dict[str, Path], repeat: int) -> dict[str, tuple[float, float]]:
    """Per engine, the full build with the handouts rendered and again with them kept (fastest of ``repeat``)."""
    found = {}
    for engine, root in roots.items():
        cold, warm = [], []
        for _turn in range(repeat):
            shutil.rmtree(root / HANDOUT_CACHE, ignore_errors=True)
            cold.append(measure("pdf", engine, root)["seconds"])
            warm.append(measure("pdf", engine, root)["seconds"])
        found[engine] = (min(cold), min(warm))
    return found


if __name__ == "__main__":
    main()
