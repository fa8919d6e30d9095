"""Find the content files of a project and load and validate each one.

Files are read from ``content/``: one folder a kind (``principles/``,
``templates/`` …) holding one YAML file an entry, plus ``site.yml`` and
``formula.yml``. A file's kind comes from its folder and its id must equal
its file name, so a page address can always be traced back to one file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playbook.content.kinds import KIND_BY_FOLDER, SINGLETONS, Kind
from playbook.content.layers import layer_for, merged, translation_of
from playbook.content.load import MAX_BYTES, Document, NotReadable, read_mapping, read_regular_file, symlink_outside
from playbook.content.model import ID_PATTERN, Model
from playbook.content.strings import translation_languages
from playbook.content.validate import problem_at, validate_document
from playbook.problems import Problem

YAML_SUFFIXES = (".yml", ".yaml")
LOCAL_FOLDER = "local"


def translation_problem(path: Path, display: str, supported: tuple[str, ...]) -> Problem | None:
    """Why a translation file's language cannot be read, or None when it can."""
    found = translation_of(path)
    if found is None or found[1] in supported:
        return None
    stem, language = found
    choices = ", ".join(f"{stem}.{other}{path.suffix}" for other in supported) or "none: no language has strings"
    if language == "en":
        message = f"'{path.name}' names English, the language of {stem}{path.suffix} itself"
        hint = f"write English in {stem}{path.suffix}; a translation is named {choices}"
    else:
        message = f"'{path.name}' is a translation into '{language}', a language the playbook has no strings for"
        hint = f"name it {choices}, or add the interface strings in generators/strings/{language}/ first"
    return Problem(display, 1, 1, "", message, hint)


@dataclass(frozen=True)
class Origin:
    """The files an entry was written in, with the position of every value.

    The upstream file comes first, then a fork's override of some of its
    fields, if any. Every stage after loading places a problem about an
    entry through its origin, so the problem names the file, line and column
    where the offending value was written without reading a file again.
    """

    document: Document
    overlays: tuple[Document, ...] = ()

    @property
    def path(self) -> str:
        """The entry's own file: upstream, or the fork's file for an entry it added."""
        return self.document.path

    @property
    def data(self) -> Any:
        """The entry's data, with the overlays' keys (and translations' text) replacing upstream's."""
        return merged(self.document, self.overlays)

    def document_for(self, path: tuple[str | int, ...]) -> Document:
        """The file where the value at ``path`` was written."""
        return layer_for(self.document, self.overlays, path)

    def overridden(self, key: str) -> bool:
        """Whether a fork's override wrote this top-level field."""
        return self.document_for((key,)) is not self.document

    def problem(self, path: tuple[str | int, ...], message: str, hint: str) -> Problem:
        """A problem about the value at ``path``, in the file and at the place where it was written."""
        return problem_at(self.document_for(path), path, message, hint)


@dataclass(frozen=True)
class Loaded:
    """A validated entry: its kind, the file(s) it comes from and its model object.

    An upstream entry changed by a fork's override has two documents: the
    upstream file first, then the override; ``data`` is the two merged.
    """

    kind: Kind
    document: Document
    value: Model
    overlays: tuple[Document, ...] = ()
    local: bool = False

    @property
    def id(self) -> str:
        """The entry's id; a settings file (site, formula) goes by its kind's name."""
        value = getattr(self.value, "id", None)
        return value if isinstance(value, str) else self.kind.name

    @property
    def origin(self) -> Origin:
        """The files the entry was written in."""
        return Origin(self.document, self.overlays)

    @property
    def data(self) -> Any:
        """The entry's data, with the overlays' keys replacing upstream's."""
        return self.origin.data

    def document_for(self, path: tuple[str | int, ...]) -> Document:
        """The file where the value at ``path`` was written."""
        return self.origin.document_for(path)


@dataclass(frozen=True)
class ContentFile:
    """A content file found on disk, before it is read."""

    kind: Kind
    path: Path
    display: str


def misnamed_suffix(name: str, *, only_yml: bool = False) -> str | None:
    """The suffix to rename to, when a file name ends in a YAML suffix spelled in another case (``.YML``).

    Such a file is refused rather than read: a case-insensitive disk (macOS,
    Windows) holds ``a.YML`` and ``a.yml`` as one file and a case-sensitive one
    (Linux, CI, the host) as two, so the same fork would build differently on
    an editor's laptop and on the server. Every name the playbook gives and
    prints is lower case. ``.yaml`` is read as ``.yml`` is, except where a file
    is named after one the playbook ships (``strings/<group>.yml``): there
    ``only_yml`` asks for the shipped name.
    """
    suffix = Path(name).suffix
    if suffix.lower() not in YAML_SUFFIXES:
        return None
    if only_yml and suffix != ".yml":
        return ".yml"
    return suffix.lower() if suffix not in YAML_SUFFIXES else None


def layout_problems(root: Path, content_dir: Path) -> list[Problem]:
    """What in the content folder, the fork's included, would otherwise be passed over in silence.

    A folder that cannot be opened and a YAML file whose suffix is spelled in
    another case would each lose entries without a word.
    """
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or content_dir)
        display = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        reason = error.strerror or str(error)
        problems.append(
            Problem(
                display,
                1,
                1,
                "",
                f"cannot open the folder {display}: {reason}",
                f"make it readable (chmod u+rx {display}) or move it out of content/",
            )
        )

    strings = content_dir / LOCAL_FOLDER / "strings"
    for directory, subdirs, names in os.walk(content_dir, onerror=unreadable, followlinks=False):
        here = Path(directory)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "_")))
        for name in sorted(names):
            lower = misnamed_suffix(name, only_yml=here == strings)
            if lower is None or name.startswith((".", "_")):
                continue
            path = here / name
            display = path.relative_to(root).as_posix()
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"'{name}' ends in '{Path(name).suffix}', which the playbook does not read here"
                    + (
                        " (interface strings are read from .yml files only)"
                        if here == strings
                        else " (only .yml or .yaml, in lower case)"
                    ),
                    f"rename it to {Path(name).stem}{lower}",
                )
            )
    return problems


def discover(root: Path, content_dir: Path) -> tuple[list[ContentFile], list[Problem]]:
    """Every content file below ``content_dir``, and problems with the layout itself.

    The fork's overlay folder ``local/`` is left to :mod:`playbook.fork.overlay`, and
    translation files (``<id>.<language>.yml``) to the translation layer.
    """
    files: list[ContentFile] = []
    problems: list[Problem] = layout_problems(root, content_dir)
    supported = translation_languages(root / "generators")
    for directory, subdirs, names in os.walk(content_dir, followlinks=False):
        here = Path(directory)
        subdirs[:] = sorted(
            d for d in subdirs if not d.startswith((".", "_")) and not (here == content_dir and d == LOCAL_FOLDER)
        )
        for name in sorted(names):
            path = here / name
            if name.startswith((".", "_")) or not name.endswith(YAML_SUFFIXES):
                continue
            display = path.relative_to(root).as_posix()
            relative = path.relative_to(content_dir)
            outside = symlink_outside(root, path)
            if outside:
                problems.append(Problem(display, 1, 1, "", outside, "replace the link with the file itself"))
                continue
            if translation_of(path) is not None:
                # Read by the translation layer, beside the entry it translates; only a bad language is reported here.
                bad = translation_problem(path, display, supported)
                problems.extend([bad] if bad else [])
                continue
            kind = _kind_of(relative)
            if kind is None:
                folders = ", ".join(sorted(f"{f}/" for f in KIND_BY_FOLDER))
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        "",
                        f"'{relative.as_posix()}' is not in a folder the playbook reads",
                        f"move it into one of {folders}, or name it site.yml or formula.yml",
                    )
                )
                continue
            files.append(ContentFile(kind, path, display))
        for name in subdirs:
            outside = symlink_outside(root, here / name)
            if outside:
                display = (here / name).relative_to(root).as_posix()
                problems.append(Problem(display, 1, 1, "", outside, "replace the link with the folder itself"))
        subdirs[:] = [d for d in subdirs if not symlink_outside(root, here / d)]
    return files, problems


def _kind_of(relative: Path) -> Kind | None:
    parts = relative.parts
    if len(parts) == 1:
        return SINGLETONS.get(relative.stem)
    if len(parts) == 2:
        return KIND_BY_FOLDER.get(parts[0])
    return None


class Reads:
    """What the previous pass read from each file, by its bytes: a live preview reads again only what changed.

    Loading is a function of a file's name, kind and bytes, so an unchanged
    file's result is reused as it was; files a pass no longer reads are forgotten.
    """

    def __init__(self) -> None:
        self._last: dict[tuple[str, str, bytes], tuple[Loaded | None, list[Problem]]] = {}
        self._now: dict[tuple[str, str, bytes], tuple[Loaded | None, list[Problem]]] = {}

    def read(self, file: ContentFile) -> tuple[Loaded | None, list[Problem]]:
        try:
            raw = read_regular_file(file.path, MAX_BYTES)
        except (NotReadable, OSError):
            # Reading it again the ordinary way reports why it cannot be read.
            return read(file)
        key = (file.display, file.kind.name, raw)
        found = self._last.get(key) or self._now.get(key) or read(file, raw)
        self._now[key] = found
        return found

    def settle(self) -> None:
        """End a pass: what it read is what the next one may reuse."""
        self._last, self._now = self._now, {}


def read(file: ContentFile, raw: bytes | None = None) -> tuple[Loaded | None, list[Problem]]:
    """Load and validate one file (whose bytes are ``raw`` when already read), checking that its id matches its name."""
    document, problems = read_mapping(
        file.path, file.display, "start the file with 'id: …' and one 'key: value' a line", raw=raw
    )
    if document is None:
        return None, problems
    value, found = validate_document(document, file.kind.model)
    problems += found
    if value is None or problems:
        return None, problems
    entry_id = getattr(value, "id", None)
    if entry_id is not None and entry_id != file.path.stem:
        return None, [
            problem_at(
                document,
                ("id",),
                f"the id '{entry_id}' does not match the file name '{file.path.name}'",
                f"rename the file to {entry_id}{file.path.suffix}, or change the id to {file.path.stem}",
            )
        ]
    return Loaded(file.kind, document, value), []


def collect(root: Path, content_dir: Path, reads: Reads | None = None) -> tuple[list[Loaded], list[Problem]]:
    """Load every content file; return those that are valid and all problems found.

    With ``reads``, files unchanged since its previous pass are not read again.
    """
    files, problems = discover(root, content_dir)
    loaded, found = read_all(files, reads)
    if reads is not None:
        reads.settle()
    return loaded, problems + found


def read_all(files: list[ContentFile], reads: Reads | None = None) -> tuple[list[Loaded], list[Problem]]:
    """Read and validate files, checking first that each name is a safe id."""
    problems: list[Problem] = []
    loaded: list[Loaded] = []
    for file in files:
        if file.kind.folder and not _safe_name(file.path.stem):
            problems.append(
                Problem(
                    file.display,
                    1,
                    1,
                    "",
                    f"the file name '{file.path.name}' is not a safe id",
                    "use lowercase letters, digits and single hyphens, for example give-first.yml",
                )
            )
            continue
        item, found = reads.read(file) if reads is not None else read(file)
        problems.extend(found)
        if item is not None:
            loaded.append(item)
    return loaded, problems


def _safe_name(stem: str) -> bool:
    return re.fullmatch(ID_PATTERN, stem) is not None and len(stem) <= 64
