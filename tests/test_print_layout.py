"""Print a print shop accepts: checked on the text and rule positions of the default playbook's PDFs.

Every test reads the PDFs of the session's one built default site; none renders anything itself.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pdf_layout import MM, TextLine, painted_boxes, text_lines
from pypdf import PdfReader

from playbook.pipeline import Project, check
from playbook.report import Reporter

# The full handout's page margins (generators/print/handout.css), in points.
MARGIN = 20 * MM
# A page that is not the last of a part or a worksheet is filled at least this far.
MIN_FILL = 0.4
QUIET = Reporter(quiet=True)


@cache
def pages_of(path: Path) -> tuple[PdfReader, list[list[TextLine]]]:
    """The PDF and, for each page, its text lines inside the margins (no running header or footer)."""
    reader = PdfReader(path)
    top = float(reader.pages[0].mediabox.height) - MARGIN
    return reader, [[line for line in text_lines(page) if MARGIN < line.y < top] for page in reader.pages]


@pytest.fixture(scope="module")
def full(default_site: Project) -> tuple[PdfReader, list[list[TextLine]]]:
    return pages_of(default_site.site_dir / "handouts/playbook.pdf")


def starts(reader: PdfReader) -> dict[int, list[str]]:
    """Pages (from 1) where a part or a worksheet begins, with their titles, from the PDF's outline."""
    found: dict[int, list[str]] = {}
    for index, item in enumerate(reader.outline):
        if isinstance(item, list):
            continue
        found.setdefault(reader.get_destination_page_number(item) + 1, []).append(item.title)
        children = reader.outline[index + 1] if index + 1 < len(reader.outline) else None
        if item.title == "Worksheets" and isinstance(children, list):
            for child in children:
                found.setdefault(reader.get_destination_page_number(child) + 1, []).append(child.title)
    return found


def start_page(reader: PdfReader, title: str) -> int:
    return next(page for page, titles in starts(reader).items() if title in titles)


def test_no_heading_or_entry_title_ends_a_page(full: tuple[PdfReader, list[list[TextLine]]]) -> None:
    _, pages = full
    headings = 0
    for number, lines in enumerate(pages, 1):
        marks = [i for i, line in enumerate(lines) if line.heading]
        headings += len(marks)
        if not marks:
            continue
        # What follows the page's last heading, not counting an entry's summary, which travels with its title.
        following = [line for line in lines[marks[-1] + 1 :] if not line.heading and not line.summary]
        assert len(following) >= 2, f"page {number}: '{lines[marks[-1]].text}' is stranded at the foot of the page"
    assert headings > 200, "the check found too few headings to mean anything"


def test_parts_and_worksheets_start_on_right_hand_pages(
    full: tuple[PdfReader, list[list[TextLine]]], default_site: Project
) -> None:
    reader, _ = full
    begun = starts(reader)
    titles = {title for names in begun.values() for title in names}
    worksheets = {e.title for e in check(default_site, QUIET).playbook.of_kind("worksheet")}
    assert worksheets <= titles
    assert {"Principles", "Anti-patterns", "Worksheets", "Answer key"} <= titles
    even = {page: names for page, names in begun.items() if page % 2 == 0 and names != ["Contents"]}
    assert not even, f"these start on a left-hand (even) page: {even}"


def fill(reader: PdfReader, number: int, lines: list[TextLine]) -> float:
    """How far down the text area the page's text and rules reach, from 0 (blank) to 1 (full)."""
    page = reader.pages[number - 1]
    top = float(page.mediabox.height) - MARGIN
    boxes = [b for b in painted_boxes(reader, page) if b.y0 > MARGIN - 2 and b.y1 < top + 2]
    lowest = min([line.y - 3 for line in lines] + [b.y0 for b in boxes], default=top)
    return (top - lowest) / (top - MARGIN)


def test_no_near_empty_pages_but_blanks_before_a_right_hand_start(
    full: tuple[PdfReader, list[list[TextLine]]],
) -> None:
    reader, pages = full
    begun = starts(reader)
    blank = [not lines for lines in pages]
    for number, lines in enumerate(pages[1:-1], 2):
        # The last page of a part or a worksheet may be short: the next one starts on a fresh page.
        ends_a_section = number + 1 in begun or (blank[number] and number + 2 in begun)
        if not lines:
            # A blank page only ever sits on the left, so that the next part or worksheet starts on the right.
            assert number % 2 == 0 and ends_a_section, f"page {number} is blank"
            continue
        if not ends_a_section:
            assert fill(reader, number, lines) >= MIN_FILL, f"page {number} is nearly empty ({lines[0].text!r}…)"
    assert any(blank), "the double-sided handout has no blank left-hand page at all: the right-hand starts are gone"


def test_table_rules_stay_inside_their_borders(full: tuple[PdfReader, list[list[TextLine]]]) -> None:
    reader, _ = full
    checked = 0
    for number, page in enumerate(reader.pages, 1):
        boxes = painted_boxes(reader, page)
        # A table row (or a framed box) is a band of vertical rules of the same height; the outer two are its border.
        rows: dict[tuple[float, float], list[float]] = {}
        for rule in (b for b in boxes if b.width < 2 and b.height > 10):
            rows.setdefault((round(rule.y0, 1), round(rule.y1, 1)), []).extend((rule.x0, rule.x1))
        for (bottom, top), xs in rows.items():
            if len(xs) < 4:
                continue
            left, right = min(xs), max(xs)
            inside = [b for b in boxes if b.y0 >= bottom - 0.3 and b.y1 <= top + 0.3 and b.x1 > left and b.x0 < right]
            for box in inside:
                checked += 1
                assert left - 0.2 <= box.x0 and box.x1 <= right + 0.2, (
                    f"page {number}: a line at y={box.y0:.1f} runs from {box.x0:.1f} to {box.x1:.1f}, "
                    f"outside the border of its table ({left:.1f} to {right:.1f})"
                )
    assert checked > 500, "the check found too few table rules to mean anything"


def section_pages(reader: PdfReader, first: str, after: str) -> range:
    return range(start_page(reader, first), start_page(reader, after))


def test_example_pairs_stay_on_one_page(full: tuple[PdfReader, list[list[TextLine]]]) -> None:
    reader, pages = full
    pairs = 0
    for number in section_pages(reader, "Principles", "Anti-patterns"):
        marks = [line.text for line in pages[number - 1] if line.text.startswith(("✗", "✓"))]
        weak, better = sum(m.startswith("✗") for m in marks), sum(m.startswith("✓") for m in marks)
        assert weak == better, f"page {number}: a weak/better example is split across pages"
        pairs += weak
    assert pairs > 10


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_exercises_print_their_answers_only_in_the_answer_key(
    full: tuple[PdfReader, list[list[TextLine]]], default_site: Project
) -> None:
    reader, pages = full
    text = [words(" ".join(line.text for line in lines)) for lines in pages]
    key = start_page(reader, "Answer key")
    for entry in check(default_site, QUIET).playbook.of_kind("anti-pattern"):
        weak, better = (
            words(m.splitlines()[0] if m.strip() else m)[:40] for m in (entry.rewrite.weak, entry.rewrite.better)
        )
        exercise = [n for n, t in enumerate(text, 1) if weak in t and n < key]
        answer = [n for n, t in enumerate(text, 1) if better in t]
        assert exercise, f"the exercise of {entry.id} is missing"
        assert answer and all(n >= key for n in answer), f"the answer of {entry.id} is printed at pages {answer}"
        # The exercise names the page of its answer, and the answer the page of its exercise.
        pointer = re.search(r"Answer in the answer key, page (\d+)", text[exercise[0] - 1])
        assert pointer and int(pointer.group(1)) in answer


def test_card_backs_name_the_page_of_the_full_handout(
    full: tuple[PdfReader, list[list[TextLine]]], default_site: Project
) -> None:
    _, pages = full
    deck = PdfReader(default_site.site_dir / "handouts/cards.pdf")
    backs = words(" ".join(page.extract_text() for page in deck.pages[1::2]))
    named = re.findall(r"Full entry: page (\d+) of The Networking Playbook", backs)
    playbook = check(default_site, QUIET).playbook
    entries = [*playbook.of_kind("principle"), *playbook.of_kind("anti-pattern")]
    assert len(named) == len(entries)
    for page, entry in zip(named, entries, strict=True):
        heading = [line for line in pages[int(page) - 1] if line.heading and line.size >= 14]
        assert any(entry.title.startswith(line.text) for line in heading), f"{entry.id} is not on page {page}"


def test_without_an_address_handouts_name_the_playbook_not_a_local_copy(default_site: Project) -> None:
    for name in ("playbook.pdf", "playbook-short.pdf", "cards.pdf"):
        reader = PdfReader(default_site.site_dir / "handouts" / name)
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Local copy" not in text and "local copy" not in text.lower()
    reader = PdfReader(default_site.site_dir / "handouts/playbook.pdf")
    for number, page in enumerate(reader.pages, 1):
        footer = [line.text for line in text_lines(page) if line.y < MARGIN]
        if footer:
            assert "The Networking Playbook" in " ".join(footer) and "Version 1.0" in " ".join(footer), number
