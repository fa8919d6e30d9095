"""Shared fixtures: throwaway playbook projects, built sites, and a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS

from playbook.pipeline import Project, build_site
from playbook.report import Reporter

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# A fixed timestamp keeps builds comparable byte for byte.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")


def unavailable(reason: str) -> NoReturn:
    """Stop a test that cannot run on this machine: a visible skip here, a failure on CI.

    CI (``CI=true``) sets up everything the tests need, so a test that cannot run there
    is a test that would silently never run; it fails instead.
    """
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} — on CI every test must run")
    pytest.skip(reason)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output",
    )


def make_project(target: Path, content: Path | None = None) -> Project:
    """A project in ``target`` that shares the repo's generators and overrides, with its own content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content or FIXTURES / "sample", target / "content")
    # Editors and tools leave short-lived files (sed's, ours) while tests copy the tree.
    transient = shutil.ignore_patterns("sed*", ".tmp-*", "__pycache__", "*~")
    shutil.copytree(REPO / "generators", target / "generators", ignore=transient)
    shutil.copytree(REPO / "overrides", target / "overrides", ignore=transient)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def run_cli(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``playbook`` on a project in a separate process, as a person at a terminal would."""
    return subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(project.root), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the sample project."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The sample project, built once for the whole session."""
    built = make_project(tmp_path_factory.mktemp("sample") / "project")
    build_site(built, Reporter(quiet=True))
    return built


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own playbook, built once for the whole session."""
    built = make_project(tmp_path_factory.mktemp("default") / "project", REPO / "content")
    build_site(built, Reporter(quiet=True))
    return built


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.cache
def _serve(directory: str) -> str:
    handler = functools.partial(_QuietHandler, directory=directory)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve(site_dir: Path) -> str:
    """Serve a built site on localhost; return its base URL."""
    return _serve(str(site_dir))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (which cannot download its own browser here)."""
    import playwright.sync_api as playwright_api

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}; the README's test command installs it")
    with playwright_api.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


# Reports every Content-Security-Policy violation of every document the page opens (frames too).
_REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) =>
    window.__pbPolicyViolation(`${e.effectiveDirective} refused ${e.blockedURI || "inline"}`
        + ` at ${e.sourceFile || location.href}:${e.lineNumber}:${e.columnNumber}`), true);"""


def policy_violations(tab: object) -> list[str]:
    """What the page's Content-Security-Policy refused so far, as events and as console messages."""
    return list(tab.policy_violations)  # type: ignore[attr-defined]


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page that records every request it makes, and fails its test on any policy violation.

    Every browser test thereby also holds the site to its Content-Security-Policy
    (``playbook/site/policy.py``): a tool, search or navigation step that needs
    an inline script or another host's file fails where it runs.
    """
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.requests = []
    tab.policy_violations = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.expose_function("__pbPolicyViolation", lambda violation: tab.policy_violations.append(violation))
    tab.add_init_script(_REPORT_VIOLATIONS)
    tab.on(
        "console",
        lambda message: "Content Security Policy" in message.text and tab.policy_violations.append(message.text),
    )
    yield tab
    context.close()
    assert tab.policy_violations == [], f"Content-Security-Policy violations: {tab.policy_violations}"
