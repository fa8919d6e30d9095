"""Every user-reachable failure of every command is one located line, exit 1 or 2, and no traceback.

Bad folders (a FIFO, a symbolic link loop, a link out of the fork's folder,
branding.yml as a folder), bad arguments, a read-only tree and a full disk.
The disk cases mount a small tmpfs where the machine allows it (root with
the mount capability, as on CI); elsewhere they simulate ENOSPC and EROFS
in the command's own process.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import make_project, run_cli, unavailable

from playbook.pipeline import Project

# path:line:col: key: what — how, or file: what — how (a draft, the disk), or the CLI's own usage error.
LOCATED = re.compile(r"^(?:[^\s:][^:]*:\d+:\d+: \S.* — \S|\S[^:]*: \S.* — \S|playbook(?: [a-z-]+)?: error: \S)")
SUMMARY = re.compile(r"^\d+ problems? found; (nothing was written|the preview keeps the last good version)\.$")


def assert_one_located_failure(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (1, 2), (result.returncode, result.stderr)
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.strip()
        and not re.match(r"^[a-z]+ +\S.* +\d+\.\d\d s$", line)
        and not SUMMARY.match(line)
        and not line.startswith("usage:")
        and not line.startswith(" ")
    ]
    assert lines and all(LOCATED.match(line) for line in lines), result.stderr
    assert expected in result.stderr, result.stderr


def fifo(project: Project) -> None:
    os.mkfifo(project.content_dir / "principles" / "pipe.yml")


def loop(project: Project) -> None:
    (project.content_dir / "principles" / "loop.yml").symlink_to("loop.yml")


def branding_folder(project: Project) -> None:
    (project.content_dir / "local" / "branding.yml").mkdir(parents=True)


def linked_fork_folder(project: Project) -> None:
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "principles").symlink_to(project.content_dir / "principles")


def linked_strings(project: Project) -> None:
    (project.content_dir / "local" / "strings").mkdir(parents=True)
    (project.content_dir / "local" / "strings" / "pages.yml").symlink_to("/etc/hostname")


def upper_case_suffix(project: Project) -> None:
    (project.content_dir / "local" / "strings").mkdir(parents=True)
    (project.content_dir / "local" / "strings" / "pages.yaml").write_text("home: Start\n")
    (project.content_dir / "local" / "hidden.YML").write_text("hide: []\n")
    entry = sorted((project.content_dir / "principles").glob("*.yml"))[0]
    entry.rename(entry.with_suffix(".YML"))


BAD_TREES: dict[str, tuple[Callable[[Project], None], str]] = {
    "fifo": (fifo, "content/principles/pipe.yml:1:1: (file): this is a named pipe, not a regular file"),
    "symlink loop": (loop, "content/principles/loop.yml:1:1: (file): this is a symbolic link that leads back"),
    "branding.yml folder": (branding_folder, "content/local/branding.yml:1:1: (file): this is a folder"),
    "linked fork folder": (linked_fork_folder, "content/local/principles:1:1: (file): content/local/principles is a"),
    "linked strings": (linked_strings, "content/local/strings/pages.yml:1:1: (file): this is a symbolic link to"),
    "upper-case suffix": (upper_case_suffix, "content/local/hidden.YML:1:1: (file): 'hidden.YML' ends in '.YML'"),
}


@pytest.mark.parametrize("command", ["check", "build", "pdf", "serve"])
@pytest.mark.parametrize("case", sorted(BAD_TREES))
def test_a_bad_content_tree_is_one_located_line_for_every_command(tmp_path: Path, case: str, command: str) -> None:
    project = make_project(tmp_path / "project")
    make_bad, expected = BAD_TREES[case]
    make_bad(project)
    if command == "serve":
        # The preview keeps running on a content error and shows it in the browser until the file is
        # fixed (tests/test_preview.py): it must say it at once, located, without a traceback.
        said = serve_until_summary(project)
        assert "Traceback" not in said and expected in said, said
        assert any(SUMMARY.match(line) for line in said.splitlines()), said
    else:
        assert_one_located_failure(run_cli(project, command), expected)
    assert not project.site_dir.exists()


def serve_until_summary(project: Project, patience: float = 300) -> str:
    """What ``playbook serve`` says up to its summary of the problems (or its end), then stop it.

    Its error stream is read line by line in a thread. Waiting for the pipe with
    select() and then reading a line from the buffered stream is what hung here
    before: one read can take the problem and the summary together, the second line
    waits in the stream's buffer, and select() then waits for bytes that never come.
    """
    command = [sys.executable, "-m", "playbook", "--project", str(project.root), "serve", "--dev-addr", "127.0.0.1:0"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    said: list[str] = []
    try:
        while not any(SUMMARY.match(line.strip()) for line in said):
            # A guard against a hung server, not a speed target.
            line = lines.get(timeout=patience)
            if line is None:
                break
            said.append(line)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return "".join(said)


def test_a_misnamed_yaml_file_is_named_with_the_name_to_give_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    upper_case_suffix(project)
    entry = sorted((project.content_dir / "principles").glob("*.YML"))[0]
    said = run_cli(project, "check").stderr
    assert f"{entry.relative_to(project.root).as_posix()}:1:1: (file): '{entry.name}' ends in '.YML'" in said, said
    assert f"rename it to {entry.stem}.yml" in said
    assert "rename it to hidden.yml" in said
    # Interface strings are named after the shipped files, so there .yaml is renamed too.
    assert "content/local/strings/pages.yaml:1:1: (file): 'pages.yaml' ends in '.yaml'" in said
    assert "rename it to pages.yml" in said


# Root reads every folder whatever its mode: there the folder's listing is refused in the command's own process.
UNREADABLE = """
import errno, os, sys
from playbook.cli import main
targets = [os.path.realpath(path) for path in sys.argv.pop(1).split(os.pathsep)]
real_scandir, real_listdir = os.scandir, os.listdir
def refuse(path):
    if any(os.path.realpath(os.fspath(path)).startswith(target) for target in targets):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
os.scandir = lambda path=".": refuse(path) or real_scandir(path)
os.listdir = lambda path=".": refuse(path) or real_listdir(path)
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_folder_that_cannot_be_opened_is_named(tmp_path: Path, command: str) -> None:
    project = make_project(tmp_path / "project")
    (project.content_dir / "local" / "notes").mkdir(parents=True)
    folders = [project.content_dir / "principles", project.content_dir / "local" / "notes"]
    if os.geteuid() != 0:
        for folder in folders:
            folder.chmod(0)
        result = run_cli(project, command)
        for folder in folders:
            folder.chmod(0o755)
    else:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                UNREADABLE,
                os.pathsep.join(map(str, folders)),
                "--project",
                str(project.root),
                command,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    assert_one_located_failure(result, "content/principles:1:1: (file): cannot open the folder content/principles")
    assert "content/local/notes:1:1: (file): cannot open the folder content/local/notes" in result.stderr
    assert not project.site_dir.exists()


def test_arguments_a_command_cannot_use_are_one_line_each(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (tmp_path / "draft.bin").write_bytes(b"\x00\x01\x02" * 100)
    cases = [
        (("schema", "--out", str(project.root / "mkdocs.yml")), "mkdocs.yml"),
        (("lint-message", str(tmp_path / "missing.txt")), "there is no such file"),
        (("lint-message", str(tmp_path)), "this is a folder"),
        (("lint-message", str(tmp_path / "draft.bin")), "draft.bin"),
        (("translations",), "--language"),
        (("no-such-command",), "invalid choice"),
    ]
    for args, expected in cases:
        assert_one_located_failure(run_cli(project, *args), expected)
    missing = subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(tmp_path / "nowhere"), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert_one_located_failure(missing, "is not a playbook project")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 12 MB tmpfs, unmounted afterwards; unavailable where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        unavailable(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); see the simulated cases below")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_tree_and_a_full_disk_are_one_line_for_every_writing_command(small_disk: Path) -> None:
    project = make_project(small_disk / "project")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for args in (("build",), ("pdf",), ("schema",), ("init-local",)):
        assert_one_located_failure(run_cli(project, *args), "Read-only file system")
    assert run_cli(project, "check").returncode == 0
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    with (small_disk / "filler").open("wb") as filler:
        try:
            while True:
                filler.write(b"\0" * (1 << 20))
        except OSError:
            pass
    for args in (("build",), ("schema",), ("init-local",)):
        assert_one_located_failure(run_cli(project, *args), "No space left on device")
    assert not project.site_dir.exists()


SIMULATE = """
import errno, pathlib, sys
from playbook.cli import main
def refuse(*args, **kwargs):
    raise OSError(errno.{code}, "{text}", str(args[0]))
pathlib.Path.write_bytes = refuse
pathlib.Path.write_text = refuse
pathlib.Path.mkdir = refuse
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("code", "text"), [("ENOSPC", "No space left on device"), ("EROFS", "Read-only file system")])
def test_a_simulated_disk_failure_is_one_line(tmp_path: Path, code: str, text: str) -> None:
    """The same as above on machines that cannot mount: every write fails as the disk would make it."""
    project = make_project(tmp_path / "project")
    for args in (("schema",), ("init-local",), ("build",)):
        result = subprocess.run(
            [sys.executable, "-c", SIMULATE.format(code=code, text=text), "--project", str(project.root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert_one_located_failure(result, text)
    assert not project.site_dir.exists()
