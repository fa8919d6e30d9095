"""Put a finished site in place of the old one, so that at every instant there is a complete ``site/``.

A build writes into a scratch folder beside ``site/`` (``.site-new-<pid>-…``). On
Linux the two folders are exchanged by one ``renameat2(RENAME_EXCHANGE)`` call, so
no instant, not even a Ctrl-C or a kill between two steps, finds ``site/`` missing;
elsewhere the old site is renamed aside (``.site-old-<pid>-…``) and the new one
renamed in, and put back if that fails. Scratch and old folders that a killed
build left behind are removed by the next build, unless their process still runs.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

# From linux/fs.h and fcntl.h.
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _leftover(site_dir: Path, path: Path) -> bool:
    """Whether ``path`` is a scratch or old folder of a build that is no longer running."""
    match = re.match(rf"^\.{re.escape(site_dir.name)}-(?:new|old)-(?:(\d+)-)?", path.name)
    if match is None or not path.is_dir() or path.is_symlink():
        return False
    if match.group(1) is None:
        return True
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove what killed builds left beside ``site_dir``; return what was removed."""
    removed = [path for path in sorted(site_dir.parent.glob(f".{site_dir.name}-*")) if _leftover(site_dir, path)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def scratch_dir(site_dir: Path) -> Path:
    """A new empty folder beside ``site_dir`` (same file system, so a rename can swap them)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(site_dir)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-{os.getpid()}-", dir=site_dir.parent))


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux 3.15+ on most file systems); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    status = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(status == 0)


def swap_in(new_dir: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new_dir``; the old site is removed only once the new one is in place."""
    if site_dir.exists() and _exchange(new_dir, site_dir):
        # new_dir now holds the old site.
        shutil.rmtree(new_dir, ignore_errors=True)
        return
    old_dir = None
    if site_dir.exists():
        old_dir = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-{os.getpid()}-", dir=site_dir.parent))
        site_dir.replace(old_dir / "site")
    try:
        new_dir.replace(site_dir)
    except BaseException:
        if old_dir is not None:
            (old_dir / "site").replace(site_dir)
        raise
    if old_dir is not None:
        shutil.rmtree(old_dir, ignore_errors=True)


def discard(new_dir: Path) -> None:
    """Remove a scratch folder after a failed build."""
    shutil.rmtree(new_dir, ignore_errors=True)
