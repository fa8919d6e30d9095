"""axe-core in Chromium over every built page: no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import serve

from playbook.pipeline import Project

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]


def pages_of(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if "assets" not in p.parts and "search" not in p.parts
    )


def check_site(project: Project, page: Any) -> dict[str, list[str]]:
    base = serve(project.site_dir)
    found = {}
    for path in pages_of(project.site_dir):
        page.goto(base + path)
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    return found


def test_sample_pages_have_no_wcag_violations(sample_site: Project, page: Any) -> None:
    assert check_site(sample_site, page) == {}
    assert not [u for u in page.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]


def test_search_dialog_has_no_wcag_violations(sample_site: Project, page: Any) -> None:
    page.goto(serve(sample_site.site_dir))
    page.keyboard.press("/")
    page.keyboard.type("relationships")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert axe_violations(page) == []


def test_default_playbook_pages_have_no_wcag_violations(default_site: Project, page: Any) -> None:
    assert check_site(default_site, page) == {}
    assert not [u for u in page.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
