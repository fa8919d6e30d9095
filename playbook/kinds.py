"""The kinds of content a playbook holds: where they live and what they refer to."""

from __future__ import annotations

from dataclasses import dataclass

from playbook import model

# Kinds whose entries are pages of their own, in the order the site lists them.
ENTRY_KINDS = ("path", "principle", "anti-pattern", "template", "worksheet", "debate")


@dataclass(frozen=True)
class Reference:
    """A field that holds ids of other entries.

    ``spec`` is a dotted path into an entry's data where ``*`` stands for every
    item of a list, for example ``steps.*.entry``; ``targets`` are the kinds
    the ids may name. A reference with ``linked`` set also links the two pages
    both ways.
    """

    spec: str
    targets: tuple[str, ...]
    linked: bool = True


@dataclass(frozen=True)
class Kind:
    """One kind of content file."""

    name: str
    folder: str
    model: type[model.Model]
    references: tuple[Reference, ...] = ()
    # Folder of the kind's pages in the site, when it differs from the content folder:
    # MkDocs excludes any docs folder named templates/ by default.
    pages: str = ""

    @property
    def page_folder(self) -> str:
        """Folder of this kind's pages in the site."""
        return self.pages or self.folder


_SOURCES = Reference("sources.*", ("source",), linked=False)

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("source", "sources", model.Source),
        Kind(
            "principle",
            "principles",
            model.Principle,
            (
                _SOURCES,
                Reference("quote.source", ("source",), linked=False),
                Reference("counters.*", ("anti-pattern",)),
                Reference("templates.*", ("template",)),
            ),
        ),
        Kind(
            "anti-pattern",
            "anti-patterns",
            model.AntiPattern,
            (_SOURCES, Reference("instead.*", ("principle",)), Reference("rules.*", ("rule",))),
        ),
        Kind(
            "template",
            "templates",
            model.MessageTemplate,
            (_SOURCES, Reference("principles.*", ("principle",))),
            pages="message-templates",
        ),
        Kind(
            "worksheet",
            "worksheets",
            model.Worksheet,
            (
                _SOURCES,
                Reference("principles.*", ("principle",)),
                Reference("template", ("template",), linked=False),
                Reference("next_steps.*.template", ("template",), linked=False),
            ),
        ),
        Kind(
            "debate",
            "debates",
            model.Debate,
            (
                _SOURCES,
                Reference("sides.*.sources.*", ("source",), linked=False),
                Reference("principles.*", ("principle",)),
            ),
        ),
        Kind(
            "path",
            "paths",
            model.ReadingPath,
            (
                Reference(
                    "steps.*.entry",
                    ("principle", "anti-pattern", "template", "worksheet", "debate"),
                    linked=False,
                ),
            ),
        ),
        Kind(
            "rule",
            "rules",
            model.CheckerRule,
            (
                _SOURCES,
                Reference("anti_pattern", ("anti-pattern",)),
                Reference("principle", ("principle",)),
            ),
        ),
    )
}

# Files that hold one settings object rather than an entry.
SINGLETONS: dict[str, Kind] = {
    "site": Kind("site", "", model.Site),
    "formula": Kind(
        "formula",
        "",
        model.Formula,
        (
            _SOURCES,
            Reference("quote.source", ("source",), linked=False),
            Reference("components.*.principles.*", ("principle",), linked=False),
        ),
    ),
}

KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}
