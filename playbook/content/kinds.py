"""The kinds of content a playbook holds: where they live, and what they refer to as the model declares it."""

from __future__ import annotations

from dataclasses import dataclass
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from playbook.content import model

# Kinds whose entries are pages of their own, in the order the site lists them.
ENTRY_KINDS = ("path", "principle", "anti-pattern", "template", "worksheet", "debate")


@dataclass(frozen=True)
class Reference:
    """A field that holds ids of other entries.

    ``spec`` is a dotted path into an entry's data where ``*`` stands for every
    item of a list, for example ``steps.*.entry``; ``targets`` are the kinds
    the ids may name. A reference with ``linked`` set also links the two pages
    both ways; one with ``skips_hidden`` leaves out an id a fork hides.
    """

    spec: str
    targets: tuple[str, ...]
    linked: bool = True
    skips_hidden: bool = False


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


def references(model_class: type[BaseModel], prefix: str = "") -> tuple[Reference, ...]:
    """Every reference a model declares with :class:`model.RefersTo` on its fields, its nested models' included."""
    found: list[Reference] = []
    for name, info in model_class.model_fields.items():
        many = _is_tuple(info.annotation)
        spec = f"{prefix}{name}.*" if many else f"{prefix}{name}"
        marks = [mark for mark in info.metadata if isinstance(mark, model.RefersTo)]
        for mark in marks:
            found.append(Reference(spec, mark.targets, mark.linked, mark.skips_hidden))
        nested = _model_in(info.annotation)
        if not marks and nested is not None:
            found.extend(references(nested, f"{spec}."))
    return tuple(found)


def _is_tuple(annotation: Any) -> bool:
    if get_origin(annotation) is tuple:
        return True
    return any(_is_tuple(arg) for arg in get_args(annotation) if get_origin(annotation) in (Union, UnionType))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _kind(name: str, folder: str, model_class: type[model.Model], pages: str = "") -> Kind:
    return Kind(name, folder, model_class, references(model_class), pages)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        _kind("source", "sources", model.Source),
        _kind("principle", "principles", model.Principle),
        _kind("anti-pattern", "anti-patterns", model.AntiPattern),
        _kind("template", "templates", model.MessageTemplate, pages="message-templates"),
        _kind("worksheet", "worksheets", model.Worksheet),
        _kind("debate", "debates", model.Debate),
        _kind("path", "paths", model.ReadingPath),
        _kind("rule", "rules", model.CheckerRule),
        _kind("workshop", "workshops", model.Workshop),
    )
}

# Files that hold one settings object rather than an entry.
SINGLETONS: dict[str, Kind] = {
    "site": _kind("site", "", model.Site),
    "formula": _kind("formula", "", model.Formula),
    "limits": _kind("limits", "", model.Limits),
    "situations": _kind("situations", "", model.SituationGuide),
    "tags": _kind("tags", "", model.Tags),
}

# A fork's own tags (content/local/tags.yml): the overlay reads them, link adds them to the upstream vocabulary.
FORK_TAGS = _kind("fork-tags", "", model.Tags)

KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}
