#!/usr/bin/env python3
"""Set up and run the project on a fresh Debian machine that has only Python.

    python3 tasks.py build   # set up, then build the site and handouts into site/
    python3 tasks.py test    # set up (with test tools and Chromium), then run every test
    python3 tasks.py lock    # refresh the locked Python packages in requirements/

Only the standard library is used here, because nothing else is installed yet.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"

LOCKS = ROOT / "requirements"
# The one tool that writes the locks; pinned, so a refresh is the same on every machine.
UV = "uv==0.13.9"

# Debian packages by what needs them, each with a file it installs (so an installed one is not
# asked for again). WeasyPrint loads GLib, Pango, HarfBuzz (with its subsetter, which embeds
# only the glyphs a PDF uses) and fontconfig; tests/test_machine.py checks, after rendering a
# PDF, that every shared library the process loaded is installed by this list, pulled in by
# it, or part of Debian's base system. The browser tests drive Debian's Chromium; the pure
# JavaScript modules are tested with Node's runner; pdftoppm renders PDF pages for tests.
BUILD_PACKAGES = {
    "libglib2.0-0": "/usr/lib/x86_64-linux-gnu/libgobject-2.0.so.0",
    "libpango-1.0-0": "/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
    "libpangoft2-1.0-0": "/usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0",
    "libharfbuzz0b": "/usr/lib/x86_64-linux-gnu/libharfbuzz.so.0",
    "libharfbuzz-subset0": "/usr/lib/x86_64-linux-gnu/libharfbuzz-subset.so.0",
    "libfontconfig1": "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1",
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


def installed(probe: str) -> bool:
    """Whether a package's probe file is there (a command may also be found on PATH)."""
    path = Path(probe)
    if path.exists():
        return True
    # Another architecture keeps its libraries in its own folder under /usr/lib.
    if path.parent.name.endswith("-linux-gnu"):
        return any(Path("/usr/lib").glob(f"*-linux-gnu/{path.name}"))
    return path.parent.name == "bin" and shutil.which(path.name) is not None


def apt_install(packages: dict[str, str]) -> None:
    """Install the Debian packages whose files are missing (needs root or sudo)."""
    missing = [name for name, probe in packages.items() if not installed(probe)]
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
    """Create .venv; Debian's Python needs python3-venv (ensurepip) for that, so install it if missing.

    A .venv left half-made by an earlier failure (a Python but no pip) is made again.
    """
    if (BIN / "python").exists() and (BIN / "pip").exists():
        return
    shutil.rmtree(VENV, ignore_errors=True)
    if importlib.util.find_spec("ensurepip") is None:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        apt_install({f"python{version}-venv": f"/usr/lib/python{version}/ensurepip/__init__.py"})
    say("creating .venv")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except (subprocess.CalledProcessError, OSError, SystemExit) as error:
        # Debian's venv module exits with its own advice when ensurepip is unusable.
        shutil.rmtree(VENV, ignore_errors=True)
        say(f"could not create .venv ({error}); install python3-venv and try again")
        sys.exit(2)


def ensure_packages(lock: str) -> None:
    """Install the locked Python packages, then the project, when the lock changed since the last install.

    Every package comes from ``requirements/<lock>.txt`` with its exact version and hash, so
    every machine runs the same code (and builds the same site); the project itself goes in
    last, without resolving anything more.
    """
    locked = LOCKS / f"{lock}.txt"
    stamp = VENV / f".installed-{lock}"
    digest = hashlib.sha256(locked.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the Python packages locked in {locked.relative_to(ROOT)}")
    pip = (BIN / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check")
    run(*pip, "--require-hashes", "--no-deps", "-r", locked)
    run(*pip, "--no-deps", "--no-build-isolation", "-e", ".")
    stamp.write_text(digest)


def lock() -> None:
    """Resolve every Python package anew, with hashes, for Python 3.11 and later on any platform.

    ``test.txt`` holds the build's packages and the test tools; ``build.txt`` the build's
    alone, constrained to the same versions. Review the diff, then commit both.
    """
    ensure_venv()
    tool = ROOT / ".cache" / "lock-tool"
    if not (tool / "bin" / "uv").exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(tool)
        run(tool / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", UV)
    common = ("--universal", "--python-version", "3.11", "--generate-hashes", "--quiet")
    common += ("--custom-compile-command", "python3 tasks.py lock")
    inputs = ("pyproject.toml", "requirements/setup.in")
    compile_ = (tool / "bin" / "uv", "pip", "compile", *inputs, *common)
    run(*compile_, "--extra", "test", "-o", "requirements/test.txt")
    run(*compile_, "-c", "requirements/test.txt", "-o", "requirements/build.txt")
    say("wrote requirements/build.txt and requirements/test.txt")


def build() -> None:
    apt_install(BUILD_PACKAGES)
    ensure_venv()
    ensure_packages("build")
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
    commands = {"build": build, "test": test, "lock": lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    commands[sys.argv[1]]()


if __name__ == "__main__":
    main()
