"""Shape the resolved playbook into what each page template shows.

Every text from content is escaped here, once, so templates only place
values and never decide anything. Links are relative ``.md`` paths, which
MkDocs checks in strict mode and rewrites to page addresses.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from playbook.checker.rules import rule_data, rules_in
from playbook.site.escape import html_text, json_for_script, md, paragraphs, yaml_title, yaml_attribute
from playbook.checker.inference import guide_data
from playbook.content.kinds import ENTRY_KINDS, KINDS
from playbook.content.layers import is_translation, merged
from playbook.content.link import Playbook, Ref
from playbook.content.model import (
    AntiPattern,
    CheckerRule,
    Debate,
    Entry,
    MessageTemplate,
    Principle,
    ReadingPath,
    Source,
    Worksheet,
)
from playbook.content.situations import SITUATIONS
from playbook.content.strings import Strings, fill
from playbook.render import entries
from playbook.render.templates import Context, Page

# Kinds in the order the site lists them, with the strings key of their section title.
SECTION_TITLES = {
    "principle": "principles",
    "anti-pattern": "anti_patterns",
    "template": "templates",
    "worksheet": "worksheets",
    "debate": "debates",
}
TOOLS = ("calculator", "composer", "checker")

# The keep-in-touch cadences a student can pick for a person, in weeks: choices offered, not advice
# from a source. The 3B7 timings come from content/limits.yml (see Shaper.follow_up_data).
CADENCE_WEEKS = (2, 4, 13, 26)

# Search ranks a page by the words it shares with the query, and Material's search adds a wildcard to
# every word, which defeats stemming ("referral*" finds no "referr"): asked "who should I ask for a
# referral", it ranked a template for alumni first and the tool that answers the question seventh. The
# student's path is boosted (Material's `search: boost:` front matter) so that it ranks first there;
# 4 was the smallest boost that did, and "how do I follow up" still finds the follow-up template first.
STUDENT_PATH_SEARCH_BOOST = 4


def network_audit(playbook: Playbook) -> Worksheet | None:
    """The worksheet that holds the connections audit (the student's path to referral asks), if any."""
    return next((w for w in playbook.of_kind("worksheet") if w.tool == "connections-audit"), None)


def legacy_site_ids(title: str) -> list[str]:
    """The names the first version kept browser storage under, built from the title; the tools move it on."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return [slug[:40] or "playbook"]


def page_path(ref: Ref) -> str:
    """The docs-relative Markdown path of an entry's page."""
    return f"{KINDS[ref.kind].page_folder}/{ref.id}.md"


def tag_anchor(name: str) -> str:
    """The tags page's anchor for a tag's name, as Material's listing names it: ``tag:`` and its slug.

    Letters and digits (any script) stay, lowercased; runs of spaces and hyphens become one hyphen;
    anything else goes. Each entry page lists its tags' anchors in its front matter
    (``tag_anchors``), which overrides/partials/tags.html links to.
    """
    slug = re.sub(r"[^\w\s-]", "", name.casefold()).strip()
    return "tag:" + re.sub(r"[\s_-]+", "-", slug)


def relative(from_page: str, to_page: str) -> str:
    """A link from one page to another, as MkDocs expects it in Markdown.

    Both are docs-relative POSIX paths without ``..``; this avoids
    ``posixpath.relpath``, which resolves against the working directory on
    every call and showed in profiles of large playbooks.
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def tool_url(from_page: str, to_page: str) -> str:
    """The address of a page as the browser sees it (directory URLs), for tool data."""
    target = to_page.removesuffix(".md")
    target = "" if target == "index" else target.removesuffix("/index") + "/"
    here = from_page.removesuffix(".md")
    here = "" if here == "index" else here.removesuffix("/index") + "/"
    return posixpath.relpath(target or ".", here or ".") + "/" if target != here else "./"


class Shaper:
    """Builds page contexts for one playbook in one language."""

    def __init__(self, playbook: Playbook, strings: Strings, *, site_id: str) -> None:
        self.playbook = playbook
        self.raw_strings = strings
        self.t = {key: md(value) for key, value in strings.get("pages", {}).items()}
        self.site_id = site_id

    # Small pieces -----------------------------------------------------------------

    def link(self, here: str, entry: Any, kind: str) -> Context:
        """A link item to an entry: escaped title and summary, relative URL."""
        return {
            "title": md(entry.title),
            "url": relative(here, page_path(Ref(kind, entry.id))),
            "summary": md(getattr(entry, "summary", "")),
        }

    def linked(self, here: str, ref: Ref, kind: str) -> list[Context]:
        return [self.link(here, entry, kind) for entry in self.playbook.linked(ref, kind)]

    def sources(self, here: str, ids: tuple[str, ...]) -> list[Context]:
        return [self.source_item(here, self.playbook.source(i)) for i in ids]

    def source_item(self, here: str, source: Source) -> Context:
        year = str(source.year) if source.year is not None else self.t["no_year"]
        return {
            "title": md(source.title),
            "year": year,
            "author": md(source.byline()),
            "url": relative(here, "sources.md") + f"#{source.id}",
            "id": source.id,
        }

    def common(self, here: str, entry: Entry, kind: str) -> Context:
        """What every entry page shows: front matter, audiences, tags, sources."""
        tags = [self.playbook.tag_name(tag) for tag in entry.tags]
        return {
            "t": self.t,
            "kind_label": self.t[f"kind.{kind}"],
            **self.shown(here, entries.common(entry)),
            "title_yaml": yaml_title(entry.title),
            "summary_yaml": yaml_attribute(entry.summary),
            "tags_yaml": [yaml_title(tag) for tag in tags],
            "audiences": [self.t[f"audience.{a}"] for a in entry.audiences],
            "index_url": relative(here, f"{KINDS[kind].page_folder}/index.md"),
            "index_title": self.t[SECTION_TITLES[kind]] if kind in SECTION_TITLES else self.t["paths"],
            # Kinds that run as an activity (worksheets, exercises, debates) replace it with their method.
            "method": None,
            # Each tag's place on the tags page, by the name the page shows (overrides/partials/tags.html).
            "tag_anchors_yaml": {yaml_title(tag): yaml_title(tag_anchor(tag)) for tag in tags},
        }

    def note(self, entry_id: str) -> Context | None:
        """The institution's note on an entry, from the fork's overlay."""
        note = self.playbook.notes.get(entry_id)
        if note is None:
            return None
        return {"title": md(note.title) if note.title else self.t["our_note"], "paragraphs": paragraphs(note.note)}

    def shown(self, here: str, value: Any) -> Any:
        """A value from :mod:`playbook.render.entries` as escaped Markdown or HTML on the page at ``here``."""
        if isinstance(value, dict):
            return {key: self.shown(here, item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.shown(here, item) for item in value]
        if isinstance(value, entries.Line):
            return md(value.text)
        if isinstance(value, entries.Paragraphs):
            return paragraphs(value.text) if value.text else []
        if isinstance(value, entries.Message):
            return message_html(value.text)
        if isinstance(value, entries.Verbatim):
            return html_text(value.text) if value.text else None
        if isinstance(value, entries.Links):
            return self.linked(here, value.ref, value.kind)
        if isinstance(value, entries.Sources):
            return self.sources(here, value.ids)
        if isinstance(value, entries.SourceOf):
            return self.source_item(here, self.playbook.source(value.id))
        if isinstance(value, entries.NoteOn):
            return self.note(value.entry_id)
        if isinstance(value, entries.Label):
            return self.t[value.key]
        if isinstance(value, entries.Phrase):
            return md(fill(self.raw_strings["pages"][value.key], **dict(value.values)))
        return value

    # Entry pages ------------------------------------------------------------------

    def principle(self, entry: Principle) -> Page:
        here = page_path(Ref("principle", entry.id))
        ref = Ref("principle", entry.id)
        return Page(
            here,
            "principle.md.jinja",
            {
                **self.common(here, entry, "principle"),
                **self.shown(here, entries.principle(entry)),
                "worksheets": self.linked(here, ref, "worksheet"),
                "debates": self.linked(here, ref, "debate"),
            },
        )

    def anti_pattern(self, entry: AntiPattern) -> Page:
        here = page_path(Ref("anti-pattern", entry.id))
        rules = self.playbook.linked(Ref("anti-pattern", entry.id), "rule")
        return Page(
            here,
            "anti-pattern.md.jinja",
            {
                **self.common(here, entry, "anti-pattern"),
                **self.shown(here, entries.anti_pattern(entry)),
                "rules": [{"title": md(rule.title), "explanation": md(rule.explanation)} for rule in rules],
            },
        )

    def template(self, entry: MessageTemplate) -> Page:
        here = page_path(Ref("template", entry.id))
        return Page(
            here,
            "template.md.jinja",
            {
                **self.common(here, entry, "template"),
                **self.shown(here, entries.template(entry)),
                "situation": self.t[f"situation.{entry.situation}"],
                "composer_url": relative(here, "tools/composer.md") + f"?template={entry.id}",
            },
        )

    def worksheet(self, entry: Worksheet) -> Page:
        here = page_path(Ref("worksheet", entry.id))
        data: Context = {
            "site": self.site_data(),
            "worksheet": entry.model_dump(mode="json"),
            "strings": self.tool_strings("worksheet"),
        }
        if entry.tool == "connections-audit":
            data.update(self.audit_data(here, entry))
        return Page(
            here,
            "worksheet.md.jinja",
            {
                **self.common(here, entry, "worksheet"),
                **self.shown(here, entries.worksheet(entry)),
                "search_boost": STUDENT_PATH_SEARCH_BOOST if entry.tool == "connections-audit" else None,
                "tool": tool_mount(
                    "worksheet",
                    f"pb-config-{entry.id}",
                    data,
                    self.raw_strings["pages"]["noscript"],
                    worksheet_outline(entry, self.raw_strings["pages"]["worksheet_fields"]),
                ),
            },
        )

    def audit_data(self, here: str, entry: Worksheet) -> Context:
        """What the connections audit needs beyond the worksheet: its steps' templates, the checker, the plan's timings."""
        templates = {template.id: template for template in self.playbook.of_kind("template")}
        steps = [
            {"step": s.step, "fill": dict(s.fill), "template": self.template_data(here, templates[s.template])}
            for s in entry.next_steps
            if s.template in templates
        ]
        pages = self.raw_strings["pages"]
        return {
            "next_steps": steps,
            "rules": [rule_data(rule) for rule in self.checker_rules()],
            "situations": [{"id": s, "label": pages[f"situation.{s}"]} for s in SITUATIONS],
            "follow_up": self.follow_up_data(),
        }

    def follow_up_data(self) -> Context:
        """Dalton's 3B7 in working days, from the playbook's limits, and the cadences a student can pick."""
        limits = self.playbook.limits
        if limits is None:
            return {"second_contact_days": None, "follow_up_days": None, "cadence_weeks": list(CADENCE_WEEKS)}
        return {
            "second_contact_days": limits.second_contact_after.value,
            "follow_up_days": limits.follow_up_after.value,
            "cadence_weeks": list(CADENCE_WEEKS),
        }

    def debate(self, entry: Debate) -> Page:
        here = page_path(Ref("debate", entry.id))
        return Page(
            here,
            "debate.md.jinja",
            {
                **self.common(here, entry, "debate"),
                "question": md(entry.question),
                "sides": [
                    {
                        "position": md(side.position),
                        "reasoning": paragraphs(side.reasoning),
                        "sources": self.sources(here, side.sources),
                    }
                    for side in entry.sides
                ],
                "take": paragraphs(entry.take),
                "principles": self.linked(here, Ref("debate", entry.id), "principle"),
                "method": self.shown(here, entries.method(entry.method)),
            },
        )

    def path(self, entry: ReadingPath) -> Page:
        here = page_path(Ref("path", entry.id))
        steps = []
        for step in entry.steps:
            if not self.playbook.has(step.entry):
                continue  # Hidden by the fork's overlay.
            ref = self.playbook.ref_of(step.entry)
            target = self.playbook.get(ref)
            steps.append(
                {
                    **self.link(here, target, ref.kind),
                    "why": md(step.why),
                    "kind": self.t[f"kind.{ref.kind}"],
                }
            )
        return Page(
            here,
            "path.md.jinja",
            {
                "t": self.t,
                "title": md(entry.title),
                "title_yaml": yaml_title(entry.title),
                "audience": self.t[f"audience.{entry.audience}"],
                "intro": paragraphs(entry.intro),
                "steps": steps,
            },
        )

    # Lists and the home page -------------------------------------------------------

    def index(self, kind: str) -> Page:
        here = f"{KINDS[kind].page_folder}/index.md"
        key = SECTION_TITLES.get(kind, "paths")
        listed = self.playbook.of_kind(kind)
        items = [
            {
                **self.link(here, entry, kind),
                "id": entry.id,
                "method": self.shown(here, entries.method(getattr(entry, "method", None))),
            }
            for entry in listed
        ]
        return Page(
            here,
            "index.md.jinja",
            {
                "t": self.t,
                "title": self.t[key],
                "title_yaml": yaml_title(self.raw_strings["pages"][key]),
                "intro": self.t.get(f"{key}_intro", ""),
                "items": items,
                "filter": self.index_filter(kind, listed),
            },
        )

    def index_filter(self, kind: str, listed: Sequence[Any]) -> Context | None:
        """The filter over an index whose entries have a method (time, group, level); None otherwise."""
        methods = [entries.method_filter(getattr(entry, "method", None)) for entry in listed]
        if not any(methods):
            return None
        pages = self.raw_strings["pages"]
        list_id = f"pb-list-{kind}"
        groups = dict.fromkeys(way for m in methods if m for way in m["group"])
        levels = dict.fromkeys(m["level"] for m in methods if m)
        data = {
            "site": self.site_data(),
            "strings": self.tool_strings("filter"),
            "list": list_id,
            "items": [{"id": entry.id, "method": m} for entry, m in zip(listed, methods, strict=True)],
            "groups": [[way, pages[f"group.{way}"]] for way in GROUP_ORDER if way in groups],
            "levels": [[level, pages[f"level.{level}"]] for level in LEVEL_ORDER if level in levels],
        }
        return {
            "list_id": list_id,
            "mount": tool_mount("filter", f"pb-config-filter-{kind}", data, pages["filter_noscript"]),
        }

    def sources_page(self) -> Page:
        here = "sources.md"
        items = []
        for source in self.playbook.of_kind("source"):
            refs = sorted(self.playbook.cited_by.get(source.id, frozenset()))
            cited = [self.link(here, self.playbook.get(r), r.kind) for r in refs if r.kind in ENTRY_KINDS]
            items.append(
                {
                    **self.source_item(here, source),
                    "publication": md(source.where()) if source.where() else None,
                    "links": [{"text": md(text), "url": url} for text, url in source.links()],
                    "changes": paragraphs(source.changes) if source.changes else None,
                    "kind": md(source.kind.replace("-", " ")),
                    "contributes": paragraphs(source.contributes),
                    "cited_by": cited,
                }
            )
        return Page(
            here,
            "sources.md.jinja",
            {
                "t": self.t,
                "title_yaml": yaml_title(self.raw_strings["pages"]["sources"]),
                "items": items,
            },
        )

    def home(self) -> Page:
        here = "index.md"
        site = self.playbook.site
        paths = [
            {**self.link(here, p, "path"), "audience": self.t[f"audience.{p.audience}"]} for p in self.playbook.paths()
        ]
        sections = []
        for kind, key in SECTION_TITLES.items():
            count = len(self.playbook.entries.get(kind, {}))
            if count:
                sections.append(
                    {
                        "title": self.t[key],
                        "intro": self.t[f"{key}_intro"],
                        "url": relative(here, f"{KINDS[kind].page_folder}/index.md"),
                        "count": md(fill(self.raw_strings["pages"]["entries_count"], count=count)),
                    }
                )
        return Page(
            here,
            "home.md.jinja",
            {
                "t": self.t,
                "title": md(site.title),
                "title_yaml": yaml_title(site.title),
                "description": md(site.description),
                "organization": md(site.organization),
                "paths": paths,
                "sections": sections,
                "task": self.home_task(here),
                "tools": [
                    *([self.home_task(here)] if self.home_task(here) else []),
                    *({"title": self.t[name], "url": relative(here, f"tools/{name}.md")} for name in self.tool_names()),
                ],
                "handouts": {
                    "title": self.t["download_pdf"],
                    "intro": md(self.raw_strings["print"]["handouts_intro"]),
                    "link": md(self.raw_strings["print"]["handouts_open"]),
                    "url": relative(here, "handouts/index.md"),
                },
            },
        )

    def home_task(self, here: str) -> Context | None:
        """The student's path as a task on the home page: the connections audit, to referral asks."""
        audit = network_audit(self.playbook)
        if audit is None:
            return None
        return {
            "title": self.t["network"],
            "intro": self.t["network_intro"],
            "url": relative(here, page_path(Ref("worksheet", audit.id))),
        }

    def customize_page(self) -> Page:
        """The walkthrough for a career center that forks the playbook, in the site's language if translated."""
        language = self.playbook.site.language
        return Page(
            "customize.md",
            (f"customize.{language}.md.jinja", "customize.md.jinja"),
            {
                "title_yaml": yaml_title(self.raw_strings["pages"]["customize"]),
                "organization": md(self.playbook.site.organization),
                "kinds": [{"folder": kind.folder} for kind in KINDS.values()],
            },
        )

    def tags_page(self) -> Page:
        """Every tagged entry under each of its tags, in the form of Material's listing.

        The listing is written here rather than left to the tags plugin's marker:
        Zensical 0.0.73 resolves that marker once for every tagged page, so its time
        and memory grow with the square of the entries (bench/zensical_tags.py).
        """
        groups: dict[str, list[tuple[str, str]]] = {}
        for kind in ENTRY_KINDS:
            for entry in self.playbook.of_kind(kind):
                for tag in getattr(entry, "tags", ()):
                    name = self.playbook.tag_name(tag)
                    groups.setdefault(name, []).append((entry.title, page_path(Ref(kind, entry.id))))
        return Page(
            "tags.md",
            "tags.md.jinja",
            {
                "t": self.t,
                "title_yaml": yaml_title(self.raw_strings["pages"]["tags"]),
                "tags": [
                    {
                        "name": md(tag),
                        "anchor": tag_anchor(tag),
                        "entries": [
                            {"title": md(title), "url": relative("tags.md", path)}
                            for title, path in sorted(groups[tag], key=lambda item: (item[0].casefold(), item[1]))
                        ],
                    }
                    for tag in sorted(groups, key=str.casefold)
                ],
            },
        )

    # Tools ------------------------------------------------------------------------

    def tool_names(self) -> list[str]:
        available = {
            "calculator": self.playbook.formula is not None,
            "checker": bool(self.playbook.entries.get("rule")),
        }
        return [name for name in TOOLS if available.get(name, True)]

    def site_data(self) -> Context:
        site = self.playbook.site
        # The first version kept saved work under its English title: every language moves it on.
        origin = self.playbook.origins.get(Ref("site", "site"))
        untranslated = (
            merged(origin.document, tuple(o for o in origin.overlays if not is_translation(o))) if origin else {}
        )
        english_title = untranslated.get("title")
        return {
            "id": self.site_id,
            "legacy": legacy_site_ids(english_title if isinstance(english_title, str) else site.title),
            "title": site.title,
            "language": site.language,
        }

    def tool_strings(self, tool: str) -> dict[str, str]:
        groups = self.raw_strings.get("tools", {})
        return {**groups.get("common", {}), **groups.get(tool, {})}

    def template_data(self, here: str, entry: MessageTemplate) -> Context:
        return {
            **entry.model_dump(
                mode="json",
                include={
                    "id",
                    "title",
                    "summary",
                    "channel",
                    "situation",
                    "subject",
                    "body",
                    "placeholders",
                },
            ),
            "url": tool_url(here, page_path(Ref("template", entry.id))),
        }

    def calculator(self) -> Page:
        here = "tools/calculator.md"
        formula = self.playbook.formula
        assert formula is not None
        ids = sorted({pid for c in formula.components for pid in c.principles if self.playbook.has(pid)})
        principles = self.playbook.entries.get("principle", {})
        data = {
            "site": self.site_data(),
            "formula": formula.model_dump(mode="json"),
            "principles": {
                pid: {
                    "title": principles[pid].title,
                    "url": tool_url(here, page_path(Ref("principle", pid))),
                }
                for pid in ids
            },
            "strings": self.tool_strings("calculator"),
        }
        source = self.playbook.source(formula.quote.source)
        return Page(
            here,
            "tool.md.jinja",
            {
                "t": self.t,
                "title": md(formula.title),
                "title_yaml": yaml_title(formula.title),
                "intro": paragraphs(formula.intro),
                "quote": {"text": md(formula.quote.text), "source": self.source_item(here, source)},
                "tool": tool_mount(
                    "calculator",
                    "pb-config-calculator",
                    data,
                    self.raw_strings["pages"]["noscript"],
                ),
            },
        )

    def composer(self) -> Page:
        here = "tools/composer.md"
        data = {
            "site": self.site_data(),
            "templates": [self.template_data(here, t) for t in self.playbook.of_kind("template")],
            "strings": self.tool_strings("composer"),
        }
        title = self.raw_strings["pages"]["composer"]
        return Page(
            here,
            "tool.md.jinja",
            {
                "t": self.t,
                "title": md(title),
                "title_yaml": yaml_title(title),
                "intro": paragraphs(self.raw_strings["pages"]["templates_intro"]),
                "quote": None,
                "tool": tool_mount("composer", "pb-config-composer", data, self.raw_strings["pages"]["noscript"]),
            },
        )

    def checker_rules(self) -> list[CheckerRule]:
        """The checker rules for drafts in the site's language, each with that language's match."""
        return rules_in(self.playbook.of_kind("rule"), self.playbook.site.language)

    def checker(self) -> Page:
        here = "tools/checker.md"
        data = self.checker_data(here)
        pages = self.raw_strings["pages"]
        return Page(
            here,
            "tool.md.jinja",
            {
                "t": self.t,
                "title": md(pages["checker"]),
                "title_yaml": yaml_title(pages["checker"]),
                "intro": paragraphs(pages["checker_intro"]),
                "quote": None,
                "tool": tool_mount("checker", "pb-config-checker", data, pages["noscript"]),
            },
        )

    def checker_data(self, here: str) -> Context:
        """What the checker page runs on: the rules and cues of the site's language, in its words."""

        def entry_link(kind: str, entry_id: str | None) -> Context | None:
            if entry_id is None or not self.playbook.has(entry_id):
                return None
            entry = self.playbook.get(Ref(kind, entry_id))
            return {"title": entry.title, "url": tool_url(here, page_path(Ref(kind, entry_id)))}

        rules = [
            {
                **rule_data(rule),
                "anti_pattern": entry_link("anti-pattern", rule.anti_pattern),
                "principle": entry_link("principle", rule.principle),
            }
            for rule in self.checker_rules()
        ]
        pages = self.raw_strings["pages"]
        return {
            "site": self.site_data(),
            "rules": rules,
            "situations": [{"id": s, "label": pages[f"situation.{s}"]} for s in SITUATIONS],
            "guide": guide_data(self.playbook.situation_guide, self.playbook.limits, self.playbook.site.language)
            if self.playbook.situation_guide is not None
            else None,
            "strings": self.tool_strings("checker"),
        }

    def in_its_language(self, page: Page, ref: Ref) -> Page:
        """An entry not translated into the site's language: its page says so and marks its text English."""
        if ref not in self.playbook.untranslated:
            return page
        return replace(page, language="en", notice=self.t["untranslated_notice"])

    # Everything -------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every page of the site, in a stable order."""
        builders: dict[str, Callable[[Any], Page]] = {
            "principle": self.principle,
            "anti-pattern": self.anti_pattern,
            "template": self.template,
            "worksheet": self.worksheet,
            "debate": self.debate,
            "path": self.path,
        }
        pages = [self.home(), self.sources_page(), self.tags_page()]
        if "customize" not in self.playbook.hidden_pages:
            pages.append(self.customize_page())
        for kind in ENTRY_KINDS:
            entries = self.playbook.of_kind(kind)
            if kind != "path" and entries:
                pages.append(self.index(kind))
            pages.extend(self.in_its_language(builders[kind](entry), Ref(kind, entry.id)) for entry in entries)
        if self.playbook.formula is not None:
            pages.append(self.calculator())
        pages.append(self.composer())
        if "checker" in self.tool_names():
            pages.append(self.checker())
        return pages


# The filter lists ways of working and levels in this order, whatever order the entries give them in.
GROUP_ORDER = ("solo", "pairs", "small-groups", "whole-group")
LEVEL_ORDER = ("beginner", "intermediate", "advanced")


def message_html(text: str) -> str:
    """A message as escaped HTML paragraphs with its line breaks kept."""
    blocks = [block.strip("\n") for block in text.strip().split("\n\n") if block.strip()]
    return "".join(f"<p>{'<br>'.join(html_text(line.strip()) for line in block.splitlines())}</p>" for block in blocks)


def worksheet_outline(entry: Worksheet, heading: str) -> str:
    """The worksheet's questions as plain HTML, shown until the form mounts (or without JavaScript)."""
    parts = [f'<div class="pb-outline"><p><strong>{html_text(heading)}</strong></p>']
    for section in entry.sections:
        items = "".join(f"<li>{html_text(f.label)}</li>" for f in section.fields)
        parts.append(f"<p>{html_text(section.title)}</p><ul>{items}</ul>")
    parts.append("</div>")
    return "".join(parts)


def tool_mount(tool: str, config_id: str, data: Context, noscript: str, fallback: str = "") -> str:
    """The element a browser tool mounts on, with its data as inline JSON.

    What the element holds before the tool mounts (a note, the worksheet's
    questions) stays for readers without JavaScript and is replaced on mount.
    The data sits in an inert ``<template>`` rather than the usual
    ``<script type="application/json">``: Material's instant navigation
    re-creates every inline script with its text alone, turning data into code.
    """
    # One outer block, so Markdown passes both elements through untouched.
    return (
        f'<div class="pb-tool-box"><div class="pb-tool" data-pb-tool="{tool}" data-pb-config="{config_id}">'
        f'<p class="pb-noscript">{html_text(noscript)}</p>{fallback}</div>'
        f'<template id="{config_id}" data-search-exclude>{json_for_script(data)}</template></div>'
    )
