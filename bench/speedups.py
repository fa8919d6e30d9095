#!/usr/bin/env python3
"""Benchmark: what each speed-up saves of the full build, measured with and without it in one run.

    .venv/bin/python bench/speedups.py [--scales 1,10] [--runs 5,3]

For each scale (the default entries repeated, as bench/run.py makes them) one
project is built once, so it has its staged folder, ``.cache/`` and a previous
site, as a user who builds again has them. Then each turn runs, in a fresh
process each and in an order that changes from turn to turn: the full build
(``playbook build --no-pdf``) with every speed-up, the same with each speed-up
turned off in turn (``PLAYBOOK_WITHOUT``, read in playbook/speedups.py), and a
bare ``mkdocs build`` of the staged folder as the yardstick. Wall time counts
from starting the command to its end, the interpreter's start included.

It prints the median of each kind of run, and for each speed-up the median over
the turns of what it saves, (without − with) / without, each turn's pair taken
together so that a slow spell of a shared machine hits both alike. A speed-up
earns its place at 10% or more at either scale.

With ``--preview`` it weighs the same speed-ups in ``playbook serve`` instead:
each run is a fresh process that brings a preview up, then times the update
after each of three edits of one entry's title (load to refreshed folder, the
browser left out), and counts the median of the three.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from run import synthesize  # noqa: E402

from playbook import speedups  # noqa: E402

BIN = Path(sys.executable).parent
ALL = "all on"
BARE = "bare mkdocs"


def command(kind: str, root: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of one kind of run."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    environment.pop(speedups.VARIABLE, None)
    if kind == BARE:
        config = str(root / ".stage" / "mkdocs.yml")
        return [str(BIN / "mkdocs"), "build", "-q", "-f", config, "-d", str(root / "bare-site")], environment
    if kind != ALL:
        environment[speedups.VARIABLE] = kind
    return [str(BIN / "playbook"), "--project", str(root), "-q", "build", "--no-pdf"], environment


PREVIEW_RUN = """
import statistics, sys, time
from pathlib import Path
from playbook.engines import engine
from playbook.pipeline import Previewing, Project
from playbook.report import Reporter
root = Path(sys.argv[1])
previewing = Previewing(Project(root), Reporter(quiet=True), engine.InProcess("mkdocs"), Path(sys.argv[2]))
previewing.update()
previewing.warm_up()
entry = root / "content" / "principles" / "always-be-networking.yml"
title = "Keep networking when you need nothing"
seconds = []
for number in range(3):
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace(title, f"{title} ({number})", 1), encoding="utf-8")
    title = f"{title} ({number})"
    start = time.perf_counter()
    previewing.update()
    seconds.append(time.perf_counter() - start)
print(statistics.median(seconds))
"""


def timed_preview(kind: str, root: Path) -> float:
    """The median seconds of a preview's update after an edit, in a fresh copy of ``root``."""
    _, environment = command(kind, root)
    with tempfile.TemporaryDirectory(prefix="bench-speedups-preview-") as temporary:
        copy = Path(temporary) / "project"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", "bare-site"))
        argv = [sys.executable, "-c", PREVIEW_RUN, str(copy), str(Path(temporary) / "site")]
        output = subprocess.run(argv, env=environment, check=True, capture_output=True, text=True).stdout
    return float(output.strip().splitlines()[-1])


def timed(kind: str, root: Path) -> float:
    argv, environment = command(kind, root)
    start = time.perf_counter()
    subprocess.run(argv, env=environment, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", default="5,3", help="turns per scale, in the order of --scales")
    parser.add_argument("--pieces", default=",".join(speedups.PIECES), help="the speed-ups to weigh")
    parser.add_argument("--preview", action="store_true", help="weigh them in playbook serve's update after an edit")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    runs = [int(r) for r in args.runs.split(",")]
    runs += [runs[-1]] * (len(scales) - len(runs))
    pieces = [p for p in args.pieces.split(",") if p]
    kinds = [ALL, *pieces] if args.preview else [ALL, *pieces, BARE]
    measure = timed_preview if args.preview else timed
    shuffle = random.Random(14)
    print(f"{'scale':>5} {'entries':>7} {'turns':>5}  " + "  ".join(f"{k:>16}" for k in kinds))
    savings: dict[tuple[int, str], float] = {}
    for scale, turns in zip(scales, runs, strict=True):
        with tempfile.TemporaryDirectory(prefix="bench-speedups-") as temporary:
            root = Path(temporary) / "project"
            entries = synthesize(root, scale)
            timed(ALL, root)  # the first build: staged folder, .cache/ and site, as a user has them
            timed(ALL, root)  # and a second, so the manifest's records are old enough to be trusted
            seconds: dict[str, list[float]] = {kind: [] for kind in kinds}
            for _turn in range(turns):
                order = kinds[:]
                shuffle.shuffle(order)
                for kind in order:
                    seconds[kind].append(measure(kind, root))
            shutil.rmtree(root / "bare-site", ignore_errors=True)
        cells = [f"{statistics.median(seconds[k]):>15.2f}s" for k in kinds]
        print(f"{scale:>4}× {entries:>7} {turns:>5}  " + "  ".join(cells), flush=True)
        for piece in pieces:
            pairs = [(off - on) / off for off, on in zip(seconds[piece], seconds[ALL], strict=True)]
            savings[scale, piece] = statistics.median(pairs)
    print()
    print(f"{'speed-up':<16} " + " ".join(f"{f'saves at {s}×':>12}" for s in scales) + "  verdict")
    for piece in pieces:
        found = [savings[s, piece] for s in scales]
        verdict = "earns its place" if max(found) >= 0.10 else "under 10% at every scale"
        print(f"{piece:<16} " + " ".join(f"{v:>12.1%}" for v in found) + f"  {verdict}")
    measured = "the preview's update after an edit" if args.preview else "the full build"
    print(
        f"columns under a speed-up's name: {measured} with it turned off; saves = median over the turns of"
        " (without − with) / without, paired by turn; medians of the turns; wall time on a machine that may be"
        " shared" + ("" if args.preview else "; the yardstick is the bare mkdocs build of the same staged folder")
    )


if __name__ == "__main__":
    main()
