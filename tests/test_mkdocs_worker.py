"""MkDocs warmed up in a second process: the same site, the same failures, and a fallback that always builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.engines import mkdocs_adapter, mkdocs_worker
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
    with mkdocs_worker.started([staged]) as builder:
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
    with mkdocs_worker.started([config]) as builder, pytest.raises(mkdocs_adapter.BuildFailed) as failure:
        builder.build(config, tmp_path / "site")
    assert any("broken.md" in message and "missing-page.md" in message for message in failure.value.messages)


def _must_not_fall_back(self: object, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
    raise AssertionError("the worker's answer should have been used")


def test_the_worker_builds_with_the_timestamp_set_after_it_started(
    staged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with mkdocs_worker.started([staged]) as builder:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
        builder.build(staged, tmp_path / "worker")
    mkdocs_worker.InProcess().build(staged, tmp_path / "same")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mkdocs_worker.InProcess().build(staged, tmp_path / "other")
    sitemap = "sitemap.xml.gz"
    assert (tmp_path / "worker" / sitemap).read_bytes() == (tmp_path / "same" / sitemap).read_bytes()
    assert (tmp_path / "worker" / sitemap).read_bytes() != (tmp_path / "other" / sitemap).read_bytes()


def test_what_a_plugin_prints_does_not_garble_the_answer(
    staged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "stage"
    shutil.copytree(staged.parent, copy)
    (copy / "noisy.py").write_text(
        'def on_post_build(config, **kwargs):\n    print("{\\"pages\\": \\"noise without a newline", end="")\n'
    )
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n- noisy.py\n")
    monkeypatch.setattr(mkdocs_worker.InProcess, "build", _must_not_fall_back)
    with mkdocs_worker.started([config]) as builder:
        assert builder.build(config, tmp_path / "site") > 10
    assert "noise without a newline" in capfd.readouterr().err


def test_a_worker_that_crashes_leaves_the_build_to_this_process(staged: Path, tmp_path: Path) -> None:
    crashes = [sys.executable, "-c", 'import sys; sys.stdin.readline(); print(\'{"crashed": "RuntimeError: x"}\')']
    with mkdocs_worker.started([staged], command=crashes) as builder:
        assert builder.build(staged, tmp_path / "site") > 10
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_worker_that_dies_leaves_the_build_to_this_process(staged: Path, tmp_path: Path) -> None:
    dies = [sys.executable, "-c", "import sys; sys.exit(3)"]
    with mkdocs_worker.started([staged], command=dies) as builder:
        pages = builder.build(staged, tmp_path / "site")
    assert pages > 10
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_worker_that_cannot_start_leaves_the_build_to_this_process(staged: Path) -> None:
    with mkdocs_worker.started([staged], command=[str(staged.parent / "no-such-program")]) as builder:
        assert isinstance(builder, mkdocs_worker.InProcess)


def test_an_unused_worker_is_sent_away(staged: Path) -> None:
    with mkdocs_worker.started([staged]) as builder:
        assert isinstance(builder, mkdocs_worker.Warmed)
    assert builder.process.poll() is not None


def test_one_core_builds_in_this_process(staged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_worker, "cores", lambda: 1)
    with mkdocs_worker.started([staged]) as builder:
        assert isinstance(builder, mkdocs_worker.InProcess)


def test_the_worker_can_be_turned_off(staged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(mkdocs_worker.OPT_OUT, "0")
    with mkdocs_worker.started([staged]) as builder:
        assert isinstance(builder, mkdocs_worker.InProcess)


@pytest.mark.parametrize(("cpu_max", "expected"), [("100000 100000\n", 1), ("150000 100000\n", 1), ("max 100000\n", 2)])
def test_a_container_cpu_quota_counts_as_cores(
    cpu_max: str, expected: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cpu.max").write_text(cpu_max)
    monkeypatch.setattr(mkdocs_worker, "_CGROUP_CPU_MAX", tmp_path / "cpu.max")
    monkeypatch.setattr(mkdocs_worker.os, "sched_getaffinity", lambda pid: {0, 1})
    assert mkdocs_worker.cores() == expected


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ('{"pages": 3}\n', {"pages": 3}),
        ('noise\n{"failed": ["x"]}\n', {"failed": ["x"]}),
        ('{"pages": 3', {}),
        ('"pages"\n', {}),
        ("", {}),
    ],
)
def test_only_a_whole_json_object_counts_as_an_answer(output: str, expected: dict[str, object]) -> None:
    assert mkdocs_worker.answer_in(output) == expected


def test_a_fresh_clone_warms_up_from_the_base_configuration(project: Project) -> None:
    # In a fresh process, as the worker is: the tests' own process has imported MkDocs long ago.
    probe = (
        "import sys; from pathlib import Path; from playbook.engines.mkdocs_worker import warm_up; "
        "warm_up([Path(sys.argv[1]), Path(sys.argv[2])]); "
        "print(sorted(m for m in ('material', 'material.plugins.search') if m in sys.modules))"
    )
    assert not project.stage_dir.exists()
    result = subprocess.run(
        [sys.executable, "-c", probe, str(project.stage_dir / "mkdocs.yml"), str(project.base_config)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "['material', 'material.plugins.search']"
