"""Staging: only changed files are written, and the manifest spares reading the unchanged ones."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from playbook.site import stage
from playbook.site.stage import sync_tree

FILES = {"docs/index.md": b"# Home\n", "docs/a/one.md": b"# One\n", "mkdocs.yml": b"site_name: x\n"}


def _age(manifest: Path, seconds: int) -> None:
    """Pretend the sync that saved the manifest began ``seconds`` after the files it records last changed."""
    saved = json.loads(manifest.read_text(encoding="utf-8"))
    saved["started_ns"] += seconds * 1_000_000_000
    manifest.write_text(json.dumps(saved), encoding="utf-8")


def _no_reading(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.is_relative_to(folder):
            raise AssertionError(f"{self} should not have been read")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)


@pytest.fixture
def staged(tmp_path: Path) -> tuple[Path, Path]:
    """A staged folder and its manifest, right after a first sync."""
    target, manifest = tmp_path / "stage", tmp_path / "stage.json"
    sync_tree(target, FILES, manifest)
    return target, manifest


def test_trusted_entries_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = tmp_path / "cache" / "stage.json"
    first = sync_tree(tmp_path / "stage", FILES, manifest)
    assert (first.written, first.unchanged) == (3, 0)
    _age(manifest, 10)
    _no_reading(tmp_path / "stage", monkeypatch)
    again = sync_tree(tmp_path / "stage", FILES, manifest)
    assert (again.written, again.unchanged, again.removed) == (0, 3, 0)


def test_a_file_changed_within_the_same_tick_is_still_seen(staged: tuple[Path, Path]) -> None:
    target, manifest = staged
    # Same size, written just after the sync: its record is too recent to vouch for it.
    (target / "docs" / "index.md").write_bytes(b"# Hmmm\n")
    result = sync_tree(target, FILES, manifest)
    assert result.written == 1
    assert (target / "docs" / "index.md").read_bytes() == b"# Home\n"


def test_an_edit_that_keeps_the_size_and_puts_the_time_back_is_still_seen(staged: tuple[Path, Path]) -> None:
    target, manifest = staged
    _age(manifest, 10)
    index = target / "docs" / "index.md"
    before = index.stat()
    index.write_bytes(b"# Hmmm\n")
    os.utime(index, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = sync_tree(target, FILES, manifest)
    assert result.written == 1
    assert index.read_bytes() == b"# Home\n"


def test_a_same_size_edit_long_after_the_manifest_is_seen(staged: tuple[Path, Path]) -> None:
    target, manifest = staged
    _age(manifest, 10)
    index = target / "docs" / "index.md"
    index.write_bytes(b"# Hmmm\n")
    later = index.stat().st_mtime_ns + 5_000_000_000
    os.utime(index, ns=(later, later))
    assert sync_tree(target, FILES, manifest).written == 1
    assert index.read_bytes() == b"# Home\n"


def test_a_file_replaced_while_it_was_being_staged_is_not_vouched_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "stage.json"
    target = tmp_path / "stage"
    write = stage.write_if_changed

    def another_process_replaces_it(path: Path, data: bytes) -> bool:
        changed = write(path, data)
        if path.name == "index.md":
            path.write_bytes(b"# Other\n")
        return changed

    monkeypatch.setattr(stage, "write_if_changed", another_process_replaces_it)
    sync_tree(target, FILES, manifest)
    monkeypatch.undo()
    # Even with no safety margin, a file modified after the sync began is read again.
    monkeypatch.setattr(stage, "_RACY_NS", 0)
    assert sync_tree(target, FILES, manifest).written == 1
    assert (target / "docs" / "index.md").read_bytes() == b"# Home\n"


def test_changed_deleted_and_extra_files_are_put_right_despite_the_manifest(staged: tuple[Path, Path]) -> None:
    target, manifest = staged
    _age(manifest, 10)
    (target / "docs" / "a" / "one.md").write_bytes(b"# One, edited by hand\n")
    (target / "mkdocs.yml").unlink()
    (target / "docs" / "stray.md").write_bytes(b"left over\n")
    result = sync_tree(target, FILES, manifest)
    assert (result.written, result.unchanged, result.removed) == (2, 1, 1)
    assert {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()} == FILES


def test_new_content_is_written_even_where_the_manifest_vouches_for_the_old(staged: tuple[Path, Path]) -> None:
    target, manifest = staged
    _age(manifest, 10)
    result = sync_tree(target, {**FILES, "docs/index.md": b"# Home, renamed\n"}, manifest)
    assert result.written == 1
    assert (target / "docs" / "index.md").read_bytes() == b"# Home, renamed\n"


@pytest.mark.parametrize(
    "saved",
    ["", "not json", "[]", '{"version": 99}', '{"version": 2, "started_ns": "x"}', '{"version": 2, "files": {}}'],
)
def test_an_unusable_manifest_only_means_reading_the_files(tmp_path: Path, saved: str) -> None:
    manifest = tmp_path / "stage.json"
    target = tmp_path / "stage"
    sync_tree(target, FILES)
    manifest.write_text(saved, encoding="utf-8")
    (target / "docs" / "index.md").write_bytes(b"# Changed\n")
    result = sync_tree(target, FILES, manifest)
    assert (result.written, result.unchanged) == (1, 2)
    assert json.loads(manifest.read_text(encoding="utf-8"))["version"] == stage._MANIFEST_VERSION


def test_a_manifest_that_cannot_be_saved_costs_nothing_but_time(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    result = sync_tree(tmp_path / "stage", FILES, blocked / "stage.json")
    assert result.written == 3
