"""The live preview's refresh after one edit gives the very site a full build of the edited content gives.

``playbook serve`` has the engine bring the previous build up to date in place
(MkDocs: a dirty build of the pages whose staged file changed). What a reader
sees must not depend on that: the pages, the navigation, the search index and
the tags page are the same bytes as a fresh build's.
"""

from __future__ import annotations

from pathlib import Path

from conftest import make_project

from playbook.engines import engine as engines
from playbook.pipeline import Previewing
from playbook.report import Reporter

# Files that differ between any two builds whatever was edited: none today.
ALWAYS_DIFFERENT: frozenset[str] = frozenset()


class Counting(engines.InProcess):
    """The MkDocs engine, counting which way each update went."""

    def __init__(self) -> None:
        super().__init__("mkdocs")
        self.calls: list[str] = []

    def build(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
        self.calls.append("build")
        return super().build(config_file, site_dir, cache_dir)

    def refresh(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
        self.calls.append("refresh")
        return super().refresh(config_file, site_dir, cache_dir)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _same_as_a_full_build(previewing: Previewing, project_stage: Path, full: Path) -> dict[str, bytes]:
    engines.InProcess("mkdocs").build(project_stage / "mkdocs.yml", full)
    refreshed, built = _tree(previewing.preview.site_dir), _tree(full)
    assert sorted(refreshed) == sorted(built)
    differing = sorted(path for path in built if refreshed[path] != built[path] and path not in ALWAYS_DIFFERENT)
    assert differing == [], f"the refreshed preview differs from a full build in {differing}"
    return refreshed


def test_a_refreshed_preview_is_the_site_a_full_build_makes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    engine = Counting()
    previewing = Previewing(project, Reporter(quiet=True), engine, tmp_path / "preview")
    previewing.update()
    previewing.warm_up()
    entry = project.content_dir / "principles" / "give-first.yml"
    edits = [
        ("title: Give before you ask", "title: Offer help before any ask"),
        ("tags: [giving, first contact]", "tags: [first contact, reciprocity]"),
    ]
    shown = {}
    for number, (before, after) in enumerate(edits):
        text = entry.read_text(encoding="utf-8")
        assert before in text
        entry.write_text(text.replace(before, after), encoding="utf-8")
        engine.calls.clear()
        previewing.update()
        assert engine.calls == ["refresh"], "one edited entry should refresh the preview in place, not build it afresh"
        assert not previewing.preview.problems
        shown[number] = _same_as_a_full_build(previewing, project.stage_dir, tmp_path / f"full-{number}")
    # What a reader would notice first, said plainly: the new title in the search and on the tags page,
    # and the tags page following the entry's tags.
    assert "Offer help before any ask" in shown[0]["search/search_index.json"].decode()
    assert "Offer help before any ask" in shown[0]["tags/index.html"].decode()
    assert "Give before you ask" not in shown[0]["tags/index.html"].decode()
    assert 'id="tag:reciprocity"' in shown[1]["tags/index.html"].decode()
