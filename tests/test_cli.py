"""The command line as a person uses it: stage lines, exit statuses, no tracebacks."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import run_cli

from playbook.pipeline import Project


def test_check_reports_stages_with_counts_and_timings(project: Project) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("load      13 files") and lines[0].endswith(" s")
    assert lines[1].startswith("link      11 entries")
    assert lines[-1] == "ok: 13 files, no problems"


def test_build_says_what_it_does_and_quiet_says_nothing(project: Project) -> None:
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    stages = [line.split()[0] for line in result.stderr.splitlines()]
    assert stages == ["load", "link", "render", "pdf", "workshops", "stage", "mkdocs", "publish", "built"]
    assert "20 pages" in result.stderr
    quiet = run_cli(project, "--quiet", "build")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_content_error_exits_1_with_every_problem_and_no_traceback(project: Project) -> None:
    (project.content_dir / "principles" / "give-first.yml").write_text("id: give-first\ntitle: a: b\n")
    (project.content_dir / "sources" / "article-one.yml").write_bytes(b"id: article-one\n\tyear: 2013\n")
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/principles/give-first.yml:2:9: (file): YAML syntax error" in result.stderr
    assert "content/sources/article-one.yml:2:1: (file): a tab is used for indentation" in result.stderr
    assert result.stderr.rstrip().endswith("2 problems found; nothing was written.")
    assert not project.site_dir.exists()


def test_misuse_exits_2(project: Project, tmp_path: Path) -> None:
    assert run_cli(project, "no-such-command").returncode == 2
    elsewhere = subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert elsewhere.returncode == 2
    assert "is not a playbook project" in elsewhere.stderr
    assert "Traceback" not in elsewhere.stderr


def test_schema_writes_one_schema_per_kind(project: Project) -> None:
    import json

    result = run_cli(project, "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads((project.root / "schemas" / "principle.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert schema["properties"]["summary"]["description"] == "One sentence that says what the entry is about."
    names = sorted(p.name for p in (project.root / "schemas").iterdir())
    assert (
        "site.schema.json" in names
        and "template.schema.json" in names
        and "branding.schema.json" in names
        and "workshop.schema.json" in names
        and "tags.schema.json" in names
        and len(names) == 18
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


def test_serve_reloads_after_a_yaml_edit(project: Project) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playbook",
            "--project",
            str(project.root),
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/principles/give-first/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert "Give before you ask" in _fetch(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.3)
        path = project.content_dir / "principles" / "give-first.yml"
        edited = time.monotonic()
        path.write_text(path.read_text().replace("title: Give before you ask", "title: Give before you ever ask"))
        # A guard against hanging, not a speed target: bench/ measures how fast the preview follows.
        while "Give before you ever ask" not in _fetch(url):
            assert time.monotonic() < edited + 120, "the edit never reached the served page"
            time.sleep(0.1)
        # A broken edit keeps serving the last good version.
        path.write_text("id: give-first\ntitle: [broken\n")
        time.sleep(1.5)
        assert "Give before you ever ask" in _fetch(url)
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=20)
    assert "the preview keeps the last good version" in errors


def test_committed_schemas_are_up_to_date() -> None:
    """Content files point editors at schemas/; they must match the model."""
    from playbook.content.schemas import schemas

    committed = Path(__file__).resolve().parent.parent / "schemas"
    for name, data in schemas().items():
        assert (committed / name).read_bytes() == data, f"schemas/{name} is stale: run `playbook schema`"


def test_build_without_handouts_skips_the_pdfs(project: Project) -> None:
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert "pdf " not in result.stderr
    assert not list(project.site_dir.rglob("*.pdf"))
    assert (project.site_dir / "principles/give-first/index.html").exists()


def test_build_without_handouts_keeps_the_last_builds_pdfs_or_says_why_it_removed_them(
    sample_site: Project, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(sample_site.root, root, ignore=shutil.ignore_patterns(".stage"))
    project = Project(root)
    handouts = project.site_dir / "handouts"
    kept = ("playbook.pdf", "playbook-short.pdf", "cards.pdf")
    before = {name: (handouts / name).read_bytes() for name in kept}
    workshop_documents = sorted(path.name for path in handouts.glob("*.pdf") if path.name not in kept)
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert {path.name: path.read_bytes() for path in handouts.glob("*.pdf")} == before
    # The workshops' documents are laid out with their pages in one pass: the build says it removed them.
    for name in workshop_documents:
        assert f"removed site/handouts/{name}: --no-pdf builds no PDFs" in result.stderr
    assert "kept the 3 handouts of the last build in site/handouts/ (--no-pdf)" in result.stderr
    page = (handouts / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in page for name in before)

    # A handout changed by hand is not the one the build wrote: it goes, and the build says so.
    (handouts / "cards.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    result = run_cli(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert not list(handouts.glob("*.pdf"))
    assert "removed site/handouts/cards.pdf: --no-pdf builds no PDFs" in result.stderr
    assert "run `playbook build` to make it again" in result.stderr


def test_check_format_github_puts_each_problem_on_its_file_and_line(project: Project) -> None:
    site = project.content_dir / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "primary_color: #8C1D40\n", encoding="utf-8")
    result = run_cli(project, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    assert lines[0].startswith("::error file=content/site.yml,line=")
    assert ",title=primary_color%3A content error::content/site.yml:" in lines[0]
    assert "YAML reads # as the start of a comment" in lines[0]
    assert "problem" in result.stderr and "::error" not in result.stderr


def test_github_annotations_escape_what_would_end_a_property_or_the_message() -> None:
    from playbook.problems import Problem, github_annotation

    problem = Problem("content/a,b:c.yml", 3, 4, "how[0]", "100% wrong\nsecond line\r", "fix, then: save")
    assert github_annotation(problem) == (
        "::error file=content/a%2Cb%3Ac.yml,line=3,col=4,title=how[0]%3A content error::"
        "content/a,b:c.yml:3:4: how[0]: 100%25 wrong%0Asecond line%0D — fix, then: save"
    )
