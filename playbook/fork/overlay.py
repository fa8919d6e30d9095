"""Stage *overlay*: apply a fork's own folder, ``content/local/``, on top of upstream content.

Upstream never ships files into ``content/local/``, so a career center's
changes there never conflict with upstream updates. The folder may hold:

- ``branding.yml``: any site setting (organization, logo, colors, language …);
- ``<kind folder>/<id>.yml``: new entries of any kind;
- ``overrides/<id>.yml``: single fields of an existing entry, replaced;
- ``hidden.yml``: entries to leave out;
- ``notes/<id>.yml``: the institution's note on an entry ("At our center: …");
- ``strings/<group>.yml``: interface strings to replace;
- ``tags.yml``: tags of its own, added to upstream's ``content/tags.yml`` (a clash is an error);
- images such as the logo, referenced by path from ``branding.yml``.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from playbook.content.collect import LOCAL_FOLDER, ContentFile, Loaded, read_all, translation_problem
from playbook.content.kinds import FORK_TAGS, KIND_BY_FOLDER, KINDS, SINGLETONS, Kind
from playbook.content.layers import OVERRIDE_KEYS, translation_of
from playbook.content.link import HIDEABLE_PAGES, HiddenAt
from playbook.content.load import Document, NotReadable, read_mapping, read_regular_file, symlink_outside
from playbook.content.model import Branding, Hidden, Model, Note, Override, Site, Tags
from playbook.content.strings import translation_languages
from playbook.content.svg import svg_dangers
from playbook.content.translation import Status, beside, orphans, translatable, translate_file, untranslated
from playbook.content.validate import problem_at, validate_document, validate_layers
from playbook.problems import Problem

M = TypeVar("M", bound=Model)

TAGS_FILE = "tags.yml"
SPECIAL_FILES = {"branding.yml", "hidden.yml", TAGS_FILE}
# A brand image is read whole to check it; a logo is a few kilobytes.
MAX_IMAGE_BYTES = 4 * 1024 * 1024
SPECIAL_FOLDERS = {"overrides", "notes", "strings"}


@dataclass(frozen=True)
class Overlay:
    """What a fork's overlay adds beside entries: hidden ids and notes."""

    # Hidden ids, each with how to report a problem at the line of hidden.yml that hides it.
    hidden: Mapping[str, HiddenAt] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    strings_dir: Path | None = None
    translations: tuple[Status, ...] = ()


# A note is not an entry of its own, but is translated like one.
NOTE_KIND = Kind("note", "notes", Note)


@dataclass
class _Translator:
    """Lays the fork's translations (``<id>.<language>.yml`` beside its files) over what they translate."""

    root: Path
    language: str
    statuses: list[Status] = field(default_factory=list)

    def __call__(self, item: Loaded, english: Document, entry: str) -> tuple[Loaded, list[Problem]]:
        if self.language == "en" or not translatable(item.kind.name, item.kind.model):
            return item, []
        path = beside(self.root, english, self.language)
        if not path.is_file():
            self.statuses.append(untranslated(english, item.kind.model, entry))
            return item, []
        translated, status, problems = translate_file(self.root, item, english, path, entry)
        self.statuses += [status] if status else []
        return translated or item, problems


def fingerprint(path: Path) -> str:
    """A short fingerprint of an upstream file, recorded when a fork reviews its override."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _load(root: Path, path: Path, model: type[M]) -> tuple[Document | None, M | None, list[Problem]]:
    display = path.relative_to(root).as_posix()
    document, problems = read_mapping(path, display, "write one 'key: value' a line", root=root, empty=True)
    if document is None:
        return None, None, problems
    value, found = validate_document(document, model)
    return document, (None if problems else value), problems + found


def _yaml_files(folder: Path, translations: bool = False) -> list[Path]:
    """The YAML files of a folder: entries, or with ``translations`` the ``<id>.<language>.yml`` beside them."""
    return sorted(
        p
        for p in folder.glob("*.y*ml")
        if p.suffix in (".yml", ".yaml")
        and not p.name.startswith(".")
        and (translation_of(p) is not None) == translations
    )


def _translation_files(local: Path) -> list[Path]:
    """The fork's translation files: beside its entries, overrides and notes, and beside its tags.yml."""
    folders = [local / name for name in sorted([*KIND_BY_FOLDER, "overrides", "notes"])]
    return [
        *(p for folder in folders for p in _yaml_files(folder, translations=True)),
        *(p for p in _yaml_files(local, translations=True) if _translates_tags(p)),
    ]


def _translates_tags(path: Path) -> bool:
    return (translation_of(path) or ("", ""))[0] == Path(TAGS_FILE).stem


def _translation_problems(root: Path, local: Path) -> list[Problem]:
    """Translation files in the fork's folders whose language the playbook cannot read."""
    supported = translation_languages(root / "generators")
    problems = []
    for path in _translation_files(local):
        bad = translation_problem(path, path.relative_to(root).as_posix(), supported)
        problems.extend([bad] if bad else [])
    return problems


def _entry_files(root: Path, local: Path) -> tuple[list[ContentFile], list[Problem]]:
    """New entries: ``local/<kind folder>/*.yml``; anything else in ``local/`` is a problem."""
    files: list[ContentFile] = []
    problems: list[Problem] = []
    try:
        children = sorted(local.iterdir())
    except OSError:
        # An unreadable content/local/ is reported by the layout check (content.collect.layout_problems).
        children = []
    for child in children:
        if child.name.startswith("."):
            continue
        display = child.relative_to(root).as_posix()
        linked = symlink_outside(root, child)
        if linked is not None:
            problems.append(Problem(display, 1, 1, "", linked, "replace the link with the folder or file itself"))
            continue
        if child.is_dir() and child.name in KIND_BY_FOLDER:
            kind = KIND_BY_FOLDER[child.name]
            for path in _yaml_files(child):
                shown = path.relative_to(root).as_posix()
                linked = symlink_outside(root, path)
                if linked is not None:
                    problems.append(Problem(shown, 1, 1, "", linked, "replace the link with the file itself"))
                else:
                    files.append(ContentFile(kind, path, shown))
        elif child.is_dir() and child.name not in SPECIAL_FOLDERS:
            if _yaml_files(child) or _yaml_files(child, translations=True):
                folders = ", ".join(sorted([*KIND_BY_FOLDER, *SPECIAL_FOLDERS]))
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        "",
                        f"the folder '{child.name}' is not one the playbook reads",
                        f"use one of {folders}",
                    )
                )
        elif child.suffix in (".yml", ".yaml") and child.name not in SPECIAL_FILES and not _translates_tags(child):
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"'{child.name}' is not a file the playbook reads here",
                    "name it branding.yml, hidden.yml or tags.yml, or move it into a kind's folder",
                )
            )
    return files, problems


def _apply_branding(root: Path, local: Path, loaded: list[Loaded]) -> list[Problem]:
    path = local / "branding.yml"
    if not path.exists():
        return []
    document, _branding, problems = _load(root, path, Branding)
    site = next((item for item in loaded if item.kind.name == "site"), None)
    if document is None or site is None:
        return problems
    # A setting with a problem is left out and upstream's stands in for it, so the settings that
    # are well written still reach the checks after this one (the logo's file, the colours' contrast,
    # the language): the editor gets every mistake of the file in one run, not one round at a time.
    faulty = {_top_key(problem.key_path) for problem in problems if problem.path == document.path}
    mine = {k: v for k, v in document.data.items() if v is not None and k not in faulty}
    overlays = (*site.overlays, document)
    upstream = dict(site.data)
    # The fork's choice of language wins over upstream's, whichever of the two keys each uses.
    for own, other in (("language", "languages"), ("languages", "language")):
        if own in document.data:
            upstream.pop(other, None)
    value, found = validate_layers(site.document, overlays, {**upstream, **mine}, Site)
    if value is not None:
        loaded[loaded.index(site)] = Loaded(site.kind, site.document, value, overlays)
    return problems + found


def _top_key(key_path: str) -> str:
    """The top-level key of a key path such as ``contact.email`` or ``languages[1]``."""
    return key_path.split(".", 1)[0].split("[", 1)[0]


def _hidden_here(document: Document, entry_id: str, hidden: Mapping[str, HiddenAt], what: str) -> Problem:
    """A note or override on an entry the fork also hides: it would show nowhere."""
    at = hidden[entry_id]("", "")
    return problem_at(
        document,
        ("id",),
        f"'{entry_id}' is hidden ({at.path}:{at.line}), so this {what} shows nowhere",
        f"remove '{entry_id}' from {at.path} to show the entry with your {what}, or delete this file",
    )


def _apply_overrides(
    root: Path, local: Path, loaded: list[Loaded], translator: _Translator, hidden: Mapping[str, HiddenAt]
) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {item.id: index for index, item in enumerate(loaded) if item.kind.name in KINDS}
    for path in _yaml_files(local / "overrides"):
        document, override, found = _load(root, path, Override)
        problems += found
        if document is None or override is None:
            continue
        target_id = override.id
        if target_id != path.stem:
            problems.append(
                problem_at(
                    document,
                    ("id",),
                    f"the id '{target_id}' does not match the file name '{path.name}'",
                    f"rename the file to {target_id}.yml",
                )
            )
            continue
        if target_id not in by_id:
            close = difflib.get_close_matches(target_id, [i for i in by_id if i], n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "override an id that exists; to add an entry, put it in its kind's folder under content/local/"
            )
            problems.append(problem_at(document, ("id",), f"no entry has the id '{target_id}'", hint))
            continue
        if target_id in hidden:
            problems.append(_hidden_here(document, target_id, hidden, "override"))
            continue
        item = loaded[by_id[target_id]]
        fields = item.kind.model.model_fields
        unknown = [key for key in document.data if key not in fields and key not in OVERRIDE_KEYS]
        for key in unknown:
            close = difflib.get_close_matches(key, list(fields), n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"the fields of a {item.kind.name} are: {', '.join(fields)}"
            )
            problems.append(problem_at(document, (key,), f"'{key}' is not a field of a {item.kind.name}", hint))
        if unknown:
            continue
        layered = Loaded(item.kind, item.document, item.value, (*item.overlays, document), item.local)
        value, found = validate_layers(item.document, layered.overlays, layered.data, item.kind.model)
        problems += found
        if value is not None:
            changed = Loaded(item.kind, item.document, value, layered.overlays, item.local)
            loaded[by_id[target_id]], found = translator(changed, document, target_id)
            problems += found
    return problems


def _fork_tags(
    root: Path, local: Path, loaded: list[Loaded], translator: _Translator
) -> tuple[Loaded | None, list[Problem]]:
    """The fork's own tags (``content/local/tags.yml``, translated beside it), each new to upstream's vocabulary.

    A tag upstream already names, or a name upstream already shows, is a clash:
    the tags page would list two tags as one, or one tag under two names.
    """
    path = local / TAGS_FILE
    if not path.exists():
        return None, []
    document, tags, problems = _load(root, path, Tags)
    if document is None or tags is None:
        return None, problems
    item, problems = translator(Loaded(FORK_TAGS, document, tags, (), local=True), document, "tags")
    upstream = singleton(loaded, "tags")
    if upstream is not None:
        problems += _tag_clashes(upstream, document, item)
    return (None if problems else item), problems


def _tag_clashes(upstream: Loaded, english: Document, fork: Loaded) -> list[Problem]:
    """The fork's tags that upstream already names, or whose name upstream already shows (in this language)."""
    assert isinstance(upstream.value, Tags) and isinstance(fork.value, Tags)
    by_id = {tag.id: index for index, tag in enumerate(upstream.value.tags)}
    by_label = {tag.label.casefold(): index for index, tag in enumerate(upstream.value.tags)}
    problems = []
    for index, tag in enumerate(fork.value.tags):
        if tag.id in by_id:
            where = by_id[tag.id]
            line = upstream.document.position_of(("tags", where, "id")).line
            shown = upstream.value.tags[where].label
            problems.append(
                problem_at(
                    english,
                    ("tags", index, "id"),
                    f"the tag '{tag.id}' is already in {upstream.document.path}:{line}, shown as '{shown}'",
                    "remove it from this file: your entries can use it as it is",
                )
            )
        elif (named := by_label.get(tag.label.casefold())) is not None:
            other = upstream.value.tags[named]
            at = upstream.document_for(("tags", named, "label"))
            line = at.position_of(("tags", named, "label")).line
            problems.append(
                fork.origin.problem(
                    ("tags", index, "label"),
                    f"'{tag.label}' is already the name of the upstream tag '{other.id}' ({at.path}:{line})",
                    f"give the tag '{tag.id}' another name, or tag your entries '{other.id}' instead",
                )
            )
    return problems


def _known_ids(loaded: list[Loaded]) -> list[str]:
    return [item.id for item in loaded if item.kind.name in KINDS]


def _hidden(root: Path, local: Path, loaded: list[Loaded]) -> tuple[dict[str, HiddenAt], list[Problem]]:
    path = local / "hidden.yml"
    if not path.exists():
        return {}, []
    document, hidden, problems = _load(root, path, Hidden)
    if document is None or hidden is None:
        return {}, problems
    known = [*_known_ids(loaded), *sorted(HIDEABLE_PAGES)]
    for index, entry_id in enumerate(hidden.hide):
        if entry_id not in known:
            close = difflib.get_close_matches(entry_id, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "list ids of existing entries"
            problems.append(problem_at(document, ("hide", index), f"no entry has the id '{entry_id}'", hint))
    at: dict[str, HiddenAt] = {}
    for index, entry_id in enumerate(hidden.hide):
        at[entry_id] = functools.partial(problem_at, document, ("hide", index))
    return at, problems


def _notes(
    root: Path, local: Path, loaded: list[Loaded], translator: _Translator, hidden: Mapping[str, HiddenAt]
) -> tuple[dict[str, Note], list[Problem]]:
    notes: dict[str, Note] = {}
    problems: list[Problem] = []
    known = _known_ids(loaded)
    for path in _yaml_files(local / "notes"):
        document, note, found = _load(root, path, Note)
        problems += found
        if document is None or note is None:
            continue
        if note.id != path.stem:
            problems.append(
                problem_at(
                    document,
                    ("id",),
                    f"the id '{note.id}' does not match the file name '{path.name}'",
                    f"rename the file to {note.id}.yml",
                )
            )
        elif note.id not in known:
            close = difflib.get_close_matches(note.id, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "name the id of the entry the note is about"
            problems.append(problem_at(document, ("id",), f"no entry has the id '{note.id}'", hint))
        elif note.id in hidden:
            problems.append(_hidden_here(document, note.id, hidden, "note"))
        else:
            translated, found = translator(Loaded(NOTE_KIND, document, note), document, note.id)
            problems += found
            assert isinstance(translated.value, Note)
            notes[note.id] = translated.value
    return notes, problems


def _new_entries(
    root: Path, local: Path, loaded: list[Loaded], translator: _Translator
) -> tuple[list[Loaded], list[Problem]]:
    files, problems = _entry_files(root, local)
    entries, found = read_all(files)
    problems += found
    upstream = {item.id: item for item in loaded if item.kind.name in KINDS}
    added = []
    for item in entries:
        clash = upstream.get(item.id)
        if clash is not None:
            problems.append(
                problem_at(
                    item.document,
                    ("id",),
                    f"the id '{clash.id}' already exists upstream ({clash.document.path})",
                    f"to change that entry, write content/local/overrides/{clash.id}.yml with only the fields to change",
                )
            )
        else:
            translated, found = translator(
                Loaded(item.kind, item.document, item.value, (), local=True), item.document, item.id
            )
            problems += found
            added.append(translated)
    return added, problems


def apply_overlay(
    root: Path, content_dir: Path, loaded: list[Loaded], language: str = "en"
) -> tuple[list[Loaded], Overlay, list[Problem]]:
    """Upstream entries with the fork's overlay applied, and every problem in the overlay.

    In another language than English, each of the fork's entries, overrides and notes
    takes its translation from the file beside it, and the overlay lists the state of each.
    """
    local = content_dir / LOCAL_FOLDER
    if not local.is_dir():
        return loaded, Overlay(), []
    translator = _Translator(root, language)
    result = list(loaded)
    added, problems = _new_entries(root, local, result, translator)
    problems += _translation_problems(root, local)
    result += added
    problems += _apply_branding(root, local, result)
    hidden, found = _hidden(root, local, result)
    problems += found
    problems += _apply_overrides(root, local, result, translator, hidden)
    notes, found = _notes(root, local, result, translator, hidden)
    problems += found
    tags, found = _fork_tags(root, local, result, translator)
    problems += found
    result += [tags] if tags is not None else []
    if language != "en":
        mine = _translation_files(local)
        problems += orphans(root, [p for p in mine if (translation_of(p) or ("", ""))[1] == language])
    strings_dir = local / "strings"
    overlay = Overlay(hidden, notes, strings_dir if strings_dir.is_dir() else None, tuple(translator.statuses))
    return result, overlay, problems


def check_assets(root: Path, content_dir: Path, site: Loaded) -> list[Problem]:
    """The logo and favicon the settings name exist inside the content folder."""
    problems = []
    for key in ("logo", "favicon"):
        relative = getattr(site.value, key)
        if relative is not None and _outside(root, content_dir / relative):
            problems.append(
                problem_at(
                    site.document_for((key,)),
                    (key,),
                    f"content/{relative} is a symbolic link to a file outside the project",
                    "copy the image into the content folder instead of linking to it",
                )
            )
        elif relative is not None and not (content_dir / relative).is_file():
            document = site.document_for((key,))
            problems.append(
                problem_at(
                    document,
                    (key,),
                    f"the file content/{relative} does not exist",
                    "put the image there, or correct the path (it is relative to the content folder)",
                )
            )
        elif relative is not None and relative.lower().endswith(".svg"):
            problems += _svg_problems(site, key, content_dir / relative, f"content/{relative}")
    return problems


def _svg_problems(site: Loaded, key: str, path: Path, shown: str) -> list[Problem]:
    """An SVG brand image that would run script or load other files when opened at its own address."""
    try:
        data = read_regular_file(path, MAX_IMAGE_BYTES)
    except (NotReadable, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return [
            problem_at(
                site.document_for((key,)), (key,), f"cannot read {shown}: {reason}", "put a readable image there"
            )
        ]
    if len(data) > MAX_IMAGE_BYTES:
        limit = f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB"
        return [
            problem_at(
                site.document_for((key,)), (key,), f"{shown} is larger than {limit}", f"use an image under {limit}"
            )
        ]
    dangers = svg_dangers(data)
    if not dangers:
        return []
    found = "; ".join(f"{danger.what} at its line {danger.line}" for danger in dangers)
    return [
        problem_at(
            site.document_for((key,)),
            (key,),
            f"the image {shown} would run script or load other files when opened on its own: {found}",
            "remove them (a logo needs only shapes, text and styles), or export the image again as plain SVG",
        )
    ]


def _outside(root: Path, path: Path) -> bool:
    """Whether the file, or a folder on its way, leads outside the project through a link."""
    return not path.resolve().is_relative_to(root.resolve())


def singleton(loaded: list[Loaded], name: str) -> Loaded | None:
    """The loaded settings file of a singleton kind (site, formula), if any."""
    assert name in SINGLETONS
    return next((item for item in loaded if item.kind.name == name), None)
