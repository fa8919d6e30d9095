"""Stage *pdf*: the printable handouts, from the resolved playbook to PDF bytes.

Three documents come from the same content as the site: the full handout,
the two-page short handout and the card deck. Each is shaped by
:mod:`playbook.handouts.documents`, rendered through a print template in
``generators/`` and laid out by WeasyPrint, which reads nothing but the
project's ``content/`` and ``generators/`` files. Every problem (a template
error, a WeasyPrint complaint, a card whose text does not fit) is collected
and reported against the file to fix.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.content.link import Playbook, Ref
from playbook.content.strings import Strings, fill
from playbook.handouts import kept
from playbook.handouts.cards import CARD_HEIGHT, CARD_WIDTH, overflowing
from playbook.handouts.settings_fit import Room, holds, measure, over_budget
from playbook.problems import ContentError, Problem
from playbook.render.templates import Page, render_pages
from playbook.site.escape import md, yaml_title
from playbook.site.stage import write_if_changed

FOLDER = "handouts"
SHORT_PAGES = 2
# The lines each document gives the site settings it shows. Within these, every setting the scaffold suggests
# fits on A4 and letter together (tests/test_branding_fit.py); a document that runs over its pages names the
# settings that take more.
CONTACT_LINES = {
    "contact.email": 1,
    "contact.phone": 2,
    "contact.address": 2,
    "call_to_action.label": 2,
    "call_to_action.url": 1,
    "footer": 2,
}
COVER_ROOM = Room(
    "on the cover of the full handout",
    {"organization": 2, "title": 3, "description": 4, "version": 1, "url": 3, **CONTACT_LINES, "contact.address": 5},
)
SHORT_ROOM = Room(
    "in the header of the short handout",
    {"organization": 2, "title": 2, "version": 1, "url": 3, **CONTACT_LINES, "contact.address": 3},
)
CARD_ROOM = Room("on the back of each card", {"organization": 2, "url": 2})


@dataclass(frozen=True)
class Spec:
    """One handout: its file name, its template and the shaper method that builds its context."""

    name: str
    template: str
    shape: str
    title_key: str
    about_key: str


SPECS = (
    Spec("playbook.pdf", "handout.html.jinja", "full", "handout_full", "handout_full_about"),
    Spec("playbook-short.pdf", "handout-short.html.jinja", "short", "handout_short", "handout_short_about"),
    Spec("cards.pdf", "cards.html.jinja", "deck", "handout_cards", "handout_cards_about"),
)


@dataclass(frozen=True)
class Handout:
    """A rendered handout."""

    spec: Spec
    pages: int
    data: bytes
    # Layout and writing time (wall clock and processor), for the benchmark; not part of the result.
    seconds: float = field(default=0.0, compare=False)
    cpu_seconds: float = field(default=0.0, compare=False)
    # Characters no installed font can draw, each where the content wrote it; the PDF shows U+FFFD instead.
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    # True when an earlier build rendered it from the same inputs (see playbook.handouts.kept).
    cached: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Sources:
    """Where the print templates and the content's files (the logo) are."""

    root: Path
    content_dir: Path
    generators_dir: Path


def render_handouts(sources: Sources, playbook: Playbook, strings: Strings, epoch: int) -> list[Handout]:
    """Every handout as PDF bytes; raise one ContentError with every problem found."""
    # WeasyPrint takes most of a second to import, and print shaping pulls in the QR
    # encoder: only a build that renders PDFs pays for them. A machine without WeasyPrint's
    # libraries or the handouts' fonts stops here with the package to install.
    from playbook.handouts import machine

    machine.import_weasyprint()
    machine.require_fonts()
    from playbook.handouts.documents import Print, PrintShaper
    from playbook.handouts.layout import RenderFailed, RestrictedFetcher, layout, to_pdf

    # The logo's presence is checked with the rest of the site settings.
    logo = playbook.site.logo
    logo_url = (sources.content_dir / logo).resolve().as_uri() if logo else None
    shaper = PrintShaper(playbook, Print(strings, epoch, logo_url))
    problems: list[Problem] = []
    # Every template renders once up front, so all their errors are reported together.
    pages = [Page(spec.name, spec.template, getattr(shaper, spec.shape)()) for spec in SPECS]
    html = render_pages(sources.root, sources.generators_dir, pages, autoescape=True)
    # The card backs are rendered again once the full handout is laid out (they name its pages),
    # which the full handout's HTML and the same print assets decide.
    key = kept.fingerprint(html, sources.generators_dir)
    found = kept_handouts(sources.root / CACHE, key)
    if found is not None:
        return found
    fetcher = RestrictedFetcher([sources.content_dir, sources.generators_dir])
    handouts = []
    # The card backs name the page of the full handout where each entry is: known once it is laid out.
    entry_pages: dict[str, int] = {}
    for spec in SPECS:
        template = (sources.generators_dir / spec.template).resolve()
        shown = template.relative_to(sources.root.resolve()).as_posix()
        started, started_cpu = time.perf_counter(), time.process_time()
        if spec.shape == "deck" and entry_pages:
            page = Page(spec.name, spec.template, shaper.deck(entry_pages))
            html.update(render_pages(sources.root, sources.generators_dir, [page], autoescape=True))
        try:
            # Written as well as laid out: WeasyPrint finds a glyph missing only when it draws it.
            (document, data), missing = _without_missing_glyphs(
                html[spec.name].decode("utf-8"),
                lambda text: (laid := layout(text, sources.generators_dir, fetcher), to_pdf(laid)),
            )
        except RenderFailed as failure:
            problems += _render_problems(shown, failure.messages)
            continue
        if spec.shape == "full":
            entry_pages = anchor_pages(document)
        if spec.shape == "full" and _cover_pages(document) > 1:
            problems += over_budget(
                playbook, measure(document.pages[:2]), COVER_ROOM, "the cover runs to a second page"
            ) or [_cover_too_long(shown)]
        if spec.shape == "deck":
            problems += _card_problems(playbook, document)
        if spec.shape == "short" and len(document.pages) > SHORT_PAGES:
            consequence = f"the short handout runs to {len(document.pages)} pages instead of {SHORT_PAGES}"
            problems += over_budget(playbook, measure(document.pages), SHORT_ROOM, consequence) or [
                _short_too_long(shown, len(document.pages))
            ]
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        warnings = tuple(glyph_warnings(playbook, missing, shown))
        handouts.append(Handout(spec, len(document.pages), data, elapsed, cpu, warnings))
    if problems:
        raise ContentError(problems)
    if not any(h.warnings for h in handouts):
        # A build that warned renders again next time, so every build shows its warnings.
        kept.keep(sources.root / CACHE, key, [({"name": h.spec.name, "pages": h.pages}, h.data) for h in handouts])
    return handouts


# Handouts an earlier build rendered (see playbook.handouts.kept).
CACHE = ".cache/handout-pdfs"


def kept_handouts(cache: Path, key: str) -> list[Handout] | None:
    """The handouts an earlier build kept under ``key``, or None when there are none (or they are damaged)."""
    by_name = {spec.name: spec for spec in SPECS}
    try:
        return [
            Handout(by_name[about["name"]], int(about["pages"]), data, cached=True)
            for about, data in kept.kept(cache, key) or []
        ] or None
    except (KeyError, ValueError, TypeError):
        return None


def anchor_pages(document: Any) -> dict[str, int]:
    """The page number (from 1) of every anchor in a laid-out document, by its id."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


# WeasyPrint's complaint about a character no installed font has a glyph for.
_NOTDEF = re.compile(
    r'^\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" \(U\+[0-9A-F]+\)$', re.S
)
# Separators a writer meant as a break; the PDF's flowing text shows them as a space.
_SEPARATORS = str.maketrans({"\u2028": " ", "\u2029": " "})
REPLACEMENT = "\ufffd"


def _without_missing_glyphs(html: str, lay_out: Callable[[str], Any]) -> tuple[Any, set[str]]:
    """Lay out and write ``html``; characters no font can draw are replaced by U+FFFD and returned.

    A person's or a center's name in a script the machine has no font for, or
    an emoji, must not stop the build: the handout shows a replacement mark
    and the build says where the character was written.
    """
    from playbook.handouts.layout import RenderFailed

    html = html.translate(_SEPARATORS)
    try:
        return lay_out(html), set()
    except RenderFailed as failure:
        found = [_NOTDEF.match(message) for message in failure.messages]
        if not all(found):
            raise
        missing = {match.group(1) for match in found if match}
        for text in missing:
            html = html.replace(text, REPLACEMENT)
        return lay_out(html), missing


def _strings_in(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings_in(item, (*path, index))


def glyph_warnings(playbook: Playbook, missing: set[str], template: str) -> Iterator[Problem]:
    """Where each character the handouts could not draw was written (the template when no entry has it)."""
    for text in sorted(missing):
        what = (
            f"no installed font can draw '{text}' (U+{ord(text[0]):04X}), so the PDF shows {REPLACEMENT} in its place"
        )
        hint = "install a font that has it (for Chinese, Japanese or Korean: fonts-noto-cjk), or write it otherwise"
        places = [
            origin.problem(path, what, hint)
            for ref, origin in sorted(playbook.origins.items())
            for path, value in _strings_in(origin.data)
            if text in value
        ]
        yield from places or [Problem(template, 1, 1, "", what, hint)]


def _render_problems(template: str, messages: list[str]) -> list[Problem]:
    """WeasyPrint's complaints about a document, at its template; one about the machine stops the command."""
    from playbook.handouts.machine import machine_problem

    for message in messages:
        lacking = machine_problem(message)
        if lacking is not None:
            raise lacking
    hint = "fix the template, its stylesheet or the file it names"
    return [Problem(template, 1, 1, "", f"WeasyPrint: {message}", hint) for message in messages]


def _cover_pages(document: Any) -> int:
    """The pages the full handout's cover takes: it is one page unless its text ran over."""
    return sum(1 for page in document.pages[:3] if holds(page, "pb-cover"))


def _cover_too_long(template: str) -> Problem:
    return Problem(
        template,
        1,
        1,
        "",
        "the cover of the full handout runs to a second page",
        "shorten the description, the contact details or the call to action in content/local/branding.yml",
    )


def _card_problems(playbook: Playbook, document: Any) -> list[Problem]:
    """Cards whose text does not fit: the site settings on their backs first, then each entry's own text."""
    names = overflowing(document)
    if any(name.endswith(":back") for name in names):
        blamed = over_budget(playbook, measure(document.pages), CARD_ROOM, "the backs of the cards do not fit")
        if blamed:
            return blamed + _overflow_problems(playbook, [name for name in names if not name.endswith(":back")])
    return _overflow_problems(playbook, names)


def _overflow_problems(playbook: Playbook, names: list[str]) -> list[Problem]:
    """A card whose text does not fit, reported where the text on it was written."""
    problems = []
    for name in names:
        kind, entry_id, face = name.split(":")
        ref = Ref(kind, entry_id)
        entry = playbook.get(ref)
        origin = playbook.origins[ref]
        if face == "front":
            key = "summary"
            what = f"the title and summary of '{entry.title}' do not fit on the front of its {CARD_WIDTH:g} × {CARD_HEIGHT:g} mm card"
            hint = "shorten the title or the summary"
        else:
            key = "instead" if kind == "anti-pattern" else "counters"
            what = f"the back of the card for '{entry.title}' does not fit on {CARD_WIDTH:g} × {CARD_HEIGHT:g} mm"
            hint = f"shorten the title, or list fewer entries under {key}"
        # A fork's override that wrote the text is where the editor can fix it. The back lists
        # links that the other entries may have declared: then point at the title.
        written = [k for k in (key, "title") if origin.overridden(k)]
        at = written[0] if written else (key if key in origin.data else "title")
        problems.append(origin.problem((at,), what, hint))
    return problems


def _short_too_long(template: str, pages: int) -> Problem:
    return Problem(
        template,
        1,
        1,
        "",
        f"the short handout runs to {pages} pages instead of {SHORT_PAGES}",
        "shorten the principles' and anti-patterns' summaries, or the template's text",
    )


def handouts_page(strings: Strings, handouts: list[Handout] | None) -> Page:
    """The site page that links the handouts, or says the preview does not render them (None)."""
    t = {key: md(value) for key, value in strings["print"].items()}
    items = [
        {
            "title": t[h.spec.title_key],
            "about": t[h.spec.about_key],
            "url": h.spec.name,
            "details": md(fill(strings["print"]["pdf_details"], pages=h.pages, size=size_text(len(h.data)))),
        }
        for h in handouts or []
    ]
    return Page(
        f"{FOLDER}/index.md",
        "handouts.md.jinja",
        {
            "t": t,
            "title_yaml": yaml_title(strings["print"]["handouts_title"]),
            "items": items,
            "preview": handouts is None,
        },
    )


def staged_files(
    root: Path, generators_dir: Path, strings: Strings, handouts: list[Handout] | None
) -> dict[str, bytes]:
    """The handouts and the page that links them, as files of the staged project."""
    page = handouts_page(strings, handouts)
    files = {f"docs/{path}": data for path, data in render_pages(root, generators_dir, [page]).items()}
    files.update({f"docs/{FOLDER}/{h.spec.name}": h.data for h in handouts or []})
    return files


def write_handouts(folder: Path, handouts: list[Handout]) -> list[Path]:
    """Write each handout into ``folder``, each through a temporary file moved into place."""
    written = []
    for handout in handouts:
        path = folder / handout.spec.name
        write_if_changed(path, handout.data)
        written.append(path)
    return written


def epoch_seconds(value: str) -> int:
    """SOURCE_DATE_EPOCH as seconds; a value that is not a whole number is the user's to fix."""
    try:
        return int(value)
    except ValueError:
        raise ContentError(
            [
                Problem(
                    "SOURCE_DATE_EPOCH",
                    1,
                    1,
                    "",
                    f"'{value}' is not a whole number of seconds",
                    "unset it, or set it to a Unix timestamp such as 1700000000",
                )
            ]
        ) from None


def size_text(size: int) -> str:
    """A file size as people read it: 840 KB, 1.3 MB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


# The page counts and digests of the handouts last written into site/, so a build without PDFs can keep them.
RECORD = ".cache/handouts.json"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _record(root: Path) -> dict[str, object]:
    try:
        record = json.loads((root / RECORD).read_bytes())
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def remember(root: Path, handouts: list[Handout], folder: str = "") -> None:
    """Record what each handout written into the site (below ``folder``, a language's) is: pages and digest."""
    record = _record(root)
    record.update({folder + h.spec.name: {"pages": h.pages, "digest": _digest(h.data)} for h in handouts})
    path = root / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, json.dumps(record, indent=1, sort_keys=True).encode())


def previous(root: Path, site_dir: Path, folder: str = "") -> tuple[list[Handout] | None, list[Path]]:
    """The handouts the last build left in ``site_dir`` (below ``folder``), when every one is there as recorded.

    Returns them (or None) and the PDF files found there that cannot be kept:
    handouts not recorded, changed since or part of an incomplete set, and the
    workshops' documents, which only a build with PDFs lays out with their pages.
    """
    here = site_dir / folder / FOLDER
    found = sorted(here.glob("*.pdf")) if here.is_dir() else []
    record = _record(root)
    kept = []
    for spec in SPECS:
        entry = record.get(folder + spec.name)
        try:
            data = (here / spec.name).read_bytes()
        except OSError:
            return None, found
        if (
            not isinstance(entry, dict)
            or entry.get("digest") != _digest(data)
            or not isinstance(entry.get("pages"), int)
        ):
            return None, found
        kept.append(Handout(spec, entry["pages"], data))
    names = {spec.name for spec in SPECS}
    return kept, [path for path in found if path.name not in names]
