"""MkDocs warmed up in a second process: the same site, the same failures, and a fallback that always builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from playbook import mkdocs_adapter, mkdocs_worker
from playbook.pipeline import Project, build_site
from playbook.report import Reporter


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def staged(sample_site: Project, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The staged mkdocs.yml of the built sample project, on a machine with a second core."""
    monkeypatch.setattr(mkdocs_worker, "cores", lambda: 2)
    return sample_site.stage_dir / "mkdocs.yml"


def test_the_worker_builds_the_same_site_as_mkdocs_in_this_process(staged: Path, tmp_path: Path) -> None:
    with mkdocs_worker.started(staged) as builder:
        assert isinstance(builder, mkdocs_worker.Warmed), "a two-core machine should warm MkDocs up in a worker"
        pages = builder.build(staged, tmp_path / "worker")
    here = mkdocs_worker.InProcess().build(staged, tmp_path / "here")
    assert pages == here > 10
    assert _files(tmp_path / "worker") == _files(tmp_path / "here")


def test_the_worker_reports_what_mkdocs_refuses(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mkdocs_worker, "cores", lambda: 2)
    build_site(project, Reporter(quiet=True), handouts=False)
    broken = project.stage_dir / "docs" / "broken.md"
    broken.write_text("# Broken\n\n[nowhere](missing-page.md)\n", encoding="utf-8")
    config = project.stage_dir / "mkdocs.yml"
    with mkdocs_worker.started(config) as builder, pytest.raises(mkdocs_adapter.BuildFailed) as failure:
        builder.build(config, tmp_path / "site")
    assert any("broken.md" in message and "missing-page.md" in message for message in failure.value.messages)


def test_a_worker_that_dies_leaves_the_build_to_this_process(staged: Path, tmp_path: Path) -> None:
    dies = [sys.executable, "-c", "import sys; sys.exit(3)"]
    with mkdocs_worker.started(staged, command=dies) as builder:
        pages = builder.build(staged, tmp_path / "site")
    assert pages > 10
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_worker_that_cannot_start_leaves_the_build_to_this_process(staged: Path) -> None:
    with mkdocs_worker.started(staged, command=[str(staged.parent / "no-such-program")]) as builder:
        assert isinstance(builder, mkdocs_worker.InProcess)


def test_an_unused_worker_is_sent_away(staged: Path) -> None:
    with mkdocs_worker.started(staged) as builder:
        assert isinstance(builder, mkdocs_worker.Warmed)
    assert builder.process.poll() is not None


def test_one_core_builds_in_this_process(staged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_worker, "cores", lambda: 1)
    with mkdocs_worker.started(staged) as builder:
        assert isinstance(builder, mkdocs_worker.InProcess)
