"""Stage *link*: resolve ids across files into one playbook with links both ways."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, overload

from playbook.content.collect import Loaded, Origin
from playbook.content.kinds import FORK_TAGS, KINDS, Reference
from playbook.content.load import Path
from playbook.content.model import (
    AUDIENCES,
    AntiPattern,
    CheckerRule,
    Debate,
    EntryModel,
    Formula,
    Limits,
    MessageTemplate,
    Note,
    Principle,
    ReadingPath,
    Site,
    SituationGuide,
    Source,
    Tags,
    Worksheet,
    Workshop,
)
from playbook.content.validate import problem_at
from playbook.problems import Problem


@dataclass(frozen=True, order=True)
class Ref:
    """Names one entry: its kind and its id."""

    kind: str
    id: str


# Pages that are not entries but that hidden.yml may leave out like one: the editors' guide to customizing.
HIDEABLE_PAGES = frozenset({"customize"})


@dataclass(frozen=True)
class Playbook:
    """The resolved playbook: every entry by kind, and the links between them.

    ``links`` is symmetric: when a principle counters an anti-pattern, each
    lists the other, whichever of the two files declared it. ``origins`` holds
    the files each entry (and the site settings and formula, under
    ``Ref("site", "site")`` and ``Ref("formula", "formula")``) was written in.
    """

    site: Site
    formula: Formula | None
    entries: dict[str, dict[str, EntryModel]]
    origins: dict[Ref, Origin]
    links: dict[Ref, frozenset[Ref]] = field(repr=False)
    cited_by: dict[str, frozenset[Ref]] = field(repr=False)
    notes: dict[str, Note] = field(default_factory=dict, repr=False)
    local: frozenset[Ref] = frozenset()
    limits: Limits | None = None
    situation_guide: SituationGuide | None = None
    # The names readers see for tags (content/tags.yml, translated beside it); a tag it lacks shows as written.
    tags: Tags | None = None
    # The language the entries are in, and the entries that have no translation into it (shown in English).
    language: str = "en"
    untranslated: frozenset[Ref] = frozenset()
    # Site pages that are not entries and that a fork's hidden.yml left out (see HIDEABLE_PAGES).
    hidden_pages: frozenset[str] = frozenset()

    def tag_name(self, tag: str) -> str:
        """The name readers see for a tag in the playbook's language."""
        names = {item.id: item.label for item in self.tags.tags} if self.tags is not None else {}
        return names.get(tag, tag)

    def has(self, entry_id: str) -> bool:
        """Whether an entry with this id is in the playbook (hidden entries are not)."""
        return any(entry_id in table for table in self.entries.values())

    @overload
    def of_kind(self, kind: Literal["source"]) -> list[Source]: ...
    @overload
    def of_kind(self, kind: Literal["principle"]) -> list[Principle]: ...
    @overload
    def of_kind(self, kind: Literal["anti-pattern"]) -> list[AntiPattern]: ...
    @overload
    def of_kind(self, kind: Literal["template"]) -> list[MessageTemplate]: ...
    @overload
    def of_kind(self, kind: Literal["worksheet"]) -> list[Worksheet]: ...
    @overload
    def of_kind(self, kind: Literal["debate"]) -> list[Debate]: ...
    @overload
    def of_kind(self, kind: Literal["path"]) -> list[ReadingPath]: ...
    @overload
    def of_kind(self, kind: Literal["rule"]) -> list[CheckerRule]: ...
    @overload
    def of_kind(self, kind: Literal["workshop"]) -> list[Workshop]: ...
    @overload
    def of_kind(self, kind: str) -> Sequence[EntryModel]: ...

    def of_kind(self, kind: str) -> Sequence[EntryModel]:
        """Entries of one kind, sorted by title."""
        return sorted(self.entries.get(kind, {}).values(), key=_by_title)

    def paths(self) -> list[ReadingPath]:
        """Reading paths in the order of the audiences: job seekers, recruiters, career advisors."""
        return sorted(self.of_kind("path"), key=lambda p: (AUDIENCES.index(p.audience), p.id))

    def get(self, ref: Ref) -> EntryModel:
        """The entry a reference names."""
        return self.entries[ref.kind][ref.id]

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        found = self.entries["source"][source_id]
        assert isinstance(found, Source)
        return found

    def principle(self, principle_id: str) -> Principle:
        """The principle with this id."""
        found = self.entries["principle"][principle_id]
        assert isinstance(found, Principle)
        return found

    @overload
    def linked(self, ref: Ref, kind: Literal["source"]) -> list[Source]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["principle"]) -> list[Principle]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["anti-pattern"]) -> list[AntiPattern]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["template"]) -> list[MessageTemplate]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["worksheet"]) -> list[Worksheet]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["debate"]) -> list[Debate]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["path"]) -> list[ReadingPath]: ...
    @overload
    def linked(self, ref: Ref, kind: Literal["rule"]) -> list[CheckerRule]: ...
    @overload
    def linked(self, ref: Ref, kind: str) -> Sequence[EntryModel]: ...

    def linked(self, ref: Ref, kind: str) -> Sequence[EntryModel]:
        """Entries of ``kind`` linked to ``ref``, sorted by title."""
        found = [self.get(r) for r in self.links.get(ref, frozenset()) if r.kind == kind]
        return sorted(found, key=_by_title)

    def ref_of(self, entry_id: str) -> Ref:
        """The reference of an entry, by its id alone (ids are unique across kinds)."""
        for kind, table in self.entries.items():
            if entry_id in table:
                return Ref(kind, entry_id)
        raise KeyError(entry_id)


ENTRY_MODELS = get_args(EntryModel)


def _by_title(entry: EntryModel) -> tuple[str, str]:
    return (entry.title.casefold(), entry.id)


def walk(data: Any, spec: str, prefix: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value at a dotted spec such as ``steps.*.entry``, with its path."""
    head, _, rest = spec.partition(".")
    if head == "*":
        items: Iterator[tuple[str | int, Any]] = enumerate(data) if isinstance(data, tuple) else iter(())
    elif isinstance(data, dict) and head in data:
        items = iter(((head, data[head]),))
    else:
        items = iter(())
    for key, value in items:
        if rest:
            yield from walk(value, rest, (*prefix, key))
        elif value is not None:
            yield (*prefix, key), value


# How to report a problem at the place a fork hides an entry: (message, hint) -> Problem.
HiddenAt = Callable[[str, str], Problem]


def _hidden_but_cited(hidden: Mapping[str, HiddenAt], citing: dict[str, list[Problem]]) -> list[Problem]:
    """Each hidden entry that entries staying in the playbook still cite, at the line hiding it."""
    return [
        hidden[entry_id](
            f"'{entry_id}' is hidden but still cited by "
            + ", ".join(f"{at.path}:{at.line} ({at.key_path})" for at in sorted(places)),
            "hide those entries too, or override the fields that cite it (content/local/overrides/<id>.yml)",
        )
        for entry_id, places in sorted(citing.items())
    ]


def link(
    loaded: list[Loaded],
    *,
    hidden: Mapping[str, HiddenAt] | None = None,
    notes: dict[str, Note] | None = None,
    unread: frozenset[str] = frozenset(),
) -> tuple[Playbook | None, list[Problem]]:
    """Resolve every reference; report duplicates and dangling ids where they stand.

    Entries a fork's overlay hides are left out; an entry still cited by one
    that stays is reported where it is hidden, naming every file that cites it
    (the pages, the formula and the handouts would otherwise point at nothing).
    ``notes`` are the overlay's notes on entries, by id. ``unread`` names the
    files (by id, or ``site``) that had problems of their own and are missing
    from ``loaded``: a reference to one is not reported as dangling, so the
    links of the rest are checked in the same run without false alarms.
    """
    hidden = hidden or {}
    notes = notes or {}
    problems: list[Problem] = []
    entries: dict[str, dict[str, EntryModel]] = defaultdict(dict)
    where: dict[Ref, Loaded] = {}
    by_id: dict[str, Loaded] = {}
    duplicated: set[str] = set()
    singletons: dict[str, Loaded] = {}
    for item in loaded:
        if item.kind.name not in KINDS:
            singletons[item.kind.name] = item
            continue
        value = item.value
        assert isinstance(value, ENTRY_MODELS)
        entry_id = value.id
        if entry_id in hidden:
            continue
        first = by_id.get(entry_id)
        if first is not None:
            duplicated.add(entry_id)
            problems.append(
                problem_at(
                    item.document,
                    ("id",),
                    f"the id '{entry_id}' is already used by {first.document.path}",
                    "ids must be unique across the whole playbook; rename one of the two files and its id",
                )
            )
            continue
        entries[item.kind.name][entry_id] = value
        where[Ref(item.kind.name, entry_id)] = item
        by_id[entry_id] = item

    if "site" not in singletons and "site" not in unread:
        problems.append(
            Problem(
                "content/site.yml",
                1,
                1,
                "",
                "the site settings file is missing",
                "create content/site.yml with at least title, description and organization",
            )
        )

    kind_of = {r.id: r.kind for r in where}
    links: dict[Ref, set[Ref]] = defaultdict(set)
    cited_by: dict[str, set[Ref]] = defaultdict(set)
    citing_hidden: dict[str, list[Problem]] = defaultdict(list)
    for item in [*where.values(), *singletons.values()]:
        owner = Ref(item.kind.name, getattr(item.value, "id", item.kind.name))
        for reference in item.kind.references:
            for path, target_id in walk(item.data, reference.spec):
                if target_id in hidden:
                    if reference.skips_hidden:
                        continue
                    citing_hidden[target_id].append(problem_at(item.document, path, "", ""))
                    continue
                if target_id in duplicated or (target_id in unread and target_id not in kind_of):
                    # A duplicate is already reported, and so is a file that could not be read.
                    continue
                target_kind = kind_of.get(target_id)
                if target_kind not in reference.targets:
                    problems.append(_dangling(item, path, target_id, target_kind, reference, kind_of))
                    continue
                if target_kind == "source":
                    cited_by[target_id].add(owner)
                if reference.linked and owner.kind in KINDS:
                    links[owner].add(Ref(target_kind, target_id))
                    links[Ref(target_kind, target_id)].add(owner)

    problems += _hidden_but_cited(hidden, citing_hidden)
    if problems or "site" not in singletons:
        return None, problems
    site = singletons["site"].value
    formula = singletons["formula"].value if "formula" in singletons else None
    assert isinstance(site, Site) and (formula is None or isinstance(formula, Formula))
    limits = singletons["limits"].value if "limits" in singletons else None
    guide = singletons["situations"].value if "situations" in singletons else None
    assert limits is None or isinstance(limits, Limits)
    assert guide is None or isinstance(guide, SituationGuide)
    tags = _vocabulary(singletons)
    return (
        Playbook(
            site=site,
            formula=formula,
            entries={kind: dict(table) for kind, table in entries.items()},
            origins={
                **{Ref(name, name): item.origin for name, item in singletons.items()},
                **{ref: item.origin for ref, item in where.items()},
            },
            links={ref: frozenset(targets) for ref, targets in links.items()},
            cited_by={sid: frozenset(refs) for sid, refs in cited_by.items()},
            notes={i: note for i, note in notes.items() if i not in hidden},
            hidden_pages=frozenset(HIDEABLE_PAGES & set(hidden)),
            local=frozenset(ref for ref, item in where.items() if item.local),
            limits=limits,
            situation_guide=guide,
            tags=tags,
        ),
        [],
    )


def _vocabulary(singletons: dict[str, Loaded]) -> Tags | None:
    """The tags readers see: upstream's (content/tags.yml), then a fork's own (content/local/tags.yml)."""
    found = [singletons[name].value for name in ("tags", FORK_TAGS.name) if name in singletons]
    assert all(isinstance(value, Tags) for value in found)
    named = [item for value in found if isinstance(value, Tags) for item in value.tags]
    return Tags(tags=tuple(named)) if named else None


def _dangling(
    item: Loaded,
    path: Path,
    target_id: str,
    target_kind: str | None,
    reference: Reference,
    kind_of: dict[str, str],
) -> Problem:
    """A reference to an id that does not exist, or names an entry of the wrong kind."""
    wanted = " or ".join(reference.targets)
    document = item.document_for(path)
    if target_kind is not None:
        return problem_at(
            document,
            path,
            f"'{target_id}' is a {target_kind}, but a {wanted} is expected here",
            f"name a {wanted} id",
        )
    candidates = [i for i, k in kind_of.items() if k in reference.targets]
    close = difflib.get_close_matches(target_id, candidates, n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else f"create {_folder(reference.targets[0])}/{target_id}.yml or fix the id"
    )
    return problem_at(document, path, f"no {wanted} has the id '{target_id}'", hint)


def _folder(kind: str) -> str:
    folder = KINDS[kind].folder
    return f"content/{folder}"
