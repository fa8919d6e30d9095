"""The offline copy: unpacked from its zip and opened from disk in Chromium, with no network."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_project

from playbook.site.offline import ZIP_PATH, offline_config

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built with ``playbook build --offline``, its zip unpacked."""
    project = make_project(tmp_path_factory.mktemp("offline") / "project")
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(project.root), "build", "--offline"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert f"offline copy {project.root / ZIP_PATH}" in result.stderr
    target = project.root / "unpacked"
    with zipfile.ZipFile(project.root / ZIP_PATH) as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(n.startswith("sample-playbook-offline/") for n in names)
        archive.extractall(target)
    return target / "sample-playbook-offline"


def outside_requests(page: Any) -> list[str]:
    return [u for u in page.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]


def indexed_text(html: str) -> str:
    """A page's article as text, without the lists of entries the templates keep out of the search index."""
    article = html.split("<article", 1)[-1]
    article = re.sub(
        r"<div>\s*<(?:ul|h2)\b.*?</ul>\s*</div>|<ul class=\"pb-filterable\".*?</ul>", " ", article, flags=re.S
    )
    return re.sub(r"<[^>]+>", " ", article)


def test_search_works_from_disk(unpacked: Path, page: Any) -> None:
    page.goto((unpacked / "index.html").as_uri())
    page.keyboard.press("/")
    # The index answers from disk with the pages that say "sync", as their files, and only those; lists of
    # other entries (a section's, the tags page's, "Templates that apply it") are kept out of the index.
    saying = {
        path.relative_to(unpacked).as_posix()
        for path in unpacked.rglob("*.html")
        if path.name != "404.html" and "sync" in indexed_text(path.read_text(encoding="utf-8")).lower()
    }
    page.keyboard.type("sync")
    found: set[str] = set()
    for _ in range(60):  # results follow each keystroke: wait for those of the whole word
        page.wait_for_timeout(250)
        links = page.eval_on_selector_all(".md-search-result__item a", "items => items.map(a => a.href)")
        found = {link.split("sample-playbook-offline/")[1].split("?")[0].split("#")[0] for link in links}
        if found == saying:
            break
    assert len(saying) >= 2 and found == saying, (found, saying)
    assert outside_requests(page) == []


def test_tools_mount_from_disk(unpacked: Path, page: Any) -> None:
    for path, tool in (("tools/calculator.html", "calculator"), ("worksheets/network-audit.html", "worksheet")):
        page.goto((unpacked / path).as_uri())
        page.wait_for_selector(f'[data-pb-mounted="{tool}"]', timeout=15000)
    assert page.query_selector(".pb-tool-error") is None
    assert outside_requests(page) == []


def test_connections_import_from_disk_reads_on_the_main_thread(unpacked: Path, page: Any, tmp_path: Path) -> None:
    """No worker can start on a file:// page: the export is read on the main thread instead, and the list shows."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Engineer,12 Mar 2024\n",
        encoding="utf-8",
    )
    page.goto((unpacked / "worksheets/network-audit.html").as_uri())
    page.wait_for_selector('[data-pb-mounted="worksheet"]', timeout=15000)
    page.set_input_files(".pb-audit input[type=file]", str(export))
    page.wait_for_selector(".pb-person", timeout=15000)
    assert "Ada Lovelace" in page.locator(".pb-person").first.inner_text()
    assert outside_requests(page) == []


def test_pages_link_to_html_files_and_the_handouts(unpacked: Path) -> None:
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert 'href="principles/index.html"' in home and 'href="handouts/index.html"' in home
    assert (unpacked / "handouts" / "playbook.pdf").is_file()
    assert 'type="module"' not in home
    assert "unpkg.com" not in home and "iframe-worker.js" in home
    assert (unpacked / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


def test_offline_config_swaps_the_module_for_the_classic_bundle() -> None:
    staged = {
        "mkdocs.yml": (
            b"site_name: Sample\nplugins:\n- search\n- tags\n"
            b"theme:\n  name: material\n  features: [navigation.instant, navigation.tracking, search.highlight]\n"
            b"extra:\n  generator: false\n"
            b"extra_javascript:\n- path: assets/playbook/main.js\n  type: module\n- assets/extra.js\n"
        ),
    }
    config = yaml.safe_load(offline_config(staged))
    # One complete file: Zensical would append the lists of an INHERITed one where MkDocs replaces them.
    assert "INHERIT" not in config
    assert config["site_name"] == "Sample" and config["theme"]["name"] == "material"
    assert config["plugins"] == ["search", "tags", "offline"]
    assert config["extra_javascript"] == ["assets/playbook/offline/tools.js", "assets/extra.js"]
    assert config["extra"] == {
        "generator": False,
        "polyfills": ["assets/playbook/offline/iframe-worker.js"],
        "alternate": False,
        "languages": [],
    }
    assert config["theme"]["features"] == ["navigation.tracking", "search.highlight"]
    assert config["use_directory_urls"] is False


def test_offline_zip_is_reproducible(unpacked: Path, tmp_path: Path) -> None:
    first = unpacked.parent.parent / ZIP_PATH
    again = make_project(tmp_path / "again")
    subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(again.root), "--quiet", "build", "--offline"],
        check=True,
        timeout=600,
    )
    assert (again.root / ZIP_PATH).read_bytes() == first.read_bytes()


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as a site in English and Spanish (give-first translated), built with ``--offline``, unpacked."""
    project = make_project(tmp_path_factory.mktemp("offline-two") / "project")
    site_yml = project.content_dir / "site.yml"
    text = re.sub(r"(?m)^language: .*\n", "", site_yml.read_text(encoding="utf-8"))
    site_yml.write_text(text + "languages: [en, es]\n", encoding="utf-8")
    (project.content_dir / "principles" / "give-first.es.yml").write_text(
        'translation_of: give-first\nreviewed: ""\ntitle: Da antes de pedir\nsummary: Ofrece algo útil antes de pedir.\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(project.root), "build", "--offline", "--no-pdf"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "2 languages" in result.stderr
    target = project.root / "unpacked"
    with zipfile.ZipFile(project.root / ZIP_PATH) as archive:
        archive.extractall(target)
    return target / "sample-playbook-offline"


def test_the_offline_copy_holds_both_languages_and_switches_between_them_from_disk(
    two_languages: Path, page: Any
) -> None:
    for path in ("index.html", "es/index.html", "principles/give-first.html", "es/principles/give-first.html"):
        assert (two_languages / path).is_file(), path
    assert (two_languages / "es/search/search_index.js").is_file()
    page.goto((two_languages / "principles/give-first.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "en"
    page.evaluate("document.querySelector('a.md-select__link[hreflang=es]').click()")
    page.wait_for_url((two_languages / "es/principles/give-first.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text().startswith("Da antes de pedir")
    page.evaluate("document.querySelector('a.md-select__link[hreflang=en]').click()")
    page.wait_for_url((two_languages / "principles/give-first.html").as_uri())
    # The Spanish copy searches its own pages, from disk.
    page.goto((two_languages / "es/index.html").as_uri())
    page.keyboard.press("/")
    page.keyboard.type("pedir")
    page.wait_for_selector(".md-search-result__item a[href*='give-first']", timeout=15000)
    assert outside_requests(page) == []
