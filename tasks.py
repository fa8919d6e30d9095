#!/usr/bin/env python3
"""Set up and run the project on a fresh Debian machine that has only Python.

    python3 tasks.py build   # set up, then build the site and handouts into site/
    python3 tasks.py test    # set up (with test tools and Chromium), then run every test

Only the standard library is used here, because nothing else is installed yet.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"

# Debian packages by what needs them: WeasyPrint renders with Pango; the browser tests
# drive Debian's Chromium; the pure JavaScript modules are tested with Node's runner.
BUILD_PACKAGES = {
    "libpango-1.0-0": "/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
    "libpangoft2-1.0-0": "/usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0",
    # The handouts' stylesheets name DejaVu, so every machine lays them out the same.
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}
TEST_PACKAGES = {
    "chromium": "/usr/bin/chromium",
    "nodejs": "/usr/bin/node",
    "poppler-utils": "/usr/bin/pdftoppm",
}


def say(text: str) -> None:
    print(f"tasks: {text}", file=sys.stderr, flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def apt_install(packages: dict[str, str]) -> None:
    """Install the Debian packages whose files are missing (needs root or sudo)."""
    missing = [
        name for name, probe in packages.items() if not Path(probe).exists() and not shutil.which(Path(probe).name)
    ]
    if not missing:
        return
    prefix = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if prefix is None or not shutil.which("apt-get"):
        say(f"please install these Debian packages first: {' '.join(missing)}")
        sys.exit(2)
    say(f"installing {' '.join(missing)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def ensure_venv() -> None:
    """Create .venv; Debian's Python needs python3-venv for that, so install it if missing."""
    if (BIN / "python").exists():
        return
    say("creating .venv")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except (subprocess.CalledProcessError, OSError):
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        apt_install({f"python{version}-venv": f"/usr/lib/python{version}/ensurepip/__init__.py"})
        venv.EnvBuilder(with_pip=True).create(VENV)


def ensure_packages(extras: str) -> None:
    """pip-install the project (and extras) when pyproject.toml changed since the last install."""
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    say(f"installing Python packages ({target})")
    run(BIN / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", target)
    stamp.write_text(digest)


def build() -> None:
    apt_install(BUILD_PACKAGES)
    ensure_venv()
    ensure_packages("")
    run(BIN / "playbook", "build", *sys.argv[2:])


def test() -> None:
    apt_install({**BUILD_PACKAGES, **TEST_PACKAGES})
    ensure_venv()
    ensure_packages("test")
    say("lint and types")
    run(BIN / "ruff", "check", "playbook", "tests", "bench", "tasks.py")
    run(BIN / "ruff", "format", "--check", "playbook", "tests", "bench", "tasks.py")
    run(BIN / "mypy")
    if (ROOT / "tests" / "js").is_dir():
        say("JavaScript unit tests")
        run("node", "--test", "tests/js/")
    say("Python, build and browser tests")
    run(BIN / "pytest", "-n", "2", "--dist", "loadfile", *sys.argv[2:])


def main() -> None:
    commands = {"build": build, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    commands[sys.argv[1]]()


if __name__ == "__main__":
    main()
