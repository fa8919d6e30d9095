"""The swap: a complete site/ at every instant, and leftovers of killed builds cleaned."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.site import publish


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_the_swap_is_one_step_so_no_interrupt_can_leave_no_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renaming the old site aside and the new one in would leave a gap between the two; the swap has none."""
    site_dir = site(tmp_path / "site", "old")
    new = site(publish.scratch_dir(site_dir), "new")

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    # A Ctrl-C at any step after the swap: the renames a two-step swap needs, or removing the old site.
    monkeypatch.setattr(Path, "replace", interrupted)
    monkeypatch.setattr(publish.shutil, "rmtree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        publish.swap_in(new, site_dir)
    assert (site_dir / "index.html").read_text() == "new"
    monkeypatch.undo()
    # The old site is left in the scratch folder, named after this build's process: the next build
    # removes it once this process is gone (see the next test).
    assert (new / "index.html").read_text() == "old" and f"-new-{os.getpid()}-" in new.name


def test_leftovers_of_dead_builds_are_cleaned_and_a_running_builds_are_kept(tmp_path: Path) -> None:
    site_dir = site(tmp_path / "site", "old")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = int(dead.stdout)
    stale = [site(tmp_path / f".site-new-{gone}-abc", "x"), site(tmp_path / f".site-old-{gone}-def", "x")]
    legacy = site(tmp_path / ".site-new-k2j3h4", "x")
    running = site(tmp_path / f".site-new-{os.getpid()}-ghi", "x")
    unrelated = site(tmp_path / ".sitemap-new-1-x", "x")
    scratch = publish.scratch_dir(site_dir)
    assert not any(p.exists() for p in [*stale, legacy])
    assert running.exists() and unrelated.exists() and scratch.is_dir()
    assert (site_dir / "index.html").read_text() == "old"
