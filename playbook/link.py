"""Stage *link*: resolve ids across files into one playbook with links both ways."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from playbook.collect import Loaded
from playbook.kinds import KINDS, Reference
from playbook.load import Path
from playbook.model import AUDIENCES, Formula, Limits, Model, Note, Site, SituationGuide
from playbook.overlay import Overlay
from playbook.problems import Problem
from playbook.validate import problem_at


@dataclass(frozen=True, order=True)
class Ref:
    """Names one entry: its kind and its id."""

    kind: str
    id: str


@dataclass(frozen=True)
class Playbook:
    """The resolved playbook: every entry by kind, and the links between them.

    ``links`` is symmetric: when a principle counters an anti-pattern, each
    lists the other, whichever of the two files declared it.
    """

    site: Site
    formula: Formula | None
    entries: dict[str, dict[str, Any]]
    files: dict[Ref, str]
    links: dict[Ref, frozenset[Ref]] = field(repr=False)
    cited_by: dict[str, frozenset[Ref]] = field(repr=False)
    notes: dict[str, Note] = field(default_factory=dict, repr=False)
    local: frozenset[Ref] = frozenset()
    limits: Limits | None = None
    situation_guide: SituationGuide | None = None

    def has(self, entry_id: str) -> bool:
        """Whether an entry with this id is in the playbook (hidden entries are not)."""
        return any(entry_id in table for table in self.entries.values())

    def of_kind(self, kind: str) -> list[Any]:
        """Entries of one kind, sorted by title (or id when they have none)."""
        values = self.entries.get(kind, {}).values()
        return sorted(values, key=lambda v: (getattr(v, "title", v.id).casefold(), v.id))

    def paths(self) -> list[Any]:
        """Reading paths in the order of the audiences: job seekers, recruiters, career advisors."""
        return sorted(self.of_kind("path"), key=lambda p: (AUDIENCES.index(p.audience), p.id))

    def get(self, ref: Ref) -> Any:
        """The entry a reference names."""
        return self.entries[ref.kind][ref.id]

    def linked(self, ref: Ref, kind: str) -> list[Any]:
        """Entries of ``kind`` linked to ``ref``, sorted by title."""
        found = [self.get(r) for r in self.links.get(ref, frozenset()) if r.kind == kind]
        return sorted(found, key=lambda v: (getattr(v, "title", v.id).casefold(), v.id))

    def ref_of(self, entry_id: str) -> Ref:
        """The reference of an entry, by its id alone (ids are unique across kinds)."""
        for kind, table in self.entries.items():
            if entry_id in table:
                return Ref(kind, entry_id)
        raise KeyError(entry_id)


def walk(data: Any, spec: str, prefix: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value at a dotted spec such as ``steps.*.entry``, with its path."""
    head, _, rest = spec.partition(".")
    if head == "*":
        items = enumerate(data) if isinstance(data, tuple) else ()
    elif isinstance(data, dict) and head in data:
        items = ((head, data[head]),)  # type: ignore[assignment]
    else:
        items = ()
    for key, value in items:
        if rest:
            yield from walk(value, rest, (*prefix, key))
        elif value is not None:
            yield (*prefix, key), value


def link(loaded: list[Loaded], overlay: Overlay | None = None) -> tuple[Playbook | None, list[Problem]]:
    """Resolve every reference; report duplicates and dangling ids where they stand.

    Entries the overlay hides are left out, and references to them dropped.
    """
    overlay = overlay or Overlay()
    problems: list[Problem] = []
    entries: dict[str, dict[str, Model]] = defaultdict(dict)
    where: dict[Ref, Loaded] = {}
    by_id: dict[str, Loaded] = {}
    duplicated: set[str] = set()
    singletons: dict[str, Loaded] = {}
    for item in loaded:
        if item.kind.name not in KINDS:
            singletons[item.kind.name] = item
            continue
        entry_id = item.value.id  # type: ignore[attr-defined]
        if entry_id in overlay.hidden:
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
        entries[item.kind.name][entry_id] = item.value
        where[Ref(item.kind.name, entry_id)] = item
        by_id[entry_id] = item

    if "site" not in singletons:
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
    for item in [*where.values(), *singletons.values()]:
        owner = Ref(item.kind.name, getattr(item.value, "id", item.kind.name))
        for reference in item.kind.references:
            for path, target_id in walk(item.data, reference.spec):
                if target_id in duplicated or target_id in overlay.hidden:
                    # A duplicate is already reported; a hidden entry is meant to disappear.
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

    if problems or "site" not in singletons:
        return None, problems
    formula = singletons.get("formula")
    limits = singletons.get("limits")
    guide = singletons.get("situations")
    return (
        Playbook(
            site=singletons["site"].value,  # type: ignore[arg-type]
            formula=formula.value if formula is not None else None,  # type: ignore[arg-type]
            entries={kind: dict(table) for kind, table in entries.items()},
            files={ref: item.document.path for ref, item in where.items()},
            links={ref: frozenset(targets) for ref, targets in links.items()},
            cited_by={sid: frozenset(refs) for sid, refs in cited_by.items()},
            notes={i: note for i, note in overlay.notes.items() if i not in overlay.hidden},
            local=frozenset(ref for ref, item in where.items() if item.local),
            limits=limits.value if limits is not None else None,  # type: ignore[arg-type]
            situation_guide=guide.value if guide is not None else None,  # type: ignore[arg-type]
        ),
        [],
    )


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
