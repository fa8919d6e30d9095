#!/usr/bin/env python3
"""Reproduction: Zensical's tags listing grows with the square of the tagged pages.

    .venv/bin/python bench/zensical_tags.py [--pages 100,300,1000]

For each count it writes a plain project (no playbook code, nothing of ours):
that many short Markdown pages with four tags each out of twenty, a ``tags.md``
and the ``tags`` plugin, and builds it with the bare ``python -m zensical build``
twice, in a fresh process each: once with the listing marker
(``<!-- material/tags -->``) on ``tags.md``, once without. Each build runs under
``prlimit --as=8000000000`` so a runaway cannot take the machine down; the table
gives wall time and peak memory of both, and MkDocs' bare build of the project
with the marker as the yardstick.

Measured with zensical 0.0.73 (2 cores, shared machine), with the marker:
100 pages 82 MB, 300 pages 183 MB, 1,000 pages 1.24 GB and 10.5 s; without it,
1,000 pages 152 MB and 2.5 s. Only the tagged pages count: 1,000 pages of which
50 are tagged take 123 MB. The playbook therefore writes its tags page itself
(playbook/site/pages.py, Shaper.tags_page) and leaves the marker out.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT = ["prlimit", "--as=8000000000", "--"]


def write(root: Path, pages: int, marker: bool) -> None:
    """A project of ``pages`` tagged pages, a tags page with or without the listing marker."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs" / "p").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\n[Tags](tags.md)\n", encoding="utf-8")
    (root / "docs" / "tags.md").write_text("# Tags\n\n" + ("<!-- material/tags -->\n" if marker else ""))
    for i in range(pages):
        tags = "".join(f"  - topic-{(i * 7 + k) % 20}\n" for k in range(4))
        page = f"---\ntags:\n{tags}---\n\n# Page {i}\n\nA short page.\n"
        (root / "docs" / "p" / f"page-{i}.md").write_text(page, encoding="utf-8")
    config = "site_name: Repro\ntheme:\n  name: material\nplugins:\n  - search\n  - tags\n"
    config += "nav:\n  - Home: index.md\n  - Tags: tags.md\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


# Runs the command and prints its peak resident memory in KiB: each measurement gets a parent of its own.
_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True);"
    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of one command in a fresh process."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _PEAK, *command], cwd=cwd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, int(run.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="100,300,1000")
    args = parser.parse_args()
    zensical = [*LIMIT, sys.executable, "-m", "zensical", "build", "--clean", "--config-file", "mkdocs.yml"]
    mkdocs = [*LIMIT, sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "mkdocs-site"]
    print(f"{'pages':>6} {'marker s':>9} {'marker MiB':>11} {'none s':>7} {'none MiB':>9} {'mkdocs s':>9}")
    with tempfile.TemporaryDirectory() as temporary:
        for pages in (int(n) for n in args.pages.split(",")):
            root = Path(temporary) / f"p{pages}"
            write(root, pages, marker=False)
            none = timed(zensical, root)
            write(root, pages, marker=True)
            marked = timed(zensical, root)
            yardstick, _ = timed(mkdocs, root)
            print(
                f"{pages:>6} {marked[0]:>9.2f} {marked[1]:>11.0f} {none[0]:>7.2f} {none[1]:>9.0f} {yardstick:>9.2f}",
                flush=True,
            )
    print("marker = tags.md holds <!-- material/tags -->; none = it does not; MiB = peak resident memory")


if __name__ == "__main__":
    main()
