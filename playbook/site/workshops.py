"""The site's Workshops section: a list of the workshops, and a page per workshop with its agenda and downloads.

Text from content is escaped here, once, as on every other page. The PDFs are
linked only when the build rendered them (``downloads``); the live preview
renders none and says so, as the handouts page does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.content.link import Playbook, Ref
from playbook.content.model import Workshop
from playbook.content.strings import Strings, fill
from playbook.render import workshops as plan
from playbook.render.templates import Context, Page
from playbook.site.escape import md, paragraphs, yaml_title, yaml_attribute
from playbook.site.pages import page_path, relative

FOLDER = "workshops"
HANDOUTS = "handouts"


@dataclass(frozen=True)
class Download:
    """A rendered PDF as the site describes it: its pages and its size as people read it."""

    pages: int
    size: str


class WorkshopPages:
    """Builds the Workshops section's pages for one playbook in one language."""

    def __init__(self, playbook: Playbook, strings: Strings, downloads: dict[str, Download] | None) -> None:
        self.playbook = playbook
        self.raw: dict[str, str] = {**strings.get("pages", {}), **strings.get("print", {}), **strings.get("workshops", {})}
        self.t = {key: md(value) for key, value in self.raw.items() if isinstance(value, str)}
        self.downloads = downloads

    def download(self, here: str, file: str, title: str, about: str = "") -> Context | None:
        """A link to one PDF with its pages and size, or None when the PDFs were not rendered."""
        if self.downloads is None or file not in self.downloads:
            return None
        found = self.downloads[file]
        return {
            "title": md(title),
            "about": md(about),
            "url": relative(here, f"{HANDOUTS}/{file}"),
            "details": md(fill(self.raw["pdf_details"], pages=found.pages, size=found.size)),
        }

    def files(self, here: str, workshop: Workshop) -> list[Context]:
        """The workshop's own PDFs, then the participant sheets it prints."""
        t = self.raw
        found = [
            self.download(here, plan.guide_file(workshop), t["guide"], t["guide_about"]),
            self.download(here, plan.slides_file(workshop), t["slides"], t["slides_about"]),
            self.download(here, plan.debates_file(workshop), t["debates_sheet"], t["debates_sheet_about"]),
        ]
        found += [
            self.download(here, plan.worksheet_file(w.id), fill(t["worksheet_sheet"], title=w.title))
            for w in plan.worksheets(workshop, self.playbook)
        ]
        found += [
            self.download(
                here,
                plan.exercise_file(a.id),
                fill(t["exercise_sheet"], number=plan.exercise_number(self.playbook, a.id)),
            )
            for a in plan.exercises(workshop, self.playbook)
        ]
        return [item for item in found if item is not None]

    def facts(self, workshop: Workshop) -> dict[str, str]:
        t = self.raw
        return {
            "duration": md(fill(t["minutes_long"], minutes=workshop.duration)),
            "group": md(fill(t["group"], count=workshop.group_size, table=workshop.table_size)),
            "participants": md(workshop.participants),
        }

    def entry_links(self, here: str, ids: tuple[str, ...]) -> list[Context]:
        links = []
        for entry_id in ids:
            if self.playbook.has(entry_id):
                ref = self.playbook.ref_of(entry_id)
                entry = self.playbook.get(ref)
                links.append({"title": md(entry.title), "url": relative(here, page_path(ref))})
        return links

    def page(self, workshop: Workshop) -> Page:
        here = page_path(Ref("workshop", workshop.id))
        t = self.raw
        start = fill(t["starts_at"], start=workshop.start) if workshop.start else t["relative_times"]
        agenda = []
        for slot in plan.timeline(workshop):
            s = slot.segment
            agenda.append(
                {
                    "clock": md(slot.clock),
                    "title": md(s.title),
                    "minutes": md(fill(t["minutes"], minutes=s.minutes)),
                    "produces": md(s.produces or ""),
                    "uses": self.entry_links(here, (*s.entries, *s.worksheets, *s.debates)),
                }
            )
        materials = [
            md(f"{plan.units(workshop, m.per) * m.count} × {m.item}") for m in workshop.materials
        ]
        return Page(
            here,
            "workshop.md.jinja",
            {
                "t": self.t,
                "title": md(workshop.title),
                "title_yaml": yaml_title(workshop.title),
                "summary": md(workshop.summary),
                "summary_yaml": yaml_attribute(workshop.summary),
                "facts": self.facts(workshop),
                "start": md(start),
                "agenda": agenda,
                "total": md(fill(t["minutes_long"], minutes=workshop.duration)),
                "preparation": [md(step) for step in workshop.preparation],
                "materials": materials,
                "downloads": self.files(here, workshop),
                "preview": self.downloads is None,
                "index_url": relative(here, f"{FOLDER}/index.md"),
            },
        )

    def index(self) -> Page:
        here = f"{FOLDER}/index.md"
        items: list[dict[str, Any]] = []
        for workshop in self.playbook.of_kind("workshop"):
            items.append(
                {
                    "title": md(workshop.title),
                    "url": relative(here, page_path(Ref("workshop", workshop.id))),
                    "summary": md(workshop.summary),
                    **self.facts(workshop),
                    "downloads": self.files(here, workshop)[:2],
                }
            )
        debates = self.download(here, plan.DEBATES_FILE, self.raw["all_debates"], self.raw["debates_sheet_about"])
        sheets = [
            self.download(here, plan.worksheet_file(w.id), fill(self.raw["worksheet_sheet"], title=w.title))
            for w in self.playbook.of_kind("worksheet")
        ]
        sheets += [
            self.download(
                here,
                plan.exercise_file(a.id),
                fill(self.raw["exercise_sheet"], number=plan.exercise_number(self.playbook, a.id)),
            )
            for a in self.playbook.of_kind("anti-pattern")
        ]
        return Page(
            here,
            "workshops.md.jinja",
            {
                "t": self.t,
                "title_yaml": yaml_title(self.raw["workshops"]),
                "items": items,
                "debates": debates,
                "sheets": [item for item in sheets if item is not None],
                "preview": self.downloads is None,
                "intro": paragraphs(self.raw["workshops_intro"]),
            },
        )


def workshop_pages(playbook: Playbook, strings: Strings, downloads: dict[str, Download] | None) -> list[Page]:
    """The Workshops section, when the playbook has workshops: its list, then a page per workshop."""
    workshops = playbook.of_kind("workshop")
    if not workshops:
        return []
    shaper = WorkshopPages(playbook, strings, downloads)
    return [shaper.index(), *(shaper.page(w) for w in workshops)]
