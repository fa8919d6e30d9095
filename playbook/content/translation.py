"""Stage *translate*: an entry's words in another language, from the file beside its English.

``content/principles/give-first.es.yml`` holds the Spanish of every text a
reader sees in ``give-first.yml`` and nothing else: the English keeps the
ids, tags, references and numbers, and the translation is laid over it key by
key and list item by item (see :mod:`playbook.content.layers`). The merged
entry then goes through the same model as the English, so a Spanish title too
long for a card or a template that lost a placeholder is reported in the
Spanish file, at its line and column.

``reviewed:`` records the fingerprint of the English *text* the translation
was last checked against; an English edit to that text (not a reformatting,
not a new tag) makes the translation stale, which a build reports as a warning.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from playbook.content import model
from playbook.content.collect import Loaded
from playbook.content.layers import TRANSLATION_KEYS, translation_of
from playbook.content.load import Document, not_reported_yet, read_mapping
from playbook.content.model import PLACEHOLDER_IN_TEXT, Line, Text
from playbook.content.validate import problem_at, validate_layers
from playbook.problems import Problem

# Keys that name an item of a list; a translation keeps them as they are, so the items line up.
IDENTIFYING = ("id", "name")
# Kinds whose text is not translated. A checker rule's words (title, message, explanation, fix) are,
# its phrases are not: they are what the checker looks for, a language's own (see checker/).
# A kind without text a reader sees (situations: phrases only) needs no file.
NOT_TRANSLATED_KINDS: frozenset[str] = frozenset()
# Text fields that stay in their original language: a source's bibliographic record (its title,
# names, volume, pages, publisher), a site's version and contact details.
KEPT: dict[type[BaseModel], frozenset[str]] = {
    model.Source: frozenset({"title", "authors", "organisation", "volume", "pages", "edition", "publisher"}),
    model.Site: frozenset({"version", "contact"}),
}
# Text a translator may leave in English: a quotation is quoted in the words the source used, and a
# source's publication is often a journal's name (American Journal of Sociology); its description
# of a blog is translated.
OPTIONAL: dict[type[BaseModel], frozenset[str]] = {
    model.Quote: frozenset({"text"}),
    model.Source: frozenset({"publication"}),
}
LIMIT_MARKER = re.compile(r"\[\[limit:[a-z_]+\]\]")
_PROSE_CONSTRAINTS = (get_args(Line)[1], get_args(Text)[1])


@dataclass(frozen=True)
class Shape:
    """What a field holds, as far as translation is concerned: text, a list, or a nested model."""

    kind: Literal["text", "list", "model"]
    inner: Shape | None = None
    model: type[BaseModel] | None = None


def _shape(annotation: Any, metadata: tuple[Any, ...] = ()) -> Shape | None:
    """The translatable shape of an annotation, or None for ids, tags, choices, numbers and references."""
    if any(isinstance(mark, model.RefersTo) for mark in metadata):
        return None
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *marks = get_args(annotation)
        return _shape(base, (*metadata, *marks))
    if origin in (Union, UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _shape(options[0], metadata) if len(options) == 1 else None
    if origin is tuple:
        args = get_args(annotation)
        inner = _shape(args[0]) if len(args) == 2 and args[1] is Ellipsis else None
        return Shape("list", inner) if inner is not None else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation) if text_fields(annotation) else None
    if annotation is str and any(mark in _PROSE_CONSTRAINTS for mark in metadata):
        return Shape("text")
    return None


def text_fields(model_class: type[BaseModel]) -> dict[str, Shape]:
    """The fields of a model that hold text a reader sees, with their shapes."""
    kept = KEPT.get(model_class, frozenset())
    found = {}
    for name, info in model_class.model_fields.items():
        shape = _shape(info.annotation, tuple(info.metadata)) if name not in kept else None
        if shape is not None:
            found[name] = shape
    return found


def text_fields_of(model_class: type[BaseModel], data: Any) -> dict[str, Shape]:
    """The text fields of one entry's data: a source whose title only describes it has its title translated."""
    fields = text_fields(model_class)
    if model_class is model.Source and isinstance(data, dict) and data.get("title_is_descriptive") is True:
        fields = {"title": Shape("text"), **fields}
    return fields


def translatable(kind_name: str, model_class: type[BaseModel]) -> bool:
    """Whether entries of a kind have text to translate."""
    return kind_name not in NOT_TRANSLATED_KINDS and bool(text_fields(model_class))


def english_text(model_class: type[BaseModel], data: Any) -> dict[str, Any]:
    """The text a reader sees in an entry's data, by field, nested as in the file."""
    found: dict[str, Any] = {}
    fields = text_fields_of(model_class, data)
    for key, value in data.items() if isinstance(data, dict) else ():
        if key in fields:
            projected = _project(fields[key], value)
            if projected is not None:
                found[key] = projected
    return found


def _project(shape: Shape, value: Any) -> Any:
    if shape.kind == "text":
        return value if isinstance(value, str) else None
    if shape.kind == "list" and isinstance(value, (list, tuple)):
        assert shape.inner is not None
        items = [_project(shape.inner, item) for item in value]
        return items if any(item is not None for item in items) else None
    if shape.kind == "model" and isinstance(value, dict):
        assert shape.model is not None
        return english_text(shape.model, value) or None
    return None


def _canonical(value: Any) -> Any:
    """Text with its line wrapping and indentation evened out; paragraphs stay paragraphs."""
    if isinstance(value, str):
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip()))
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def fingerprint(model_class: type[BaseModel], data: Any) -> str:
    """A short fingerprint of the English text of an entry: what a translation was reviewed against."""
    text = json.dumps(_canonical(english_text(model_class, data)), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def missing_text(
    model_class: type[BaseModel], english: Any, translation: Any, path: tuple[str | int, ...] = ()
) -> list[str]:
    """Dotted paths of English text the translation leaves in English (quotations aside)."""
    missing: list[str] = []
    optional = OPTIONAL.get(model_class, frozenset())
    for key, shape in text_fields_of(model_class, english).items():
        if key not in english or english[key] is None or key in optional:
            continue
        given = translation.get(key) if isinstance(translation, dict) else None
        missing += _missing(shape, english[key], given, (*path, key))
    return missing


def _missing(shape: Shape, english: Any, given: Any, path: tuple[str | int, ...]) -> list[str]:
    if given is None and (shape.kind == "text" or (shape.inner is not None and shape.inner.kind == "text")):
        return [".".join(str(part) for part in path)] if _project(shape, english) is not None else []
    if shape.kind == "list" and isinstance(english, (list, tuple)) and isinstance(given, (list, tuple, type(None))):
        assert shape.inner is not None
        return [
            name
            for index, (item, other) in enumerate(zip(english, given or [None] * len(english), strict=False))
            for name in _missing(shape.inner, item, other, (*path, index))
        ]
    if shape.kind == "model" and isinstance(english, dict):
        assert shape.model is not None
        return missing_text(shape.model, english, given or {}, path)
    return []


@dataclass
class _Merge:
    """One translation file laid over its English, collecting every problem of the file."""

    document: Document
    problems: list[Problem]

    def problem(self, path: tuple[str | int, ...], message: str, hint: str) -> None:
        self.problems.append(problem_at(self.document, path, message, hint))

    def mapping(
        self, model_class: type[BaseModel], english: dict[str, Any], given: dict[str, Any], path: tuple[str | int, ...]
    ) -> dict[str, Any]:
        merged = dict(english)
        fields = text_fields_of(model_class, english)
        for key, value in given.items():
            here = (*path, key)
            if not path and key in TRANSLATION_KEYS:
                continue
            if path and key in IDENTIFYING and key in english:
                if value != english[key]:
                    self.problem(
                        here,
                        f"this item is '{value}' but the English item at this place is '{english[key]}'",
                        "keep the items in the English order, with their ids and names unchanged",
                    )
                continue
            if key not in model_class.model_fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1)
                hint = (
                    f"did you mean '{close[0]}'?" if close else f"the text here is in {', '.join(fields) or 'no field'}"
                )
                self.problem(here, f"'{key}' is not a field here", hint)
            elif key not in fields and model_class is model.Source and key == "title":
                self.problem(
                    here,
                    "a source's title stays as the work published it",
                    "leave it out; only a title the playbook wrote for an untitled work"
                    " (title_is_descriptive: true in the English file) is translated",
                )
            elif key not in fields:
                self.problem(
                    here,
                    f"'{key}' is not text a reader sees, so it is not translated",
                    "leave it out: the translation keeps the English file's value",
                )
            elif english.get(key) is None:
                self.problem(
                    here,
                    f"the English file has no '{key}' here",
                    "translate only what the English shows; add it to the English file first",
                )
            else:
                merged[key] = self.value(fields[key], english[key], value, here)
        return merged

    def value(self, shape: Shape, english: Any, given: Any, path: tuple[str | int, ...]) -> Any:
        if shape.kind == "text":
            if not isinstance(given, str) or not given.strip():
                self.problem(path, "expected the translated text here", "write the text, as in the English file")
                return english
            self.markers(english, given, path)
            return given
        if shape.kind == "list":
            assert shape.inner is not None
            if not isinstance(given, (list, tuple)) or len(given) != len(english):
                count = len(given) if isinstance(given, (list, tuple)) else "no"
                self.problem(
                    path,
                    f"the English list has {len(english)} items and this one {count}",
                    "translate every item, in the English order, one for one",
                )
                return english
            return tuple(
                self.value(shape.inner, e, g, (*path, i)) for i, (e, g) in enumerate(zip(english, given, strict=True))
            )
        assert shape.model is not None
        if not isinstance(given, dict) or not isinstance(english, dict):
            self.problem(path, "expected the same keys as in the English file here", "mirror the English structure")
            return english
        return self.mapping(shape.model, english, given, path)

    def markers(self, english: str, given: str, path: tuple[str | int, ...]) -> None:
        """Placeholders and limit markers are the same in both languages: the words change, the slots do not."""
        for what, pattern in (("placeholders", PLACEHOLDER_IN_TEXT), ("limit markers", LIMIT_MARKER)):
            wanted, found = set(pattern.findall(english)), set(pattern.findall(given))
            if wanted != found:
                shown = (lambda names: ", ".join(sorted(names))) if what == "limit markers" else _braced
                detail = "; ".join(
                    part
                    for part in (
                        f"missing {shown(wanted - found)}" if wanted - found else "",
                        f"not in the English {shown(found - wanted)}" if found - wanted else "",
                    )
                    if part
                )
                self.problem(
                    path,
                    f"the {what} differ from the English: {detail}",
                    f"keep exactly the English {what}, spelled as in English; translate the words around them",
                )


def _braced(names: set[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))


@dataclass(frozen=True)
class Status:
    """Where one translatable English file stands in a language."""

    english: str
    entry: str
    translation: str | None
    state: Literal["missing", "unreviewed", "stale", "reviewed"]
    missing: tuple[str, ...] = ()
    warning: Problem | None = None
    current: str = ""

    @property
    def done(self) -> bool:
        """Translated in full and reviewed against the English as it is now."""
        return self.state == "reviewed" and not self.missing

    def describe(self, language: str) -> str:
        """One line for the person keeping the translation: what is missing or out of date, and what to do."""
        if self.state == "missing":
            target = beside(Path(), Document(self.english, None, {}, {}), language).as_posix()
            return f"{self.english}: not translated — write {target} (see README.md, The Spanish edition)"
        line = f"{self.translation}: "
        line += {
            "stale": f"the English changed since the review — update it, then `playbook translations --language {language} --mark-reviewed {self.entry}`",
            "unreviewed": f"never reviewed — review it, then `playbook translations --language {language} --mark-reviewed {self.entry}`",
            "reviewed": "reviewed",
        }[self.state]
        if self.missing:
            line += f"; still in English: {', '.join(self.missing)}"
        return line


def read_translation(root: Path, path: Path) -> tuple[Document | None, list[Problem]]:
    """A translation file, read by the same guarded loader as the English."""
    return read_mapping(
        path,
        path.relative_to(root).as_posix(),
        "start the file with 'translation_of: <id>', then the English keys with their translated text",
        root=root,
    )


def translate(
    item: Loaded, english: Document, translation: Document, entry: str
) -> tuple[Loaded | None, Status, list[Problem]]:
    """Lay ``translation`` over the entry whose text was written in ``english``.

    ``english`` is the file the translation translates: the upstream file, or a fork's override
    of it (then the translation holds only the override's fields). Returns the translated entry,
    or None when the translation has problems, with every problem of the file.
    """
    model_class = item.kind.model
    work = _Merge(translation, [])
    data = translation.data
    named = data.get("translation_of")
    if named != entry:
        work.problem(
            ("translation_of",) if "translation_of" in data else (),
            f"translation_of must name the entry this file translates, '{entry}'"
            + (f", not '{named}'" if named is not None else ""),
            f"write 'translation_of: {entry}' on the first line",
        )
    current = fingerprint(model_class, english.data)
    reviewed = data.get("reviewed")
    if reviewed not in (None, "") and not (isinstance(reviewed, str) and re.fullmatch(r"[0-9a-f]{12}", reviewed)):
        work.problem(
            ("reviewed",),
            "reviewed holds the fingerprint the playbook wrote, twelve hex digits",
            'leave it empty (reviewed: "") and run `playbook translations --mark-reviewed` after reviewing',
        )
    base = {k: v for k, v in english.data.items() if k not in TRANSLATION_KEYS and k != "id"}
    work.mapping(model_class, base, dict(data), ())
    state: Literal["unreviewed", "stale", "reviewed"] = (
        "unreviewed" if not reviewed else "reviewed" if reviewed == current else "stale"
    )
    warning = stale_warning(english.path, entry, translation) if state == "stale" else None
    left = tuple(missing_text(model_class, base, data))
    status = Status(english.path, entry, translation.path, state, left, warning, current)
    if work.problems:
        return None, status, work.problems
    overlays = (*item.overlays, translation)
    layered = Loaded(item.kind, item.document, item.value, overlays, item.local)
    value, problems = validate_layers(item.document, overlays, layered.data, model_class)
    if value is None:
        return None, status, problems
    return Loaded(item.kind, item.document, value, overlays, item.local), status, []


def untranslated(english: Document, model_class: type[BaseModel], entry: str) -> Status:
    """The status of an English file with no translation beside it."""
    return Status(english.path, entry, None, "missing", tuple(missing_text(model_class, english.data, {})))


def apply_translations(
    root: Path, content_dir: Path, loaded: list[Loaded], language: str, skip: str
) -> tuple[list[Loaded], list[Status], list[Problem]]:
    """Every upstream entry in ``language`` where a translation exists, with the state of each.

    An entry without a translation stays English and is listed as missing; a translation
    with problems leaves its entry English too, and every problem of every file is returned.
    ``skip`` is the fork's folder, whose translations the overlay applies.
    """
    result: list[Loaded] = []
    statuses: list[Status] = []
    problems: list[Problem] = []
    for item in loaded:
        if not translatable(item.kind.name, item.kind.model):
            result.append(item)
            continue
        path = beside(root, item.document, language)
        if not path.is_file():
            statuses.append(untranslated(item.document, item.kind.model, item.id))
            result.append(item)
            continue
        translated, status, found = translate_file(root, item, item.document, path, item.id)
        statuses += [status] if status else []
        problems += found
        result.append(translated or item)
    problems += orphans(
        root, [p for p in content_dir.rglob(f"*.{language}.y*ml") if skip not in p.relative_to(content_dir).parts[:1]]
    )
    return result, statuses, problems


def translate_file(
    root: Path, item: Loaded, english: Document, path: Path, entry: str
) -> tuple[Loaded | None, Status | None, list[Problem]]:
    """Read the translation at ``path`` and lay it over ``item``."""
    document, problems = read_translation(root, path)
    if document is None:
        return None, None, problems
    translated, status, found = translate(item, english, document, entry)
    if problems:
        return None, status, problems + not_reported_yet((document,), found)
    return translated, status, found


def orphans(root: Path, paths: list[Path]) -> list[Problem]:
    """Translation files with no English file beside them to translate."""
    problems = []
    for path in sorted(paths):
        stem = path.name.split(".", 1)[0]
        if not any((path.with_name(stem + suffix)).is_file() for suffix in (".yml", ".yaml")):
            problems.append(
                Problem(
                    path.relative_to(root).as_posix(),
                    1,
                    1,
                    "",
                    f"there is no {stem}.yml beside this translation to translate",
                    f"put the translation beside the English file it translates, named <id>{''.join(path.suffixes)}",
                )
            )
    return problems


def beside(root: Path, document: Document, language: str) -> Path:
    """Where the translation of a file into ``language`` lives: beside it, ``<stem>.<language>.yml``."""
    path = root / document.path
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def stale_warning(english: str, entry: str, translation: Document) -> Problem:
    """The located warning a build prints for a translation whose English changed since its review."""
    language = (translation_of(translation.path) or ("", "es"))[1]
    return problem_at(
        translation,
        ("reviewed",),
        f"the English text in {english} changed since this translation was reviewed",
        f"compare the two, update the translation, then run"
        f" `playbook translations --language {language} --mark-reviewed {entry}`",
    )
