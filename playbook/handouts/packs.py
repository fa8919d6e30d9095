"""Stage *pdf*, workshop part: facilitator guides, slides and participant sheets, laid out in one pass.

Twenty-odd small PDFs would each pay WeasyPrint's fixed cost (parsing the
stylesheets, loading the fonts) if rendered alone, so they are laid out as one
HTML document, ``workshops.html.jinja``, whose named pages give the slides
their 16:9 size. The laid-out pages are then cut into files at the anchor
that opens each document, and each file gets its own title in its metadata.

The files are kept in ``.cache/workshop-pdfs/`` (``playbook.handouts.kept``) under
a fingerprint of everything the layout reads: a build whose workshop documents
would come out the same, because only a principle's text or a site page changed,
reuses them instead of laying them out again.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook.content.link import Playbook, Ref
from playbook.content.strings import Strings
from playbook.handouts import kept
from playbook.handouts.pdf import Sources, _render_problems
from playbook.handouts.settings_fit import Room, holds, measure, over_budget
from playbook.problems import ContentError, Problem
from playbook.render.templates import Page, render_pages

if TYPE_CHECKING:
    from weasyprint import Document

TEMPLATE = "workshops.html.jinja"
CACHE = ".cache/workshop-pdfs"
# The lines the title slide of a workshop gives the organization's name, in type of 24 pt.
TITLE_SLIDE_ROOM = Room("on the title slide of each workshop", {"organization": 2})


@dataclass(frozen=True)
class Pack:
    """One rendered workshop document: its path under the handouts folder, its pages and bytes."""

    file: str
    kind: str
    title: str
    pages: int
    data: bytes
    # Writing time of this file; the shared layout's time is on ``Packs``. For the benchmark only.
    seconds: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class Packs:
    """Every workshop document, and the time the shared layout took (for the benchmark)."""

    files: list[Pack]
    layout_seconds: float = field(default=0.0, compare=False)
    layout_cpu_seconds: float = field(default=0.0, compare=False)
    # True when the files came from the cache, laid out by an earlier build.
    cached: bool = field(default=False, compare=False)


def render_packs(sources: Sources, playbook: Playbook, strings: Strings, epoch: int) -> Packs:
    """Every workshop document as PDF bytes; raise one ContentError with every problem found."""
    from playbook.handouts import machine
    from playbook.handouts.documents import Print, PrintShaper
    from playbook.handouts.layout import RenderFailed, RestrictedFetcher, layout, to_pdf
    from playbook.handouts.workshop_documents import WorkshopShaper, doc_anchor

    shaper = WorkshopShaper(PrintShaper(playbook, Print(strings, epoch)), strings)
    docs = shaper.docs()
    if not docs:
        return Packs([])
    html = render_pages(
        sources.root, sources.generators_dir, [Page("all", TEMPLATE, shaper.bundle(docs))], autoescape=True
    )
    machine.import_weasyprint()
    machine.require_fonts()
    key = kept.fingerprint(html, sources.generators_dir)
    found = cached(sources.root / CACHE, key)
    if found is not None:
        return Packs(found, cached=True)
    shown = (sources.generators_dir / TEMPLATE).resolve().relative_to(sources.root.resolve()).as_posix()
    fetcher = RestrictedFetcher([sources.content_dir, sources.generators_dir])
    started, started_cpu = time.perf_counter(), time.process_time()
    try:
        document = layout(html["all"].decode("utf-8"), sources.generators_dir, fetcher)
    except RenderFailed as failure:
        raise ContentError(_render_problems(shown, failure.messages)) from None
    layout_seconds, layout_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    starts = _starts(document, [doc_anchor(i) for i in range(len(docs))])
    files = []
    problems: list[Problem] = []
    for index, doc in enumerate(docs):
        pages = document.pages[starts[index] : starts[index + 1] if index + 1 < len(docs) else None]
        if doc.ref is not None and doc.pages is not None and len(pages) != doc.pages:
            problems += _title_slide_problems(playbook, pages) or [
                _slides_overflow(playbook, doc.ref, len(pages), doc.pages)
            ]
            continue
        part = document.copy(pages)
        part.metadata = copy.copy(document.metadata)
        part.metadata.title = doc.title
        began = time.perf_counter()
        try:
            data = to_pdf(part)
        except RenderFailed as failure:
            problems += _render_problems(shown, failure.messages)
            continue
        files.append(Pack(doc.file, doc.kind, doc.title, len(pages), data, time.perf_counter() - began))
    if problems:
        raise ContentError(problems)
    kept.keep(
        sources.root / CACHE,
        key,
        [({"file": f.file, "kind": f.kind, "title": f.title, "pages": f.pages}, f.data) for f in files],
    )
    return Packs(files, layout_seconds, layout_cpu)


def cached(cache: Path, key: str) -> list[Pack] | None:
    """The files an earlier build kept under ``key``, or None when there are none (or they are damaged)."""
    try:
        return [
            Pack(about["file"], about["kind"], about["title"], int(about["pages"]), data)
            for about, data in kept.kept(cache, key) or []
        ] or None
    except (KeyError, ValueError, TypeError):
        return None


def _starts(document: Document, anchors: list[str]) -> list[int]:
    """The index of the page each document opens on, found by the anchor of its first element."""
    where: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            where.setdefault(name, number)
    return [where[name] for name in anchors]


def _title_slide_problems(playbook: Playbook, pages: list[Any]) -> list[Problem]:
    """When the title slide ran onto a second page: the organization's name, if it takes more than its room."""
    spilled = len(pages) > 1 and holds(pages[1], "pb-slide--title")
    if not spilled:
        return []
    return over_budget(playbook, measure(pages[:1]), TITLE_SLIDE_ROOM, "the title slide runs onto a second page")


def _slides_overflow(playbook: Playbook, ref: Ref, pages: int, slides: int) -> Problem:
    """Slides that ran over their 16:9 pages, reported at the workshop's agenda."""
    return playbook.origins[ref].problem(
        ("agenda",),
        f"the slides take {pages} pages for {slides} slides: a slide's text does not fit on its 16:9 page "
        "in type of at least 24 pt",
        "shorten the segment titles, slide points or what participants produce",
    )
