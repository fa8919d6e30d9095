"""Stage *load*: YAML bytes to plain data with the position of every node.

PyYAML alone gets several things silently wrong for people who edit YAML by
hand: it keeps the last of two duplicate keys, expands aliases (the door to
"billion laughs" files), and reads ``no``, ``on``, ``012`` or ``1:20`` as
booleans and numbers. This loader walks the parser's events itself, so it
keeps positions, rejects what is dangerous, and reads plain scalars by the
strict rules of the YAML 1.2 core schema: only ``true``/``false`` are
booleans and only plain decimal numbers are numbers; everything else is text.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, NamedTuple

import yaml

from playbook.problems import Problem, format_key_path

MAX_BYTES = 256 * 1024
MAX_DEPTH = 24

Path = tuple[str | int, ...]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)\.[0-9]*)([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_NUMBER_START = frozenset("0123456789+-.")


class Position(NamedTuple):
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data and where each node of it stands.

    ``positions`` maps the path of every value to the (line, column) where
    the value starts; ``key_positions`` maps the path of every mapping entry
    to where its key starts, which is where an unknown or duplicate key is
    best reported. They hold plain tuples, one for every node of the file;
    :meth:`position_of` gives them as a :class:`Position`.
    Sequences are loaded as tuples, so the data is immutable like the model.
    """

    path: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(repr=False)
    key_positions: dict[Path, tuple[int, int]] = field(repr=False)
    text: str = field(default="", repr=False)
    # Keys whose value YAML read as a comment (``primary_color: #8C1D40``): the loader reports each,
    # so the validator does not report them again as empty.
    commented: frozenset[Path] = field(default=frozenset(), repr=False)

    def position_of(self, path: Path, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        probe = path
        while probe:
            if probe in table:
                return Position(*table[probe])
            if probe in self.positions:
                return Position(*self.positions[probe])
            probe = probe[:-1]
        return Position(*self.positions.get((), (1, 1)))

    def position_in_value(self, path: Path, needle: str) -> Position:
        """Where ``needle`` first occurs in the source from the value at ``path`` on."""
        start = self.position_of(path)
        lines = self.text.splitlines()
        for number in range(start.line, len(lines) + 1):
            line = lines[number - 1]
            column = line.find(needle, start.column - 1 if number == start.line else 0)
            if column >= 0:
                return Position(number, column + 1)
        return start


def not_reported_yet(documents: tuple[Document, ...], problems: list[Problem]) -> list[Problem]:
    """``problems`` a later stage found, less those about keys the loader already reported as read as comments.

    Such a key is empty in the data; a model or a strings check would report it again as a
    missing or empty value, at the same place, with a hint that misses the cause.
    """
    reported = {(d.path, format_key_path(path)) for d in documents for path in d.commented}
    if not reported:
        return problems
    return [p for p in problems if (p.path, p.key_path) not in reported]


def plain_scalar(text: str) -> Any:
    """Read an unquoted scalar by the YAML 1.2 core schema, minus its surprises."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    # Most plain scalars are prose: only a digit, sign or point can start a number.
    if text[0] in _NUMBER_START:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


class _Builder:
    """Turns a stream of parser events into data, positions and problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        # Each frame is [container, path, pending_key]; the key is None for sequences
        # and while a mapping waits for its next key.
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.documents = 0
        self.skip_depth = 0
        # Keys whose value is empty: YAML may have read what the editor wrote as a comment.
        self.empty_values: list[Path] = []

    def problem(self, mark: Any, key_path: Path, message: str, hint: str) -> None:
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, format_key_path(key_path), message, hint)
        )

    def next_path(self) -> Path | None:
        """The path the next value will take, or None when it is a mapping key."""
        if not self.stack:
            return ()
        container, path, key = self.stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        if key is None:
            return None
        return (*path, key)

    def attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container, _path, key = frame
        if isinstance(container, list):
            container.append(value)
        else:
            container[key] = value
            frame[2] = None

    def check_node(self, event: Any, path: Path) -> None:
        if event.anchor is not None:
            self.problem(
                event.start_mark,
                path,
                f"an anchor (&{event.anchor}) is not allowed",
                "write the value out in full where it is needed; anchors and aliases are refused "
                "because they let a small file expand into a huge one",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.problem(
                event.start_mark,
                path,
                f"the tag {tag} is not allowed",
                "remove the tag and write a plain value",
            )

    def on_scalar(self, event: Any) -> None:
        # The steps of next_path, check_node and attach, written out: this runs once per scalar.
        frame = self.stack[-1] if self.stack else None
        if frame is None:
            path: Path = ()
        elif type(frame[0]) is list:
            path = (*frame[1], len(frame[0]))
        elif frame[2] is None:
            self.on_key(event)
            return
        else:
            path = (*frame[1], frame[2])
        if event.anchor is not None or event.tag not in (None, "!"):
            self.check_node(event, path)
        mark = event.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        value = event.value if event.style else plain_scalar(event.value)
        if not event.value and not event.style and frame is not None:
            self.empty_values.append(path)
        if frame is None:
            self.root = value
        elif type(frame[0]) is list:
            frame[0].append(value)
        else:
            frame[0][frame[2]] = value
            frame[2] = None

    def on_key(self, event: Any) -> None:
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        key = event.value
        self.check_node(event, (*path, key))
        if not event.style and key == "<<":
            self.problem(
                event.start_mark,
                path,
                "merge keys (<<) are not allowed",
                "copy the keys you need into this mapping",
            )
        if key in container or (*path, key) in self.key_positions:
            first_line = self.key_positions[(*path, key)][0]
            self.problem(
                event.start_mark,
                (*path, key),
                f"duplicate key '{key}' (first set on line {first_line})",
                "keep one of the two; YAML would silently keep only the last",
            )
            # The second value is still parsed, under a name that cannot clash.
            key = f"\0duplicate:{len(self.key_positions)}"
        self.key_positions[(*path, key)] = (event.start_mark.line + 1, event.start_mark.column + 1)
        frame[2] = key

    def on_collection_start(self, event: Any, container: Any) -> None:
        path = self.next_path()
        if path is None:
            frame = self.stack[-1]
            self.problem(
                event.start_mark,
                frame[1],
                "a key must be plain text, not a list or mapping",
                "write the key as a single word followed by a colon",
            )
            path = (*frame[1], f"\0complex:{event.start_mark.line}")
            frame[2] = path[-1]
        self.check_node(event, path)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(
                event.start_mark,
                path,
                f"nesting deeper than {MAX_DEPTH} levels",
                "flatten the structure; no playbook entry needs this depth",
            )
            self.skip_depth = 1
            return
        self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        self.stack.append([container, path, None])

    def on_collection_end(self) -> None:
        container, _path, _key = self.stack.pop()
        value = tuple(container) if isinstance(container, list) else _clean_keys(container)
        self.attach(value)

    def on_document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents == 2:
            self.problem(
                event.start_mark,
                (),
                "a second YAML document in the same file",
                "keep one entry per file and remove the '---' line",
            )

    def on_alias(self, event: Any) -> None:
        path = self.next_path()
        self.problem(
            event.start_mark,
            path or (),
            f"an alias (*{event.anchor}) is not allowed",
            "write the value out in full; aliases are refused because they let a small file expand into a huge one",
        )
        if path is not None:
            self.attach(None)

    def feed(self, event: Any) -> None:
        if self.skip_depth:
            if isinstance(event, yaml.CollectionStartEvent):
                self.skip_depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.attach(None)
            return
        if self.documents > 1:
            return
        kind = type(event)
        # Dispatch on the exact event class: this loop runs once per YAML node.
        if kind is yaml.ScalarEvent:
            self.on_scalar(event)
        elif kind is yaml.MappingStartEvent:
            self.on_collection_start(event, {})
        elif kind is yaml.SequenceStartEvent:
            self.on_collection_start(event, [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.on_collection_end()
        elif kind is yaml.DocumentStartEvent:
            self.on_document_start(event)
        elif kind is yaml.AliasEvent:
            self.on_alias(event)


def _clean_keys(mapping: dict[Any, Any]) -> dict[Any, Any]:
    """Drop the placeholders that stood in for duplicate or complex keys."""
    return {k: v for k, v in mapping.items() if not (isinstance(k, str) and k.startswith("\0"))}


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Check size and encoding; return the text or the problems."""
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                path,
                1,
                1,
                "",
                f"the file is {len(raw):,} bytes, over the limit of {MAX_BYTES:,}",
                "split it: one entry per file",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = raw[error.start : error.start + 1].hex().upper()
        return None, [
            Problem(
                path,
                line,
                column,
                "",
                f"the file is not UTF-8 text (byte 0x{bad})",
                "save the file as UTF-8 in your editor",
            )
        ]
    return text, []


def find_tabs(path: str, text: str) -> list[Problem]:
    """Tabs in indentation: YAML forbids them, and PyYAML's message is cryptic."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    path,
                    number,
                    indent.index("\t") + 1,
                    "",
                    "a tab is used for indentation",
                    "YAML allows only spaces here; replace the tab with spaces",
                )
            )
    return problems


_STARTED_AT_CONTEXT = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")


def syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    """A parser error, pointed at the mark where the mistake is, in a person's words."""
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return Problem(
            path,
            line,
            column,
            "",
            f"a control character (U+{code:04X}) is not allowed",
            "remove it; save the file as plain UTF-8 text",
        )
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    # The parser notices an unclosed quote at the end of the file, a stray bracket and a key
    # without its colon a line later; where it started (the context mark) is where the
    # mistake is.
    if getattr(error, "context_mark", None) is not None and context.startswith(_STARTED_AT_CONTEXT):
        mark = error.context_mark  # type: ignore[attr-defined]
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = f"YAML syntax error: {what}" + (f" ({context})" if context else "")
    hint = "check the indentation and punctuation here; quote text that contains ': ' or starts with a symbol"
    if context.startswith("while scanning a quoted scalar"):
        message = "YAML syntax error: a quoted text starts here and is never closed"
        hint = "end it with the same quote mark, or remove the opening one"
    elif context.startswith("while parsing a flow"):
        opened = "[" if "sequence" in context else "{"
        message = f"YAML syntax error: the {opened} here is not closed"
        hint = f"add the closing {']' if opened == '[' else '}'} after the last item, or quote the text"
    elif "mapping values are not allowed" in what and _runs_on(text, line):
        message = "YAML syntax error: this key is indented under the text of the line above, so YAML reads it as more of that text"
        hint = "indent it exactly as far as the keys beside it (spaces count), or quote the text above if this line belongs to it"
        column = len(text.splitlines()[line - 1]) - len(text.splitlines()[line - 1].lstrip(" ")) + 1
    elif "mapping values are not allowed" in what:
        hint = "a second ': ' on one line: put the whole value in quotes"
    elif "found character" in what and "cannot start any token" in what:
        hint = "put the value in quotes, because it starts with a character YAML reserves"
    elif "could not find expected ':'" in what:
        hint = "a key needs a colon and a space after it, or text broke onto a new line: quote it"
    elif "special characters are not allowed" in what or "unacceptable character" in what:
        hint = "remove the control character; save the file as plain UTF-8 text"
    return Problem(path, line, column, "", message, hint)


_KEY_LINE = re.compile(r"( *)[A-Za-z_][A-Za-z0-9_-]*:(?: |$)")


def _runs_on(text: str, line: int) -> bool:
    """Whether ``line`` starts with a key yet continues the plain text of the key above, indented deeper."""
    lines = text.splitlines()
    here = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    above = next((lines[n] for n in range(line - 2, -1, -1) if lines[n].strip()), None)
    mapped = _KEY_LINE.match(above) if above is not None else None
    if here is None or above is None or mapped is None:
        return False
    return len(here.group(1)) > len(mapped.group(1)) and bool(above[mapped.end() :].strip())


_COMMENT_AFTER_KEY = re.compile(r"""(?:"[^"]*"|'[^']*'|[^#'"]*?)\s*:\s+(#.*)$""")
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")


def comments_read_as_values(path: str, text: str, builder: _Builder) -> dict[Path, Problem]:
    """Keys left empty because YAML read their value as a comment: ``primary_color: #8C1D40``.

    A ``#`` after ``key:`` and a space starts a comment, so the key silently gets no value
    and a later stage falls back to a default. A key whose value YAML saw as empty, with a
    comment and nothing else after its colon, is far more often that mistake than an
    intended empty value, so it is refused with the way out. Each problem is keyed by the
    path of the key it is about.
    """
    problems: dict[Path, Problem] = {}
    lines = text.splitlines()
    for key_path in builder.empty_values:
        if key_path not in builder.key_positions:
            continue
        line, column = builder.key_positions[key_path]
        match = _COMMENT_AFTER_KEY.match(lines[line - 1], column - 1)
        if match is None:
            continue
        comment = match.group(1)
        key = key_path[-1]
        what = "the colour" if _HEX_COLOR.match(comment) else "the value"
        written = comment.split("  ")[0].rstrip()
        problems[key_path] = Problem(
            path,
            line,
            match.start(1) + 1,
            format_key_path(key_path),
            f"YAML reads # as the start of a comment, so '{key}' has no value",
            f'put {what} in quotes: {key}: "{written}"'
            + ("" if what == "the colour" else "; to leave it empty, remove the line"),
        )
    return problems


def load_document(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file; return its document and every problem found.

    The document is None when the file cannot be read as YAML at all or holds what the
    loader refuses. A key whose value YAML read as a comment is a problem too, but the rest
    of the file is read as written: the document comes back with it (that key empty, its
    path in ``commented``), so later stages report the file's other mistakes in the same run.
    """
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    problems = find_tabs(path, text)
    if problems:
        return None, problems
    builder = _Builder(path)
    # The parser is driven directly rather than through yaml.parse, whose generator
    # costs two calls and a yield per event: this loop runs once per YAML node.
    parser = _LOADER(text)
    try:
        feed = builder.feed
        event = parser.get_event()
        while event is not None and type(event) is not yaml.StreamEndEvent:
            feed(event)
            event = parser.get_event()
    except yaml.YAMLError as error:
        return None, [*builder.problems, syntax_problem(path, text, error)]
    finally:
        parser.dispose()
    problems = builder.problems + lenient_spots(path, text)
    commented = comments_read_as_values(path, text, builder)
    if problems:
        return None, problems + list(commented.values())
    document = Document(path, builder.root, builder.positions, builder.key_positions, text, frozenset(commented))
    return document, list(commented.values())


_FLOW_START = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_END = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_BEFORE_COMMENT = (*_FLOW_END, yaml.FlowEntryToken, yaml.DirectiveToken)


def lenient_spots(path: str, text: str) -> list[Problem]:
    """What the YAML specification forbids but PyYAML's scanner lets through, found in its tokens.

    A ``#`` straight after a quote, a bracket, a comma, a directive or a block
    scalar's ``|``/``>`` (a comment needs a space before it); a lone ``-`` inside
    ``[ ]``; and the lines of a bracketed list or a quoted text that run back to
    the indentation of their key or further left.
    """
    problems: list[Problem] = []

    def at(mark: Any, message: str, hint: str) -> None:
        problems.append(Problem(path, mark.line + 1, mark.column + 1, "", message, hint))

    lines = text.splitlines()
    depth = 0
    key_column = -1
    opened: tuple[Any, int] | None = None
    try:
        # The pure-Python scanner: stricter than libyaml's on a few of these, and its refusal is located.
        tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        # Its one false alarm: a tab where YAML allows one (after a value), which the tab check governs.
        if "'\\t'" in str(getattr(error, "problem", "")):
            return []
        return [syntax_problem(path, text, error)]
    for token in tokens:
        end = token.end_mark
        quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
        if (quoted or isinstance(token, _BEFORE_COMMENT)) and text[end.index : end.index + 1] == "#":
            at(end, "a comment needs a space before its #", "put a space before the #")
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header = re.search(r"(?:^|\s)[|>][0-9+-]{0,2}#", lines[token.start_mark.line])
            if header:
                at(token.start_mark, "a comment needs a space before its #", "put a space after the | or >")
        if isinstance(token, yaml.ScalarToken) and token.plain and depth and token.value == "-":
            at(token.start_mark, "a lone - inside [ ] or { } is not a value", "quote it as '-'")
        if isinstance(token, yaml.KeyToken) and depth == 0:
            key_column = token.start_mark.column
        spans = None
        if isinstance(token, _FLOW_START):
            if depth == 0:
                opened = (token.start_mark, key_column)
            depth += 1
        elif isinstance(token, _FLOW_END) and depth:
            depth -= 1
            if depth == 0 and opened is not None:
                spans = (opened[0], end, opened[1])
        elif quoted and depth == 0:
            spans = (token.start_mark, end, key_column)
        if spans is not None:
            start, stop, column = spans
            for number in range(start.line + 1, min(stop.line, len(lines) - 1) + 1):
                line = lines[number]
                if line.strip() and len(line) - len(line.lstrip(" ")) <= column:
                    at(
                        yaml.Mark("", 0, number, 0, "", 0),
                        "this line of a bracketed list or quoted text is not indented more than its key",
                        "indent the continued lines further than the key",
                    )
                    break
    return problems


NOT_A_MAPPING = "the file does not hold a mapping of keys and values"


# The fork's own folder: every file in it is the fork's, so a symbolic link there is refused.
LOCAL_PARTS = ("content", "local")
# A content file that takes longer than this to read (a stalled network share) is reported, not waited for.
READ_TIMEOUT = 10.0


def symlink_outside(root: FilePath, path: FilePath) -> str | None:
    """Why a path is refused for its symbolic links, or None when it may be read.

    Refused: a path that leads, through a link at any level, out of the
    project; a link that leads nowhere (a loop, a missing target); any link
    in ``content/local/``, where the fork keeps only its own files.
    """
    project = root.resolve()
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return "this is a symbolic link to nothing (its target is missing)" if path.is_symlink() else None
    except (OSError, RuntimeError):
        return "this is a symbolic link that leads back to itself (a loop)"
    if not target.is_relative_to(project):
        return f"this is a symbolic link to {target}, outside the project"
    try:
        relative = path.absolute().relative_to(root.absolute())
    except ValueError:
        return None
    if relative.parts[: len(LOCAL_PARTS)] == LOCAL_PARTS:
        steps = [root.joinpath(*relative.parts[: n + 1]) for n in range(len(LOCAL_PARTS), len(relative.parts))]
        linked = next((step for step in steps if step.is_symlink()), None)
        if linked is not None:
            return f"{linked.relative_to(root).as_posix()} is a symbolic link; content/local/ holds real files only"
    return None


class NotReadable(Exception):
    """A content path that is not a regular file, or that did not answer in time; the message says which."""


def read_regular_file(path: FilePath, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file; never blocks on a FIFO or device, never waits forever."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except IsADirectoryError:
        raise NotReadable("this is a folder, not a file") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        what = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        raise NotReadable(f"this is {what}, not a regular file")
    chunks: list[bytes] = []
    failure: list[OSError] = []

    def read() -> None:
        # The reader owns the descriptor: a read that never returns keeps it, not the command.
        try:
            while sum(map(len, chunks)) <= limit and (chunk := os.read(descriptor, 65536)):
                chunks.append(chunk)
        except OSError as error:
            failure.append(error)
        finally:
            os.close(descriptor)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(READ_TIMEOUT)
    if reader.is_alive():
        raise NotReadable(f"reading the file took longer than {READ_TIMEOUT:g} s")
    if failure:
        raise failure[0]
    return b"".join(chunks)


def read_mapping(
    path: FilePath,
    display: str,
    hint: str,
    *,
    root: FilePath | None = None,
    message: str = NOT_A_MAPPING,
    empty: bool = False,
    raw: bytes | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file that must hold a mapping: the one guarded reader of content, overlay and strings files.

    Every way a file can be wrong comes back as located problems, never an
    exception: a symbolic link out of the project (checked when ``root`` is
    given), a file that cannot be read, one too big or not UTF-8, what
    :func:`load_document` refuses, and data that is not a mapping (``message``
    and ``hint`` say so in the words for this kind of file). With ``empty``, a
    file whose every line is commented out reads as an empty mapping. ``raw``
    is the file's bytes when the caller has already read them. As with :func:`load_document`,
    a document may come back with problems (keys read as comments): the caller validates it
    and reports both.
    """
    outside = symlink_outside(root, path) if root is not None else None
    if outside:
        return None, [Problem(display, 1, 1, "", outside, "replace the link with the file itself")]
    try:
        raw = read_regular_file(path, MAX_BYTES) if raw is None else raw
    except NotReadable as error:
        return None, [Problem(display, 1, 1, "", str(error), "keep only YAML files in the content folders")]
    except OSError as error:
        return None, [
            Problem(
                display,
                1,
                1,
                "",
                f"cannot read the file ({error.strerror})",
                "check that it exists and is readable",
            )
        ]
    document, problems = load_document(display, raw)
    if document is None:
        return None, problems
    if empty and document.data is None:
        document = Document(document.path, {}, document.positions, document.key_positions, document.text)
    if not isinstance(document.data, dict):
        return None, [Problem(display, 1, 1, "", message, hint)]
    return document, problems
