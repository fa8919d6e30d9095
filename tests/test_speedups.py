"""Each speed-up can be turned off for the benchmark, and turning it off changes how soon, never what."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project

from playbook import speedups
from playbook.pipeline import build_site
from playbook.report import Reporter


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_with_every_speed_up_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = make_project(tmp_path / "project")
    build_site(project, Reporter(quiet=True), handouts=False)
    with_them = _tree(project.site_dir)
    monkeypatch.setenv(speedups.VARIABLE, ",".join(speedups.PIECES))
    assert not any(speedups.enabled(piece) for piece in speedups.PIECES)
    build_site(project, Reporter(quiet=True), handouts=False)
    assert _tree(project.site_dir) == with_them


def test_an_unknown_speed_up_is_a_mistake_in_the_code() -> None:
    with pytest.raises(ValueError, match="expected one of"):
        speedups.enabled("warp-drive")
