"""``playbook lint-message``: the message checker on a draft read from a file or standard input.

Reading is careful because the input is whatever a person points the command
at: a folder, a PDF, a Word file, a log of a gigabyte. Each is refused with a
sentence that names the problem, never a traceback.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from playbook.checker.inference import guide_data, infer_situation
from playbook.checker.rules import Finding
from playbook.content.link import Playbook
from playbook.content.situations import Situation

MAX_BYTES = 1024 * 1024
_BOM = b"\xef\xbb\xbf"
# Text that names its encoding by a byte order mark. UTF-32's little-endian mark begins with UTF-16's, so it comes first.
_MARKED = (
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
)


@dataclass(frozen=True)
class InputError(Exception):
    """A draft that cannot be checked: where, what is wrong and what to do."""

    where: str
    message: str
    hint: str

    def format(self) -> str:
        """``where: what is wrong — how to fix it``."""
        return f"{self.where}: {self.message} — {self.hint}"


def display_name(source: str) -> str:
    """How a source is named in output: ``<stdin>`` for ``-``."""
    return "<stdin>" if source == "-" else source


def read_bytes(source: str, stdin: BinaryIO) -> bytes:
    """At most one byte more than the limit, from a file or standard input."""
    name = display_name(source)
    if source == "-":
        return stdin.read(MAX_BYTES + 1)
    path = Path(source)
    if path.is_dir():
        raise InputError(name, "this is a folder, not a file", "give the path of a text file that holds the message")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(
            name, "there is no such file", "check the path, or pass - to read the message from standard input"
        ) from None
    except PermissionError:
        raise InputError(name, "the file cannot be read (permission denied)", "check the file's permissions") from None
    except OSError as error:
        raise InputError(
            name, f"the file cannot be read ({error.strerror})", "check that it is a readable file"
        ) from None


def decode_draft(data: bytes, name: str) -> str:
    """The draft as text with ``\\n`` line breaks, or an InputError naming what is wrong.

    UTF-8 is read with or without its byte order mark, UTF-16 and UTF-32 (little-
    or big-endian) with theirs, which is how Windows tools save "Unicode" text.
    """
    if len(data) > MAX_BYTES:
        raise InputError(
            name,
            "the input is larger than 1 MB, far more than any message",
            "check that this is the right file; a message is a few hundred words",
        )
    for bom, encoding in _MARKED:
        if data.startswith(bom):
            return _text(_decode_marked(data, len(bom), encoding, name), name)
    if b"\x00" in data:
        raise InputError(
            name,
            "the input is binary (it contains NUL bytes), not text",
            "save the message as plain text (.txt) and check that file",
        )
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"{name}:{line}:{column}",
            f"the input is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)",
            "save the message as UTF-8 text; most editors offer it under Save as, Encoding",
        ) from None
    return _text(text, name)


def _decode_marked(data: bytes, mark: int, encoding: str, name: str) -> str:
    """UTF-16 or UTF-32 after its byte order mark (Windows Notepad's "Unicode", PowerShell's redirection)."""
    try:
        return data[mark:].decode(encoding.replace(" ", "-").lower())
    except UnicodeDecodeError as error:
        where = mark + error.start
        what = "it ends in part of a character" if error.end >= len(data) - mark else f"byte {where + 1} cannot be read"
        raise InputError(
            name,
            f"the input starts as {encoding} text, but {what}",
            "save the message again as UTF-8 or UTF-16 text; most editors offer it under Save as, Encoding",
        ) from None


def _text(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        what = "the input is empty" if not text else "the input holds only spaces and blank lines"
        raise InputError(name, what, "write the message in the file, or pipe it in and pass -")
    return text


@dataclass(frozen=True)
class ChosenSituation:
    """The situation a draft is checked in: given by the writer, or guessed with the words that gave it away."""

    situation: Situation
    inferred: Situation | None
    cue: str | None
    given: bool

    @property
    def sure(self) -> bool:
        """Whether the writer gave the situation or a cue named it; False for the guide's default."""
        return self.given or self.inferred is None or self.cue is not None


def situation_for(
    playbook: Playbook, body: str, subject: str | None, given: Situation | None, language: str = "en"
) -> ChosenSituation:
    """The writer's situation when given, else the one inferred from the text in its language; the guess is kept either way."""
    guess = (
        infer_situation(guide_data(playbook.situation_guide, playbook.limits, language), body, subject)
        if playbook.situation_guide is not None
        else None
    )
    inferred = guess.situation if guess is not None else None
    cue = guess.cue if guess is not None else None
    if given is not None:
        return ChosenSituation(given, inferred, cue, True)
    return ChosenSituation(inferred or "first-contact", inferred, cue, False)


def situation_line(chosen: ChosenSituation, name: str) -> str:
    """What the draft is checked as, and why: ``FILE: checked as first-contact (inferred from "…"; …)``."""
    if chosen.given:
        guessed = (
            f", the text suggested {chosen.inferred}" if chosen.inferred and chosen.inferred != chosen.situation else ""
        )
        return f"{name}: checked as {chosen.situation} (given with --situation{guessed})"
    why = (
        f'from "{chosen.cue}"'
        if chosen.cue
        else "from the text"
        if chosen.cue is not None
        else "from the text: no cue found, so the default, with tips instead of warnings where the kind of message matters"
    )
    return f"{name}: checked as {chosen.situation} (inferred {why}; pass --situation to change it)"


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Findings by severity."""
    tally = Counter(f.severity for f in findings)
    return {severity: tally.get(severity, 0) for severity in ("error", "warning", "hint")}


def format_text(findings: Sequence[Finding], name: str) -> list[str]:
    """One line a finding: ``FILE:line:col: severity: rule: message — fix``; subject findings as ``<subject>``."""
    lines = []
    for f in findings:
        where = name if f.part == "body" else "<subject>"
        lines.append(f"{where}:{f.line}:{f.column}: {f.severity}: {f.rule}: {f.message} — {f.fix}")
    return lines


def summary(findings: Sequence[Finding], name: str, situation: Situation) -> str:
    """A closing line: how many findings of each severity."""
    if not findings:
        return f"{name}: no findings ({situation})"
    tally = counts(findings)
    parts = [f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in tally.items() if n]
    return f"{name}: {', '.join(parts)} ({situation})"


def format_json(findings: Sequence[Finding], name: str, chosen: ChosenSituation, subject: str | None) -> str:
    """The findings as one JSON document; offsets and columns count characters (code points)."""
    return json.dumps(
        {
            "file": name,
            "situation": chosen.situation,
            "situation_given": chosen.given,
            "inferred_situation": chosen.inferred,
            "inferred_from": chosen.cue,
            "subject": subject,
            "counts": counts(findings),
            "findings": [f.as_json() for f in findings],
        },
        ensure_ascii=False,
        indent=2,
    )
