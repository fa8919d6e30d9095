"""``playbook serve`` in a real browser: an edit to a fork's file shows up, a broken edit shows its problem
over the last good page, and fixing it reloads. How fast is measured by bench/preview.py, not here."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project
from playwright.sync_api import expect
from test_accessibility import axe_violations

from playbook.pipeline import Project
from playbook.site.preview import Preview, with_client

# A guard against a hung server, not a speed target.
PATIENCE_MS = 120_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served_fork(tmp_path: Path) -> Iterator[tuple[Project, str, subprocess.Popen[str]]]:
    project = make_project(tmp_path / "fork")
    shutil.copytree(FIXTURES / "fork", project.content_dir / "local")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook", "--project", str(project.root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _wait_for_address(server: subprocess.Popen[str]) -> str:
    """The address the server prints once the first build is in."""
    assert server.stderr is not None
    deadline = time.monotonic() + PATIENCE_MS / 1000
    for line in server.stderr:
        if line.startswith("Serving the preview on "):
            return line.split()[4]
        assert time.monotonic() < deadline, "serve never said where it serves"
    raise AssertionError("serve ended before serving")


def test_an_edit_reloads_and_a_broken_edit_shows_its_problem_over_the_last_good_page(
    served_fork: tuple[Project, str, subprocess.Popen[str]], page: object
) -> None:
    project, url, server = served_fork
    assert _wait_for_address(server) == url
    note = project.content_dir / "local" / "principles" / "visit-the-career-fair.yml"
    good = note.read_text(encoding="utf-8")
    address = f"{url}principles/visit-the-career-fair/"
    page.goto(address)  # type: ignore[attr-defined]
    heading = page.locator("h1")  # type: ignore[attr-defined]
    original = "Visit the Riverside career fair with a plan"
    assert f"title: {original}\n" in good and original in heading.inner_text()

    # Each save reloads the page by itself; a page that reloaded has forgotten this mark.
    page.evaluate("window.notReloaded = true")  # type: ignore[attr-defined]
    note.write_text(good.replace(f"title: {original}", f"title: {original} <b>now</b>", 1), encoding="utf-8")
    expect(heading).to_contain_text(f"{original} <b>now</b>", timeout=PATIENCE_MS)
    assert page.evaluate("window.notReloaded") is None  # type: ignore[attr-defined]

    page.evaluate("window.notReloaded = true")  # type: ignore[attr-defined]
    note.write_text(good.replace("title:", "title: [a list never closed,", 1), encoding="utf-8")
    overlay = page.get_by_role("alert")  # type: ignore[attr-defined]
    overlay.wait_for(timeout=PATIENCE_MS)
    text = overlay.inner_text()
    assert "content/local/principles/visit-the-career-fair.yml:" in text
    assert "is not closed" in text
    # The same located message the terminal shows, and the page under it is still the last good one.
    assert page.evaluate("window.notReloaded") is True  # type: ignore[attr-defined]
    assert f"{original} <b>now</b>" in heading.inner_text()
    close = overlay.get_by_role("button", name="Close")
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert close.evaluate("b => b === document.activeElement"), "the overlay's Close button is the first stop of Tab"
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert overlay.count() == 0

    # A second broken save shows the overlay again, the markup in it as text; fixing it reloads the page.
    note.write_text(good + '"<b>bold</b>": yes\n', encoding="utf-8")
    overlay.wait_for(timeout=PATIENCE_MS)
    assert "unknown key '<b>bold</b>'" in overlay.inner_text()
    assert overlay.locator("b").count() == 0
    assert axe_violations(page) == []
    note.write_text(good.replace(f"title: {original}", f"title: {original} fixed", 1), encoding="utf-8")
    expect(heading).to_contain_text(f"{original} fixed", timeout=PATIENCE_MS)
    assert page.evaluate("window.notReloaded") is None  # type: ignore[attr-defined]
    assert page.get_by_role("alert").count() == 0  # type: ignore[attr-defined]
    assert all(request.startswith(url) for request in page.requests)  # type: ignore[attr-defined]


def test_the_client_goes_before_the_end_of_the_body_and_names_only_a_number() -> None:
    page = b"<html><body><p>x</p></body></html>"
    served = with_client(page, 7)
    assert served.endswith(b'data-preview-version="7" defer></script></body></html>')
    assert with_client(b"<p>no body</p>", 2).startswith(b"<p>no body</p><link")


def test_an_address_cannot_leave_the_site_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "principles" / "x").mkdir(parents=True)
    (site / "principles" / "x" / "index.html").write_text("x")
    (tmp_path / "secret.txt").write_text("no")
    preview = Preview(site)
    assert preview.file("/../secret.txt") == (None, "")
    assert preview.file("/principles/x") == (None, "/principles/x/")
    assert preview.file("/principles/x/") == ((site / "principles" / "x" / "index.html").resolve(), "")
