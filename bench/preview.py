#!/usr/bin/env python3
"""Benchmark: how soon the browser shows a saved edit under ``playbook serve``, beside a bare ``mkdocs serve``.

    .venv/bin/python bench/preview.py [--scales 1,10] [--edits 5]

For each scale (the default playbook's entries repeated, as in bench/run.py) it
starts ``playbook serve`` on a copy of the project and opens one principle's page
in Chromium. Each edit changes that principle's title in its YAML file; the time
counts from the write to the moment the reloaded page shows the new title. Then,
as the yardstick, a bare ``mkdocs serve`` of a copy of the same staged folder,
where each edit changes the title in the page's staged Markdown. It prints the
median, fastest and slowest of ``--edits`` edits for both, and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from run import synthesize  # noqa: E402

ENTRY = "always-be-networking"
TITLE = "Keep networking when you need nothing"
BIN = Path(sys.executable).parent
PATIENCE_MS = 300_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(argv: list[str], ready: str) -> Iterator[subprocess.Popen[str]]:
    """A server process, once it printed ``ready`` on standard error."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    try:
        for line in process.stderr:
            if ready in line:
                break
        else:
            raise SystemExit(f"{argv[0]} ended before serving")
        # Keep reading, so a chatty server never blocks on a full pipe.
        drain = subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
        yield process
    finally:
        process.terminate()
        process.wait(30)
        if "drain" in locals():
            drain.wait(30)


def edits(page: object, url: str, count: int, write: Callable[[str], None]) -> list[float]:
    """Seconds from each write to the browser showing the written title."""
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_function("t => document.querySelector('h1').textContent.includes(t)", arg=TITLE)  # type: ignore[attr-defined]
    seconds = []
    for number in range(1, count + 1):
        title = f"{TITLE} (edit {number})"
        start = time.perf_counter()
        write(title)
        page.wait_for_function(  # type: ignore[attr-defined]
            "t => document.querySelector('h1') && document.querySelector('h1').textContent.includes(t)",
            arg=title,
            polling="raf",
            timeout=PATIENCE_MS,
        )
        seconds.append(time.perf_counter() - start)
        # Let the server settle between edits, as a person reading the page would.
        time.sleep(1.0)
    return seconds


def replace_title(path: Path, before: str) -> Callable[[str], None]:
    """A writer that replaces the current title in ``path`` (a YAML or Markdown file) with a new one."""
    current = [before]

    def write(title: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert current[0] in text, f"{path} no longer holds {current[0]!r}"
        path.write_text(text.replace(current[0], title), encoding="utf-8")
        current[0] = title

    return write


def measure(scale: int, count: int, browser: object) -> tuple[list[float], list[float], int]:
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as temporary:
        root = Path(temporary) / "project"
        entries = synthesize(root, scale)
        port = free_port()
        ours = [str(BIN / "playbook"), "--project", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"]
        page = browser.new_page()  # type: ignore[attr-defined]
        with running(ours, "Serving the preview on"):
            yaml_file = root / "content" / "principles" / f"{ENTRY}.yml"
            playbook = edits(
                page, f"http://127.0.0.1:{port}/principles/{ENTRY}/", count, replace_title(yaml_file, TITLE)
            )
        # The yardstick serves a copy of the staged folder as it was before the edits.
        replace_title(yaml_file, f"{TITLE} (edit {count})")(TITLE)
        subprocess.run([str(BIN / "playbook"), "--project", str(root), "-q", "build", "--no-pdf"], check=True)
        bare_root = Path(temporary) / "bare"
        shutil.copytree(root / ".stage", bare_root)
        # MkDocs' live reload is an inline script, which the site's Content-Security-Policy refuses: the
        # yardstick's copy allows inline scripts, so that its browser reloads at all.
        config = bare_root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "script-src 'self';" in text, "the staged configuration no longer sets script-src as expected"
        config.write_text(text.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';"), encoding="utf-8")
        port = free_port()
        bare = [str(BIN / "mkdocs"), "serve", "-f", str(bare_root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
        with running(bare, "Serving on"):
            markdown = bare_root / "docs" / "principles" / f"{ENTRY}.md"
            mkdocs = edits(page, f"http://127.0.0.1:{port}/principles/{ENTRY}/", count, replace_title(markdown, TITLE))
        page.close()  # type: ignore[attr-defined]
    return playbook, mkdocs, entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(
        f"{'scale':>5} {'entries':>7}  {'playbook serve s (median, min–max)':>36}  {'mkdocs serve s (median, min–max)':>34}  ratio"
    )
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for scale in (int(s) for s in args.scales.split(",")):
            ours, bare, entries = measure(scale, args.edits, browser)

            def shown(values: list[float]) -> str:
                return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"

            ratio = statistics.median(ours) / statistics.median(bare)
            print(f"{scale:>5}× {entries:>6}  {shown(ours):>36}  {shown(bare):>34}  {ratio:.2f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
