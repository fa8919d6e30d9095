"""Every setting `playbook init-local` suggests, uncommented alone and all together, on A4 and letter, with long
names: the handouts lay out within their pages, or the build names the setting and the room it has.

Only the print stage runs (check, then the handouts, then the workshops' documents where a setting shows in
them): the site's pages show every setting on one line of HTML and cannot run over.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURES, make_project

from playbook.fork.scaffold import scaffold
from playbook.pipeline import Project, check, render_handouts, render_workshop_documents
from playbook.problems import ContentError
from playbook.report import Reporter

QUIET = Reporter(quiet=True)
PAPERS = ("a4", "letter")
# Where each suggested setting shows in print; the workshops' documents show the organization and the address
# (slides) and the title (guides' edition line).
IN_PRINT = {"organization", "title", "description", "url", "logo", "footer", "contact", "call_to_action"}
ON_SLIDES = {"organization", "url", "title"}
# Colours, the favicon, the engine and the language (en is the default) change no text in print: they are
# checked (contrast, files, language), and the colours' ink is covered by tests/test_editor.py.
NOT_IN_PRINT = {"favicon", "primary_color", "accent_color", "link_color", "language", "paper", "engine"}
FAVICON = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
LONG = {
    "organization": "The Office of Career Development and Experiential Learning, Riverside University",
    "email": "career-development-and-experiential-learning@riverside-university.example.edu",
    "phone": '"+1 555 0100 (front desk), +1 555 0199 (employer relations), text +1 555 0142"',
    "address": "|\n    Office of Career Development and Experiential Learning, Student Success Center, room 2.210"
    "\n    1200 University Avenue\n    Riverside, CA 92521\n    United States",
}


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The sample fork, its branding.yml replaced by the scaffold's, with the logo and favicon it names."""
    project = make_project(tmp_path_factory.mktemp("fit") / "project")
    shutil.copytree(FIXTURES / "fork", project.content_dir / "local")
    (project.content_dir / "local" / "branding.yml").unlink()
    scaffold(project.content_dir)
    # The scaffold is written once; each test then writes branding.yml with the lines it uncomments.
    SCAFFOLD.append((project.content_dir / "local" / "branding.yml").read_text(encoding="utf-8"))
    (project.content_dir / "local" / "favicon.png").write_bytes(FAVICON)
    return project


SCAFFOLD: list[str] = []


def suggestions(text: str) -> dict[str, str]:
    """The scaffold's commented settings, each as the lines an editor uncomments (a block with its indented keys)."""
    found: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        top = re.match(r"^# ([a-z_]+):", line)
        if top:
            key = top.group(1)
            found[key] = line[2:]
        elif key is not None and line.startswith("#   "):
            found[key] += "\n" + line[2:]
        else:
            key = None
    return found


def scaffolded(fork: Project) -> dict[str, str]:
    """The settings the scaffold written into ``fork`` suggests."""
    return suggestions(SCAFFOLD[-1])


def lay_out(fork: Project, settings: list[str], paper: str) -> dict[str, int]:
    """Check and print with these settings (and ``paper``) in branding.yml; the pages of each handout."""
    lines = "\n".join(settings).splitlines()
    text = "\n".join(line for line in lines if not line.startswith("paper:")) + f"\npaper: {paper}\n"
    (fork.content_dir / "local" / "branding.yml").write_text(text, encoding="utf-8")
    checked = check(fork, QUIET)
    handouts = {h.spec.name: h.pages for h in render_handouts(fork, checked, QUIET)}
    if any(line.split(":")[0] in ON_SLIDES for line in settings):
        render_workshop_documents(fork, checked, QUIET)
    return handouts


def test_every_suggested_setting_is_classified(fork: Project) -> None:
    """A setting added to the scaffold must be placed: in print (laid out below) or not."""
    assert set(scaffolded(fork)) == IN_PRINT | NOT_IN_PRINT


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("setting", sorted(IN_PRINT))
def test_each_suggested_setting_alone_fits(fork: Project, setting: str, paper: str) -> None:
    pages = lay_out(fork, [scaffolded(fork)[setting]], paper)
    assert pages["playbook-short.pdf"] == 2


@pytest.mark.parametrize("paper", PAPERS)
def test_settings_that_are_not_printed_check_alone(fork: Project, paper: str) -> None:
    for setting in sorted(NOT_IN_PRINT - {"paper"}):
        text = scaffolded(fork)[setting] + f"\npaper: {paper}\n"
        (fork.content_dir / "local" / "branding.yml").write_text(text, encoding="utf-8")
        assert check(fork, QUIET).playbook.site.paper == paper


def long_settings(fork: Project) -> list[str]:
    """Every suggestion uncommented, with a long organization name and long contact details."""
    text = "\n".join(scaffolded(fork).values())
    text = re.sub(r"^organization: .*$", f"organization: {LONG['organization']}", text, flags=re.M)
    for key in ("email", "phone", "address"):
        text = re.sub(rf"^  {key}: .*$", f"  {key}: {LONG[key]}", text, flags=re.M)
    return [text]


@pytest.mark.parametrize("paper", PAPERS)
def test_every_suggestion_together_fits(fork: Project, paper: str) -> None:
    pages = lay_out(fork, list(scaffolded(fork).values()), paper)
    assert pages["playbook-short.pdf"] == 2


@pytest.mark.parametrize("paper", PAPERS)
def test_long_names_and_contact_details_fit(fork: Project, paper: str) -> None:
    pages = lay_out(fork, long_settings(fork), paper)
    assert pages["playbook-short.pdf"] == 2


def test_a_name_too_long_for_its_room_is_named_with_the_characters_that_fit(fork: Project) -> None:
    name = "The Office of Career Development, Experiential Learning, Internships, Cooperative Education and Alumni"
    name += " Professional Networks of the College of Arts and Sciences, Riverside University"
    settings = [re.sub(r"^organization: .*$", f"organization: {name}", long_settings(fork)[0], flags=re.M)]
    line = next(i for i, text in enumerate(settings[0].splitlines(), 1) if text.startswith("organization:"))
    with pytest.raises(ContentError) as caught:
        lay_out(fork, settings, "letter")
    problems = [p.format() for p in caught.value.problems]
    assert problems, problems
    for problem in problems:
        said = re.fullmatch(
            rf"content/local/branding\.yml:{line}:15: organization: organization is {len(name)} characters and takes"
            r" (\d) lines (on the cover of the full handout|on the back of each card), which has room for 2 \(about"
            r" (\d+) characters\), so .* — shorten organization to about (\d+) characters",
            problem,
        )
        assert said, problem
        assert int(said.group(1)) > 2 and 60 < int(said.group(3)) < len(name)
