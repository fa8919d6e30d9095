#!/usr/bin/env python3
"""Benchmark: the two engines side by side, MkDocs with Material 9.8 and Zensical, at 1× and 10× the entries.

    .venv/bin/python bench/engines.py [--scales 1,10] [--repeat 3]

For each scale, one project of the default entries repeated (as bench/run.py makes
it) is copied once per engine, and in each copy, in a fresh process each:

- build: ``playbook build --no-pdf --engine <engine>``, once to warm the copy up,
  then measured (generate, stage and the engine, as a user runs it);
- bare: the engine alone on the staged folder that build left (``mkdocs build``;
  ``python -m zensical build --clean``), imports included;
- peak memory of the build (the largest of the process and its children, so
  MkDocs' worker and Zensical's process count), and site bytes per entry.

The engines and the kinds of run take turns, so a slow spell of a shared machine
hits them alike; the fastest of ``--repeat`` turns counts. The yardstick is MkDocs:
the last columns give Zensical's time and memory over MkDocs'.

100× is not offered here: at 4,500 entries Zensical 0.0.73 peaked at 18.6 GB of memory
(MkDocs: 309 MB), which on this 23 GB machine shared by other work could exhaust it.
``--scales 100`` runs it anyway, for a machine with the memory to spare.
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


def one(mode: str, engine: str, root: Path) -> dict[str, float]:
    """Run one measurement in this process and report its time and peak memory."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    start = time.perf_counter()
    if mode == "build":
        from playbook.cli import main

        if main(["--project", str(root), "--quiet", "build", "--no-pdf", "--engine", engine]) != 0:
            raise SystemExit("build failed")
    elif engine == "mkdocs":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(root / ".stage" / "mkdocs.yml"), site_dir=str(root / "bare-site")))
    else:
        config = root / ".stage" / "mkdocs.yml"
        command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(config)]
        subprocess.run(command, cwd=config.parent, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "peak_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024}


def measure(mode: str, engine: str, root: Path) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, __file__, "--one", mode, engine, str(root)], capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        raise SystemExit(f"{mode} with {engine} failed in {root}:\n{run.stdout}{run.stderr}")
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=3, metavar=("MODE", "ENGINE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], Path(args.one[2]))))
        return
    columns = [f"{name} {engine}" for name in ("build s", "bare s", "peak MiB", "KiB/entry") for engine in ENGINES]
    print(
        f"{'scale':>5} {'entries':>7} " + " ".join(f"{c:>17}" for c in columns) + f" {'Z/M build':>9} {'Z/M peak':>8}"
    )
    for scale in (int(s) for s in args.scales.split(",")):
        with tempfile.TemporaryDirectory() as temporary:
            source = Path(temporary) / "source"
            entries = synthesize(source, scale)
            roots = {engine: Path(temporary) / engine for engine in ENGINES}
            for engine, root in roots.items():
                shutil.copytree(source, root)
                measure("build", engine, root)  # the staged folder, .cache/ and a previous site, as a user has them
            best: dict[tuple[str, str], dict[str, float]] = {}
            for _turn in range(args.repeat):
                for mode in ("build", "bare"):
                    for engine in ENGINES:
                        result = measure(mode, engine, roots[engine])
                        key = (mode, engine)
                        if key not in best or result["seconds"] < best[key]["seconds"]:
                            best[key] = result
            # The measured builds leave each engine's site in place; bare builds write elsewhere or into .stage/.
            per_entry = {
                engine: (
                    folder_bytes(roots[engine] / "site")
                    - sum(p.stat().st_size for p in (roots[engine] / "site").rglob("*.pdf"))
                )
                / entries
                / 1024
                for engine in ENGINES
            }
            cells = [best["build", e]["seconds"] for e in ENGINES] + [best["bare", e]["seconds"] for e in ENGINES]
            memory = [best["build", e]["peak_mib"] for e in ENGINES]
            print(
                f"{scale:>4}× {entries:>7} "
                + " ".join(f"{value:>17.2f}" for value in cells)
                + " "
                + " ".join(f"{value:>17.0f}" for value in memory)
                + " "
                + " ".join(f"{per_entry[e]:>17.1f}" for e in ENGINES)
                + f" {best['build', 'zensical']['seconds'] / best['build', 'mkdocs']['seconds']:>9.2f}"
                + f" {memory[1] / memory[0]:>8.2f}",
                flush=True,
            )
    print(
        "build = playbook build --no-pdf --engine …; bare = the engine alone on the same staged folder;"
        " fastest of the turns; peak = the build's largest process; Z/M = Zensical over MkDocs (the yardstick)"
    )


if __name__ == "__main__":
    main()
