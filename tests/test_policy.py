"""The Content-Security-Policy: on every page, enforced by the browser, and nothing of ours breaks it.

Every browser test fails on a policy violation (the ``page`` fixture in
``conftest.py``), so the tools, search, instant navigation, the offline copy
and the axe runs all hold to it; this file checks the policy itself.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import policy_violations, serve

from playbook.pipeline import Project
from playbook.site.policy import content_security_policy

# Script types a browser does not run: data blocks such as Material's configuration and the tools' data.
DATA_TYPES = {"application/json", "application/ld+json"}


class _Page(HTMLParser):
    """The policy meta element's position and content, and anything the policy would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policy: list[tuple[int, str]] = []
        self.head_elements = 0
        self.in_head = False
        self.refused: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head_elements += 1
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy.append((self.head_elements, attributes.get("content") or ""))
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "") not in DATA_TYPES:
            self._inline_script = True
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.refused.append(f"<{tag} {name}=…> at line {self.getpos()[0]}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.refused.append(f"<{tag} {name}=javascript:…> at line {self.getpos()[0]}")
        if tag == "style":
            self.refused.append(f"<style> at line {self.getpos()[0]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script":
            self._inline_script = False

    def handle_data(self, data: str) -> None:
        if self._inline_script and data.strip():
            self.refused.append(f"inline <script> at line {self.getpos()[0]}: {data.strip()[:60]}")


def read_page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_carries_the_policy_first_and_nothing_it_would_refuse(sample_site: Project) -> None:
    pages = sorted(sample_site.site_dir.rglob("*.html"))
    assert len(pages) > 10 and any(p.name == "404.html" for p in pages)
    for path in pages:
        page = read_page(path)
        # The policy governs only what follows it: it is the first element of the head.
        assert page.policy == [(1, content_security_policy())], path
        assert page.refused == [], path


def test_the_policy_allows_only_the_sites_own_scripts_and_styles() -> None:
    policy = dict(item.split(" ", 1) for item in content_security_policy().split("; "))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert "unsafe" not in content_security_policy() and "http" not in content_security_policy()


def test_the_policy_catches_a_test_page_that_would_break_it() -> None:
    """The page parser above sees each shape the browser would refuse."""
    parser = _Page()
    parser.feed(
        '<html><head><meta charset="utf-8"><script>alert(1)</script></head>'
        '<body><p style="color:red" onclick="x()"><a href="javascript:x()">a</a></p><style>p{}</style></body></html>'
    )
    assert len(parser.refused) == 5 and parser.policy == []


pytestmark_browser = pytest.mark.browser


@pytestmark_browser
def test_the_browser_enforces_the_policy(sample_site: Project, page: Any) -> None:
    """A script or style the site did not ship is refused and reported: the page fixture would fail on it."""
    page.goto(serve(sample_site.site_dir) + "principles/")
    ran = page.evaluate(
        """() => {
            window.__ran = false;
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.body.append(script);
            const outside = document.createElement("script");
            outside.src = "https://example.com/x.js";
            document.body.append(outside);
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
            return window.__ran;
        }"""
    )
    page.wait_for_timeout(300)
    refused = policy_violations(page)
    assert ran is False
    assert any("script-src-elem refused inline" in v for v in refused), refused
    assert any("script-src-elem refused https://example.com/x.js" in v for v in refused), refused
    assert any("style-src-attr refused inline" in v for v in refused), refused
    page.policy_violations.clear()


@pytestmark_browser
def test_the_404_page_search_and_tools_run_under_the_policy(sample_site: Project, page: Any) -> None:
    base = serve(sample_site.site_dir)
    page.goto(base + "404.html")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof __md_get") == "function", "Material's storage helpers loaded from their file"
    page.goto(base + "tools/calculator/")
    page.wait_for_selector('[data-pb-mounted="calculator"]')
    page.keyboard.press("/")
    page.keyboard.type("give")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.evaluate("__md_scope.href") == base
