"""Put a finished site in place of the old one, so a failed build never leaves half a site."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


def scratch_dir(site_dir: Path) -> Path:
    """A new empty folder beside ``site_dir`` (same file system, so a rename can swap them)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))


def swap_in(new_dir: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new_dir``; the old site is removed only once the new one is in place."""
    old_dir = None
    if site_dir.exists():
        old_dir = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        site_dir.replace(old_dir / "site")
    try:
        new_dir.replace(site_dir)
    except OSError:
        if old_dir is not None:
            (old_dir / "site").replace(site_dir)
        raise
    if old_dir is not None:
        shutil.rmtree(old_dir, ignore_errors=True)


def discard(new_dir: Path) -> None:
    """Remove a scratch folder after a failed build."""
    shutil.rmtree(new_dir, ignore_errors=True)
