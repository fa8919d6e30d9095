"""The printable handouts: what a reader finds in them, how they print, and how the build guards them."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import segno
from conftest import FIXTURES, make_project, run_cli
from PIL import Image
from pypdf import PdfReader

from playbook.handouts.cards import CARD_HEIGHT, CARD_WIDTH, grid_for, slot
from playbook.handouts.documents import FALLBACK_INK, css_content, css_string, print_ink
from playbook.handouts.layout import RefusedURL, RestrictedFetcher
from playbook.handouts.pdf import Handout
from playbook.pipeline import Project, check, render_handouts
from playbook.problems import ContentError
from playbook.report import Reporter

QUIET = Reporter(quiet=True)
ADDRESS = "https://careers.example.edu/playbook/"


def forked(root: Path) -> Project:
    """The sample with the fork fixture: an address, a logo, letter paper and a note on give-first."""
    project = make_project(root)
    shutil.copytree(FIXTURES / "fork", project.content_dir / "local")
    return project


def render(project: Project) -> dict[str, Handout]:
    return {h.spec.name: h for h in render_handouts(project, check(project, QUIET), QUIET)}


@pytest.fixture(scope="module")
def fork_handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Handout]:
    return render(forked(tmp_path_factory.mktemp("handouts") / "project"))


def pdf(handout: Handout) -> PdfReader:
    return PdfReader(BytesIO(handout.data))


def text_of(reader: PdfReader) -> str:
    """All text, with runs of whitespace (line ends, hyphen-free wraps) collapsed."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title))  # type: ignore[attr-defined]

    walk(reader.outline, 1)
    return found


def png(data: bytes, page: int, dpi: int, tmp_path: Path) -> Image.Image:
    """One page rendered by poppler, as a grayscale image."""
    source = tmp_path / "in.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", source, tmp_path / "out"],
        check=True,
    )
    return Image.open(tmp_path / "out.png").convert("L")


def dark(image: Image.Image, x: int, y: int) -> bool:
    return image.getpixel((x, y)) < 128  # type: ignore[operator]


def inked(image: Image.Image, x: int, y: int) -> bool:
    """Any ink at all, hairlines included (they render light gray)."""
    return image.getpixel((x, y)) < 200  # type: ignore[operator]


# The default playbook, built once for the session -----------------------------------------


def test_full_handout_has_every_principle_anti_pattern_and_template(default_site: Project) -> None:
    checked = check(default_site, QUIET)
    reader = PdfReader(default_site.site_dir / "handouts/playbook.pdf")
    text = text_of(reader)
    for kind in ("principle", "anti-pattern", "template", "worksheet"):
        for entry in checked.playbook.of_kind(kind):
            assert entry.title in text, f"{kind} {entry.id} is missing from the handout"
    assert 40 <= len(reader.pages) <= 90


def test_outline_lists_every_section_and_entry(default_site: Project) -> None:
    checked = check(default_site, QUIET)
    marks = outline(PdfReader(default_site.site_dir / "handouts/playbook.pdf"))
    parts = [title for level, title in marks if level == 1]
    assert parts == [
        "Contents",
        "Principles",
        "Anti-patterns",
        "Message templates",
        "Worksheets",
        "The relationship formula",
        "Sources",
        "Answer key",
    ]
    entries = {title for level, title in marks if level == 2}
    for kind in ("principle", "anti-pattern", "template", "worksheet"):
        assert {e.title for e in checked.playbook.of_kind(kind)} <= entries


def test_short_handout_is_two_pages_and_card_deck_has_a_card_per_entry(default_site: Project) -> None:
    checked = check(default_site, QUIET)
    short = PdfReader(default_site.site_dir / "handouts/playbook-short.pdf")
    assert len(short.pages) == 2
    text = text_of(short)
    assert all(p.title in text for p in checked.playbook.of_kind("principle"))
    assert "The relationship formula" in text and "Anti-patterns to avoid" in text
    cards = len(checked.playbook.of_kind("principle")) + len(checked.playbook.of_kind("anti-pattern"))
    deck = PdfReader(default_site.site_dir / "handouts/cards.pdf")
    assert len(deck.pages) == 2 * math.ceil(cards / grid_for("a4").per_sheet)


def test_site_links_the_handouts(default_site: Project) -> None:
    page = (default_site.site_dir / "handouts/index.html").read_text()
    for name in ("playbook.pdf", "playbook-short.pdf", "cards.pdf"):
        assert f'href="{name}"' in page
        assert (default_site.site_dir / "handouts" / name).is_file()
    assert re.search(r"PDF, \d+ pages, \d+ KB", page)
    assert 'href="handouts/"' in (default_site.site_dir / "index.html").read_text()


def test_headings_never_end_a_page(default_site: Project) -> None:
    reader = PdfReader(default_site.site_dir / "handouts/playbook.pdf")
    bottom_margin = 20 / 25.4 * 72  # points, as in generators/print/handout.css

    seen: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            top = float(item.top)  # type: ignore[attr-defined]
            seen.append(item.title)  # type: ignore[attr-defined]
            # Room for the heading and at least a line of what follows it, above the bottom margin.
            assert top - bottom_margin > 40, f"'{item.title}' is stranded at the foot of its page"  # type: ignore[attr-defined]

    walk(reader.outline)
    # The outline has a bookmark for every entry, so the check above ran on each of their headings.
    checked = check(default_site, QUIET).playbook
    entries = [
        e.title for kind in ("principle", "anti-pattern", "template", "worksheet") for e in checked.of_kind(kind)
    ]
    assert entries and set(entries) <= set(seen), sorted(set(entries) - set(seen))


# A fork of the sample: address, logo, letter paper, a note ----------------------------------


def test_pdfs_are_tagged_titled_and_in_the_site_language(fork_handouts: dict[str, Handout]) -> None:
    for handout in fork_handouts.values():
        reader = pdf(handout)
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"].value is True
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
        assert reader.metadata is not None and reader.metadata.title
        assert reader.metadata.title.startswith("Riverside Networking Playbook")
        assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_cover_carries_the_logo_and_qr_code_with_alternative_text(fork_handouts: dict[str, Handout]) -> None:
    reader = pdf(fork_handouts["playbook.pdf"])
    figures: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get"):
            if "/Alt" in node:
                figures.append((node.get("/S"), node["/Alt"]))
            if node.get("/K") is not None:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert ("/Figure", "Logo of Riverside University Career Center") in figures
    assert ("/Figure", f"QR code that opens {ADDRESS}") in figures
    assert "RIVERSIDE UNIVERSITY CAREER CENTER" in reader.pages[0].extract_text()


def test_paper_size_follows_the_settings(fork_handouts: dict[str, Handout]) -> None:
    for handout in fork_handouts.values():
        box = pdf(handout).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US letter, in points


def test_worksheets_and_formula_are_form_fields(fork_handouts: dict[str, Handout]) -> None:
    fields = pdf(fork_handouts["playbook.pdf"]).get_fields()
    assert fields is not None
    assert fields["network-audit__size"]["/FT"] == "/Tx"
    assert fields["network-audit__known"]["/FT"] == "/Btn"  # a scale: one radio group, five buttons
    assert len(fields["network-audit__known"]["/_States_"]) == 5
    assert fields["network-audit__kind"]["/FT"] == "/Btn"
    assert {"network-audit__list__r1c1", "network-audit__list__r3c2"} <= set(fields)
    assert {"formula__r1__person", "formula__r1__trust", "formula__r8__result"} <= set(fields)


def test_running_header_footer_and_note(fork_handouts: dict[str, Handout]) -> None:
    reader = pdf(fork_handouts["playbook.pdf"])
    pages = len(reader.pages)
    principle_page = next(
        p for p in reader.pages if "Give first, ask later" in p.extract_text() and "Why it matters" in p.extract_text()
    )
    text = re.sub(r"\s+", " ", principle_page.extract_text())
    assert "Principles" in text  # the running header names the section
    assert re.search(rf"Page \d+ of {pages}", text)
    assert ADDRESS in text and "Version 1.0" in text
    assert "At our center" in text and "Tuesday drop-in hours" in text


def test_content_text_is_printed_as_written(fork_handouts: dict[str, Handout]) -> None:
    text = text_of(pdf(fork_handouts["playbook.pdf"]))
    assert "<script>alert(1)</script> Have a point" in text
    assert "*stars* and <b>tags</b>" in text


def test_cover_shows_the_address_as_a_qr_code(fork_handouts: dict[str, Handout], tmp_path: Path) -> None:
    cover = png(fork_handouts["playbook.pdf"].data, 1, 100, tmp_path)
    width, height = cover.size
    assert sum(1 for x in range(0, width, 4) for y in range(0, height, 4) if dark(cover, x, y)) > 200
    finders = finder_patterns(cover)
    assert len(finders) == 3, f"expected the three finder patterns of one QR code, found {finders}"
    (left, top, unit), (right, _, _), (_, bottom, _) = sorted(finders, key=lambda f: (f[1] > finders[0][1] + 5, f[0]))
    matrix = segno.make(ADDRESS, error="m", micro=False).matrix
    size = len(matrix)
    step = (right - left) / (size - 7)
    assert step == pytest.approx(unit, rel=0.2) and (bottom - top) == pytest.approx(right - left, abs=3)
    origin_x, origin_y = left - 3.5 * step, top - 3.5 * step
    agree = sum(
        dark(cover, int(origin_x + (c + 0.5) * step), int(origin_y + (r + 0.5) * step)) == bool(matrix[r][c])
        for r in range(size)
        for c in range(size)
    )
    assert agree / size**2 > 0.97, "the cover's QR code does not encode the site's address"


def finder_patterns(image: Image.Image) -> list[tuple[float, float, float]]:
    """Centres (x, y) and module size of QR finder patterns: dark-light-dark-light-dark as 1:1:3:1:1 both ways."""
    width, height = image.size
    clusters: list[dict[str, Any]] = []
    for y in range(height):
        for start, end, unit in _finder_runs([dark(image, x, y) for x in range(width)]):
            cluster = next(
                (
                    c
                    for c in clusters
                    if abs(c["start"] - start) <= 2 and abs(c["end"] - end) <= 2 and y - c["rows"][-1][0] <= 2
                ),
                None,
            )
            if cluster is None:
                cluster = {"start": start, "end": end, "rows": []}
                clusters.append(cluster)
            cluster["rows"].append((y, unit))
    found = []
    for c in clusters:
        if len(c["rows"]) < 5:
            continue
        x = (c["start"] + c["end"]) / 2
        y = sum(row for row, _ in c["rows"]) / len(c["rows"])
        column = _finder_runs([dark(image, int(x), row) for row in range(height)])
        if any(start <= y <= end for start, end, _ in column):
            found.append((x, y, sum(unit for _, unit in c["rows"]) / len(c["rows"])))
    return found


def _finder_runs(line: list[bool]) -> list[tuple[int, int, float]]:
    """Stretches of a line of pixels that cross a finder pattern's centre: (start, end, module size)."""
    runs: list[list[int]] = []  # [start, length, dark]
    for position, shade in enumerate(line):
        if runs and runs[-1][2] == int(shade):
            runs[-1][1] += 1
        else:
            runs.append([position, 1, int(shade)])
    found = []
    for i in range(len(runs) - 4):
        window = runs[i : i + 5]
        if [r[2] for r in window] != [1, 0, 1, 0, 1]:
            continue
        unit = sum(r[1] for r in window) / 7
        if unit >= 2 and all(abs(r[1] - e * unit) <= 0.6 * unit for r, e in zip(window, (1, 1, 3, 1, 1), strict=True)):
            found.append((window[0][0], window[4][0] + window[4][1], unit))
    return found


def test_card_sheets_have_crop_marks_and_mirrored_backs(fork_handouts: dict[str, Handout], tmp_path: Path) -> None:
    dpi = 100
    grid = grid_for("letter")
    scale = dpi / 25.4

    def px(mm: float) -> int:
        return round(mm * scale)

    front = png(fork_handouts["cards.pdf"].data, 1, dpi, tmp_path)
    back = png(fork_handouts["cards.pdf"].data, 2, dpi, tmp_path)
    right = grid.left + grid.columns * CARD_WIDTH
    bottom = grid.top + grid.rows * CARD_HEIGHT
    for sheet in (front, back):
        # A mark in line with each corner of the grid, in the margin just outside it.
        for x, y in ((grid.left, grid.top), (right, grid.top), (grid.left, bottom), (right, bottom)):
            above = y - 3.5 if y == grid.top else y + 3.5
            beside = x - 3.5 if x == grid.left else x + 3.5
            assert any(inked(sheet, px(x) + d, px(above)) for d in (-1, 0, 1)), (x, y)
            assert any(inked(sheet, px(beside), px(y) + d) for d in (-1, 0, 1)), (x, y)
        # Nothing else in the corners of the margin.
        assert not any(inked(sheet, px(1) + i, px(1) + j) for i in range(8) for j in range(8))

    def printed(sheet: Image.Image, index: int, back_side: bool) -> bool:
        x, y = slot(grid, index, back_side)
        return any(
            dark(sheet, px(x) + i, px(y) + j)
            for i in range(px(4), px(CARD_WIDTH - 4), 2)
            for j in range(px(4), px(CARD_HEIGHT - 4), 2)
        )

    # Four cards (three principles, one anti-pattern): the fourth sits in the second row, first
    # column on the front, and behind it (third column) on the back.
    assert [printed(front, i, False) for i in range(grid.per_sheet)] == [True] * 4 + [False] * (grid.per_sheet - 4)
    assert printed(back, 3, True) and not printed(back, 5, True)
    x, y = slot(grid, 3, True)
    assert (x, y) == slot(grid, 5, False)


def test_card_backs_link_to_the_entry_page(fork_handouts: dict[str, Handout]) -> None:
    reader = pdf(fork_handouts["cards.pdf"])
    fronts, backs = (re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages[:2])
    assert "Give first, ask later" in fronts and "At Riverside we say it this way" in fronts
    assert "Scan for the full entry" in backs
    assert "COUNTERS" in backs and "The contact collector" in backs


def test_two_renders_are_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        project = forked(tmp_path / name)
        result = subprocess.run(
            [sys.executable, "-m", "playbook", "--project", str(project.root), "pdf"],
            capture_output=True,
            text=True,
            check=False,
            env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert "wrote " in result.stderr and "cards.pdf (2 pages" in result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted((project.site_dir / "handouts").glob("*.pdf"))})
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == {"playbook.pdf", "playbook-short.pdf", "cards.pdf", "debates.pdf"}
    metadata = PdfReader(BytesIO(outputs[0]["playbook.pdf"])).metadata
    assert metadata is not None and metadata["/CreationDate"] == "D:20231114221320Z"  # from SOURCE_DATE_EPOCH


def test_a_build_whose_handout_inputs_are_unchanged_does_not_render_them_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render(project)
    assert not any(h.cached for h in first.values())

    def no_layout(*args: object, **kwargs: object) -> None:
        raise AssertionError("laid out again")

    monkeypatch.setattr("playbook.handouts.layout.layout", no_layout)
    again = render(project)
    assert all(h.cached for h in again.values())
    assert {n: (h.pages, h.data) for n, h in again.items()} == {n: (h.pages, h.data) for n, h in first.items()}
    # What the handouts are made from changed: a print stylesheet, or the content.
    stylesheet = project.generators_dir / "print" / "cards.css"
    for change in (
        lambda: stylesheet.write_text(stylesheet.read_text() + "\n/* edited */\n"),
        lambda: (path := project.content_dir / "principles" / "give-first.yml").write_text(
            path.read_text().replace("title: Give before you ask", "title: Give first, ask later")
        ),
    ):
        change()
        with pytest.raises(AssertionError, match="laid out again"):
            render(project)


# Failures: named, located, and nothing written ------------------------------------------------


def test_card_whose_text_does_not_fit_fails_naming_the_entry(project: Project) -> None:
    path = project.content_dir / "principles" / "give-first.yml"
    title = ("Give before you ask, and keep giving after you have been helped, whatever it takes " * 3)[:190].strip()
    summary = ("Offer something useful before asking for anything at all, " * 4)[:195].strip()
    text = path.read_text().replace("title: Give before you ask", f"title: {title}")
    path.write_text(text.replace("summary: Offer something useful before asking for anything.", f"summary: {summary}"))
    with pytest.raises(ContentError) as caught:
        render_handouts(project, check(project, QUIET), QUIET)
    [problem] = [p.format() for p in caught.value.problems]
    assert problem.startswith("content/principles/give-first.yml:3:10: summary: ")
    assert f"'{title}' do not fit on the front of its 63 × 88 mm card" in problem
    assert problem.endswith("— shorten the title or the summary")
    assert not (project.site_dir / "handouts").exists()


def test_fetcher_refuses_other_hosts_and_files_outside_the_project(tmp_path: Path) -> None:
    allowed = tmp_path / "generators"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p { color: black }")
    (tmp_path / "secret.txt").write_text("secret")
    (allowed / "link.css").symlink_to(tmp_path / "secret.txt")
    fetcher = RestrictedFetcher([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()).read() == b"p { color: black }"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    for url in (
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/x.css",
        (tmp_path / "secret.txt").as_uri(),
        (allowed / ".." / "secret.txt").as_uri(),
        (allowed / "link.css").as_uri(),
        "ftp://example.org/x",
    ):
        with pytest.raises(RefusedURL, match="refused to fetch"):
            fetcher.fetch(url)


def test_template_asking_for_the_network_fails_the_build(project: Project) -> None:
    template = project.generators_dir / "handout-short.html.jinja"
    template.write_text(
        template.read_text().replace("<body>", '<body><img src="https://example.org/tracker.png" alt="">')
    )
    with pytest.raises(ContentError) as caught:
        render_handouts(project, check(project, QUIET), QUIET)
    [problem] = [p.format() for p in caught.value.problems]
    assert problem.startswith(
        "generators/handout-short.html.jinja:1:1: (file): WeasyPrint: refused to fetch https://example.org/tracker.png"
    )


def test_weasyprint_warning_fails_the_build(project: Project) -> None:
    stylesheet = project.generators_dir / "print" / "cards.css"
    stylesheet.write_text(stylesheet.read_text() + "\n.pb-card { colour: red; }\n")
    with pytest.raises(ContentError) as caught:
        render_handouts(project, check(project, QUIET), QUIET)
    assert "generators/cards.html.jinja:1:1: (file): WeasyPrint: Ignored `colour: red`" in caught.value.report()


def test_pdf_command_keeps_old_handouts_on_failure(project: Project) -> None:
    folder = project.site_dir / "handouts"
    folder.mkdir(parents=True)
    (folder / "playbook.pdf").write_bytes(b"previous")
    (project.content_dir / "principles" / "give-first.yml").write_text("id: give-first\ntitle: [broken\n")
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(project.root), "pdf"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (folder / "playbook.pdf").read_bytes() == b"previous"
    assert sorted(p.name for p in folder.iterdir()) == ["playbook.pdf"]


# Pure pieces ------------------------------------------------------------------------------------


def test_css_strings_cannot_close_the_style_element() -> None:
    value = css_string('a "quoted" </style><script>x</script> \\ end')
    assert "</style" not in value and '"quoted"' not in value
    assert value.startswith('"') and value.endswith('"')
    assert css_content("Page {page} of {pages}", page="counter(page)", pages="counter(pages)") == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert css_content("{pages} pages, this is {page}", page="counter(page)", pages="counter(pages)") == (
        'counter(pages) " pages, this is " counter(page)'
    )


def test_light_brand_colors_print_dark() -> None:
    assert print_ink("#1f4e79") == "#1f4e79"
    assert print_ink("#f5c542") == FALLBACK_INK  # a yellow would vanish on paper and in grayscale


def test_card_grid_fits_and_backs_mirror_fronts() -> None:
    for paper in ("a4", "letter"):
        grid = grid_for(paper)
        assert (grid.columns, grid.rows) == (3, 3)
        assert grid.left >= 6 and grid.top >= 6
        assert grid.left * 2 + 3 * CARD_WIDTH == pytest.approx(grid.paper_width)
        for index in range(grid.per_sheet):
            fx, fy = slot(grid, index, back=False)
            bx, by = slot(grid, index, back=True)
            # Flipped on the long edge, a card's back is its front mirrored across the sheet's middle.
            assert by == fy and bx == pytest.approx(grid.paper_width - fx - CARD_WIDTH)


def test_characters_no_font_has_are_replaced_and_reported_where_written(project: Project) -> None:
    """A CJK name, an emoji or a line separator in a field: the PDFs are written, each gap located."""
    entry = project.content_dir / "principles" / "give-first.yml"
    text = entry.read_text(encoding="utf-8").replace(
        "title: Give before you ask", 'title: "Give 😀 first\\u2028to 王芳"'
    )
    entry.write_text(text, encoding="utf-8")
    (project.content_dir / "local").mkdir()
    (project.content_dir / "local" / "branding.yml").write_text("organization: 北京 Career Center\n", encoding="utf-8")
    result = run_cli(project, "pdf")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    warnings = sorted({line for line in result.stderr.splitlines() if line.startswith("warning:")})
    hint = "install a font that has it (for Chinese, Japanese or Korean: fonts-noto-cjk), or write it otherwise"
    assert warnings == [
        f"warning: content/local/branding.yml:1:15: organization: no installed font can draw '{c}' (U+{ord(c):04X}),"
        f" so the PDF shows \ufffd in its place — {hint}"
        for c in "京北"
    ] + [
        f"warning: content/principles/give-first.yml:2:8: title: no installed font can draw '{c}' (U+{ord(c):04X}),"
        f" so the PDF shows \ufffd in its place — {hint}"
        for c in "王芳"
    ], result.stderr
    assert (project.site_dir / "handouts" / "playbook.pdf").is_file()
