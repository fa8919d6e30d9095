"""Workshops: the agenda adds up, a fork can change them, and their PDFs carry what a facilitator needs.

The PDFs are read from the default playbook's site, built once per session
(``default_site``); the content checks run ``check`` alone, without a build.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from conftest import REPO, make_project
from pypdf import PdfReader

from playbook.content.model import AntiPattern, Workshop
from playbook.pipeline import Project, check
from playbook.problems import ContentError
from playbook.render import workshops as plan
from playbook.report import Reporter
from playbook.site.workshops import workshop_pages

QUIET = Reporter(quiet=True)
HANDOUTS = "handouts"
# The smallest type on a slide, in points: readable from the back of a room.
MIN_SLIDE_POINTS = 24
# 16:9 slides, 13.333 × 7.5 inches, in PDF points.
SLIDE_WIDTH, SLIDE_HEIGHT = 960, 540


def text_of(path: Path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the repository's content, checked but not built, for content and fork checks."""
    return make_project(tmp_path_factory.mktemp("workshops") / "project", REPO / "content")


@pytest.fixture(scope="module")
def built(default_site: Project) -> tuple[Project, list[Workshop], list[AntiPattern]]:
    playbook = check(default_site, QUIET).playbook
    return default_site, playbook.of_kind("workshop"), playbook.of_kind("anti-pattern")


def pdf_path(project: Project, file: str) -> Path:
    return project.site_dir / HANDOUTS / file


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, QUIET)
    return [p.format() for p in caught.value.problems]


def fresh(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project", REPO / "content")


# Content ---------------------------------------------------------------------------------


def test_the_shipped_workshops_fill_their_stated_durations(default: Project) -> None:
    workshops = {w.id: w for w in check(default, QUIET).playbook.of_kind("workshop")}
    assert {w.duration for w in workshops.values()} == {45, 60, 90}
    for workshop in workshops.values():
        slots = plan.timeline(workshop)
        assert slots[-1].end == workshop.duration == sum(s.minutes for s in workshop.agenda)
        assert all(segment.says and segment.does for segment in workshop.agenda), workshop.id
    students = workshops["networking-for-students"]
    assert [s.clock for s in plan.timeline(students)][:2] == ["10:00–10:08", "10:08–10:20"]


def test_an_agenda_that_does_not_add_up_is_reported_at_the_duration(tmp_path: Path) -> None:
    project = fresh(tmp_path)
    path = project.content_dir / "workshops" / "networking-for-students.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("duration: 60", "duration: 55"), encoding="utf-8")
    line = text.splitlines().index("duration: 60") + 1
    assert problems(project) == [
        f"content/workshops/networking-for-students.yml:{line}:11: duration: the agenda's segments add up to "
        "60 minutes (8 + 12 + 15 + 10 + 10 + 5), but duration is 55 — change the segments' minutes or write "
        "duration: 60"
    ]


def test_every_reference_of_a_segment_must_exist(tmp_path: Path) -> None:
    project = fresh(tmp_path)
    path = project.content_dir / "workshops" / "network-audit-and-referrals.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("worksheets: [network-audit]", "worksheets: [network-audits]")
    path.write_text(text.replace("exercises: [vouching-for-yourself]", "exercises: [have-a-point]"), encoding="utf-8")
    found = problems(project)
    assert any("agenda[1].worksheets[0]: no worksheet has the id 'network-audits'" in p for p in found), found
    assert any("agenda[3].exercises[0]: 'have-a-point' is a principle, but a anti-pattern" in p for p in found), found


def test_a_fork_adds_overrides_and_hides_workshops(tmp_path: Path) -> None:
    project = fresh(tmp_path)
    local = project.content_dir / "local"
    (local / "workshops").mkdir(parents=True)
    ours = (project.content_dir / "workshops" / "recruiters-and-alumni-volunteers.yml").read_text(encoding="utf-8")
    ours = ours.replace("id: recruiters-and-alumni-volunteers", "id: alumni-evening")
    (local / "workshops" / "alumni-evening.yml").write_text(ours.replace("group_size: 12", "group_size: 30"))
    (local / "overrides").mkdir()
    (local / "overrides" / "networking-for-students.yml").write_text(
        'id: networking-for-students\ntitle: "Our first-year session"\ngroup_size: 40\nstart: "09:30"\n'
    )
    (local / "hidden.yml").write_text("hide: [network-audit-and-referrals]\n")
    playbook = check(project, QUIET).playbook
    workshops = {w.id: w for w in playbook.of_kind("workshop")}
    assert set(workshops) == {"alumni-evening", "networking-for-students", "recruiters-and-alumni-volunteers"}
    students = workshops["networking-for-students"]
    assert (students.title, students.group_size) == ("Our first-year session", 40)
    assert plan.timeline(students)[0].clock == "09:30–09:38"
    # Print counts follow the fork's group: one worksheet each, one exercise sheet per table of five.
    titles = {"cards": ("cards.pdf", "Cards"), "short": ("short.pdf", "Short"), "full": ("full.pdf", "Full")}
    counts = {line.file: line.copies for line in plan.print_list(students, playbook, titles)}
    assert counts["sheets/what-you-can-give.pdf"] == 40
    assert counts["exercises/connect-then-ask.pdf"] == 8
    pages = {page.path for page in workshop_pages(playbook, check(project, QUIET).strings, None)}
    assert "workshops/alumni-evening.md" in pages
    assert "workshops/network-audit-and-referrals.md" not in pages
    # The advisor path that starts from the hidden workshop drops that stop rather than fail.
    assert check(project, QUIET).playbook.has("network-audit-and-referrals") is False


def test_hiding_a_debate_a_workshop_uses_drops_it_from_the_workshop(tmp_path: Path) -> None:
    """Workshops and paths leave out what a fork hides; other entries citing it would be a located error."""
    project = fresh(tmp_path)
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "hidden.yml").write_text("hide: [network-size]\n")
    playbook = check(project, QUIET).playbook
    audit = next(w for w in playbook.of_kind("workshop") if w.id == "network-audit-and-referrals")
    assert plan.debates(audit, playbook) == []
    assert [e.id for e in plan.exercises(audit, playbook)] != []


# The PDFs --------------------------------------------------------------------------------


def test_each_workshop_has_a_guide_slides_and_sheets_that_carry_its_segments(built: tuple) -> None:
    project, workshops, _ = built
    for workshop in workshops:
        guide = text_of(pdf_path(project, plan.guide_file(workshop)))
        slides = text_of(pdf_path(project, plan.slides_file(workshop)))
        for slot in plan.timeline(workshop):
            assert flat(slot.segment.title) in guide, (workshop.id, slot.segment.title)
            assert slot.clock in guide
            assert flat(slot.segment.title) in slides
            if slot.segment.says:
                assert flat(slot.segment.says)[:60] in guide
        for worksheet in plan.worksheets(workshop, check(project, QUIET).playbook):
            assert worksheet.title in text_of(pdf_path(project, plan.worksheet_file(worksheet.id)))
            assert f"{workshop.group_size} copies" in guide


def test_print_list_counts_copies_for_the_stated_group(built: tuple) -> None:
    project, workshops, _ = built
    students = next(w for w in workshops if w.id == "networking-for-students")
    guide = text_of(pdf_path(project, plan.guide_file(students)))
    assert "25 copies What you can give (one per participant" in guide
    assert "5 copies The card deck (one per table of 5" in guide
    assert "25 × Pens (one per participant)" in guide


def test_answer_keys_are_only_in_the_facilitator_guides(built: tuple) -> None:
    project, workshops, anti_patterns = built
    guides = " ".join(text_of(pdf_path(project, plan.guide_file(w))) for w in workshops)
    participants = [pdf_path(project, plan.exercise_file(a.id)) for a in anti_patterns]
    participants += [pdf_path(project, plan.slides_file(w)) for w in workshops]
    participants += [pdf_path(project, plan.debates_file(w)) for w in workshops]
    participants.append(pdf_path(project, plan.DEBATES_FILE))
    sheets = {path: text_of(path) for path in participants}
    playbook = check(project, QUIET).playbook
    used = {a.id for w in workshops for a in plan.exercises(w, playbook)}
    for anti_pattern in anti_patterns:
        better = flat(anti_pattern.rewrite.better)[:50]
        weak = flat(anti_pattern.rewrite.weak)[:50]
        sheet = sheets[pdf_path(project, plan.exercise_file(anti_pattern.id))]
        assert weak in sheet
        if anti_pattern.id in used:
            assert better in guides, anti_pattern.id
        for path, text in sheets.items():
            assert better not in text, f"the answer to {anti_pattern.id} is in {path.name}"
            assert anti_pattern.title not in text, f"{path.name} names the problem {anti_pattern.id}"
    # The debates' take is for the facilitator too.
    debate = playbook.of_kind("debate")[0]
    take = flat(debate.take)[:50]
    assert take not in sheets[pdf_path(project, plan.DEBATES_FILE)]


def test_slides_are_16_by_9_with_no_type_under_24_points(built: tuple) -> None:
    project, workshops, _ = built
    for workshop in workshops:
        reader = PdfReader(pdf_path(project, plan.slides_file(workshop)))
        playbook = check(project, QUIET).playbook
        expected = 1 + len(workshop.agenda) + len(plan.exercises(workshop, playbook))
        expected += any(s.formula for s in workshop.agenda)
        assert len(reader.pages) == expected
        sizes: list[float] = []

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, size: float, found: list[float] = sizes
        ) -> None:
            if text.strip():
                found.append(size * abs(tm[3]) * abs(cm[3]))

        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
                SLIDE_WIDTH,
                SLIDE_HEIGHT,
            )
            page.extract_text(visitor_text=visit)
        assert sizes and min(sizes) >= MIN_SLIDE_POINTS - 0.01, (workshop.id, min(sizes))


def test_every_worksheet_and_exercise_has_a_sheet_of_its_own(built: tuple) -> None:
    project, _, anti_patterns = built
    playbook = check(project, QUIET).playbook
    for worksheet in playbook.of_kind("worksheet"):
        reader = PdfReader(pdf_path(project, plan.worksheet_file(worksheet.id)))
        assert reader.get_fields(), f"{worksheet.id}: the sheet is not fillable"
        assert reader.metadata is not None and worksheet.title in (reader.metadata.title or "")
    for anti_pattern in anti_patterns:
        reader = PdfReader(pdf_path(project, plan.exercise_file(anti_pattern.id)))
        assert len(reader.pages) == 1
    assert "Workshops" in (project.site_dir / "workshops" / "index.html").read_text(encoding="utf-8")


def test_the_site_lists_each_workshop_with_its_downloads_and_agenda(built: tuple) -> None:
    project, workshops, _ = built
    listing = (project.site_dir / "workshops" / "index.html").read_text(encoding="utf-8")
    for workshop in workshops:
        assert f"{workshop.duration} minutes" in listing
        assert f"{plan.guide_file(workshop).split('/')[-1]}" in listing
        page = (project.site_dir / "workshops" / workshop.id / "index.html").read_text(encoding="utf-8")
        for slot in plan.timeline(workshop):
            assert slot.clock in page
        assert "-slides.pdf" in page
    advisor = (project.site_dir / "paths" / "career-advisor" / "index.html").read_text(encoding="utf-8")
    first = advisor.index("../../workshops/networking-for-students/")
    assert first < advisor.index("../../debates/is-networking-using-people/")


SMALL_WORKSHOP = """\
id: small
title: A small workshop
summary: One segment, for the tests.
audience: job-seeker
participants: Testers
duration: 10
group_size: 6
table_size: 3
preparation: [Print the sheets.]
agenda:
  - title: The only segment
    minutes: 10
    does: Talk.
    exercises: [sync-up]
    slide:
{points}
"""


def test_a_slide_that_does_not_fit_is_reported_at_the_workshop(project: Project) -> None:
    from playbook.pipeline import render_workshop_documents

    folder = project.content_dir / "workshops"
    folder.mkdir()
    points = "".join(f"      - Point number {n} of a slide that says far too much\n" for n in range(12))
    (folder / "small.yml").write_text(SMALL_WORKSHOP.format(points=points.rstrip("\n")), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        render_workshop_documents(project, check(project, QUIET), QUIET)
    (found,) = caught.value.problems
    assert found.format().startswith("content/workshops/small.yml:11:3: agenda: the slides take 4 pages for 3 slides")
    # Three points fit: the same workshop renders, its exercise sheet with it.
    (folder / "small.yml").write_text(SMALL_WORKSHOP.format(points=points[: points.index("3 of")].rsplit("\n", 1)[0]))
    first = render_workshop_documents(project, check(project, QUIET), QUIET)
    files = {p.file: p for p in first.files}
    assert files["workshops/small-slides.pdf"].pages == 3
    assert "exercises/sync-up.pdf" in files
    # A second build with the same content reuses the PDFs; a changed title lays them out again.
    again = render_workshop_documents(project, check(project, QUIET), QUIET)
    assert (first.cached, again.cached) == (False, True)
    assert [(p.file, p.title, p.pages, p.data) for p in again.files] == [
        (p.file, p.title, p.pages, p.data) for p in first.files
    ]
    text = (folder / "small.yml").read_text(encoding="utf-8")
    (folder / "small.yml").write_text(text.replace("title: A small workshop", "title: A renamed workshop"))
    renamed = render_workshop_documents(project, check(project, QUIET), QUIET)
    assert not renamed.cached
    assert {p.title for p in renamed.files} >= {"A renamed workshop: Facilitator guide"}


def test_pdf_reader_sees_one_document_title_per_file(built: tuple) -> None:
    project, workshops, _ = built
    for workshop in workshops:
        reader = PdfReader(BytesIO(pdf_path(project, plan.guide_file(workshop)).read_bytes()))
        assert reader.metadata is not None and reader.metadata.title == f"{workshop.title}: Facilitator guide"
