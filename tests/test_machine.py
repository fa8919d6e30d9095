"""The machine: what the build loads is what ``tasks.py build`` installs, and what it lacks is said in one line.

A fresh Debian machine has only Python; anything else the build loads must be installed by
``tasks.py build``. The test machine has more (Chromium pulls in libraries of its own), which once
hid that HarfBuzz's subsetter was missing, so the first test asks Debian which package each
shared library loaded while rendering a PDF comes from.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_project, run_cli, unavailable

from playbook import pipeline
from playbook.handouts import machine
from playbook.pipeline import Project
from playbook.problems import MachineError
from playbook.report import Reporter


def _tasks_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("tasks", REPO / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _query(*args: str) -> str:
    return subprocess.run(["dpkg-query", *args], capture_output=True, text=True, check=False).stdout


def _installed_packages() -> dict[str, tuple[str, str, str]]:
    """Installed package → (priority, depends, pre-depends), and the virtual names they provide."""
    table: dict[str, tuple[str, str, str]] = {}
    out = _query("-W", "-f=${db:Status-Abbrev}\t${Package}\t${Priority}\t${Depends}\t${Pre-Depends}\t${Provides}\n")
    provided: dict[str, list[str]] = {}
    for line in out.splitlines():
        status, name, priority, depends, pre, provides = (line.split("\t") + [""] * 6)[:6]
        if not status.startswith("ii"):
            continue
        table[name] = (priority, depends, pre)
        for virtual in _names(provides):
            provided.setdefault(virtual, []).append(name)
    for virtual, names in provided.items():
        if virtual not in table:
            table[virtual] = ("virtual", " | ".join(names), "")
    return table


def _names(field: str) -> list[str]:
    """Package names in a Depends-like field, every alternative of each clause included."""
    names = []
    for clause in field.split(","):
        for alternative in clause.split("|"):
            name = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alternative).strip().split(":")[0]
            if name:
                names.append(name)
    return names


def _closure(roots: set[str], table: dict[str, tuple[str, str, str]]) -> set[str]:
    """The packages and everything they depend on, recursively (installed ones only)."""
    seen: set[str] = set()
    todo = [name for name in roots if name in table]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        _priority, depends, pre = table[name]
        todo += [n for n in _names(f"{depends},{pre}") if n in table and n not in seen]
    return seen


def _owner(path: str) -> str | None:
    """The Debian package that installed a file, trying the path as loaded and as resolved."""
    candidates = {path, str(Path(path).resolve())}
    # Debian's merged /usr: a library loaded from /lib may be registered under /usr/lib, and back.
    for found in list(candidates):
        if found.startswith("/usr/lib/"):
            candidates.add(found.removeprefix("/usr"))
        elif found.startswith("/lib/"):
            candidates.add("/usr" + found)
    for candidate in sorted(candidates):
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            package, _, _file = line.partition(": ")
            if "diversion" not in package:
                return package.split(":")[0].split(",")[0].strip()
    return None


def test_every_library_the_pdf_step_loads_is_installed_by_the_build_command(tmp_path: Path) -> None:
    if shutil.which("dpkg-query") is None:
        unavailable("not a Debian machine: there is no package database to ask")
    project = make_project(tmp_path / "project")
    checked = pipeline.check(project, Reporter(quiet=True))
    handouts = pipeline.render_handouts(project, checked, Reporter(quiet=True))
    assert handouts and all(h.data.startswith(b"%PDF") for h in handouts)

    loaded = sorted(
        {
            line.split()[-1]
            for line in Path("/proc/self/maps").read_text().splitlines()
            if re.search(r"\.so(\.\d+)*$", line) and line.split()[-1].startswith(("/usr/", "/lib"))
        }
    )
    # Python itself may be Debian's or one built elsewhere (then its files belong to no package).
    assert any("harfbuzz" in path for path in loaded), "rendering a PDF should load HarfBuzz"

    table = _installed_packages()
    tasks = _tasks_module()
    build = set(tasks.BUILD_PACKAGES)
    base = {name for name, (priority, _d, _p) in table.items() if priority in ("required", "important")}
    python = _closure({"python3", "python3-venv", f"python3.{sys.version_info.minor}-venv"}, table)
    allowed = _closure(build, table) | _closure(base, table) | python
    unexplained = {}
    for path in loaded:
        package = _owner(path)
        if package is not None and package not in allowed:
            unexplained[path] = package
    assert not unexplained, (
        "the PDF step loaded libraries from Debian packages that `tasks.py build` neither installs nor pulls in; "
        f"add them to BUILD_PACKAGES: {unexplained}"
    )


def test_a_missing_library_is_one_line_naming_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = machine.ctypes.util.find_library
    monkeypatch.setattr(
        machine.ctypes.util, "find_library", lambda name: None if name == "harfbuzz-subset" else real(name)
    )
    machine.require_libraries.cache_clear()
    try:
        with pytest.raises(MachineError) as raised:
            machine.require_libraries()
    finally:
        machine.require_libraries.cache_clear()
    report = raised.value.report()
    assert "\n" not in report
    assert "libharfbuzz-subset0" in report and "apt-get install libharfbuzz-subset0" in report


def test_a_missing_font_names_the_package_that_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(machine.FONTS, "Playbook No Such Family", "fonts-playbook-none")
    machine.require_fonts.cache_clear()
    try:
        with pytest.raises(MachineError) as raised:
            machine.require_fonts()
    finally:
        machine.require_fonts.cache_clear()
    assert "the font Playbook No Such Family" in raised.value.report()
    assert "fonts-playbook-none" in raised.value.report()


def test_weasyprints_subsetter_warning_is_a_machine_problem_not_a_content_one() -> None:
    said = 'Using fontTools instead of HarfBuzz-Subset for font "DejaVu Sans". This will be slower.'
    lacking = machine.machine_problem(said)
    assert lacking is not None and lacking.package == "libharfbuzz-subset0"
    assert machine.machine_problem("Ignored `colr: red` at 3:1, unknown property.") is None


def test_the_command_reports_a_machine_problem_in_one_line_and_exits_1(tmp_path: Path) -> None:
    """Run as a user would, with the subsetter hidden from the process: one line, exit 1, no traceback."""
    project = make_project(tmp_path / "project")
    hide = (
        "import ctypes.util, sys; real = ctypes.util.find_library; "
        "ctypes.util.find_library = lambda n: None if n == 'harfbuzz-subset' else real(n); "
        "from playbook.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", hide, "--project", str(project.root), "pdf"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("playbook:")]
    assert problem_lines == [
        "playbook: this machine lacks the harfbuzz-subset library that the PDF handouts need — install the "
        "Debian package libharfbuzz-subset0 (apt-get install libharfbuzz-subset0), or run `python3 tasks.py build`, "
        "which installs it"
    ]


def test_a_disk_problem_is_one_line_not_a_traceback(project: Project) -> None:
    """A folder the build cannot write to (here the staged folder is a file) is said in one line."""
    project.stage_dir.write_text("not a folder")
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("playbook: ")]
    assert ".stage" in line and "check the folder" in line
