"""Problems found in content or input, and how they are reported to a person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, at one place, with what to do about it.

    Ordering is by file, then position, so a report reads top to bottom.
    """

    path: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str

    def format(self) -> str:
        """Render as ``path:line:col: key.path: what is wrong — how to fix it``."""
        key = self.key_path or "(file)"
        text = f"{self.path}:{self.line}:{self.column}: {key}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class ContentError(Exception):
    """Raised by a stage that found problems; carries every one of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__(f"{len(self.problems)} problem(s)")

    def report(self) -> str:
        """All problems, one a line, followed by a count."""
        lines = [problem.format() for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


def format_key_path(parts: Iterable[str | int]) -> str:
    """Join a location as ``how[2].text`` the way an editor reads a YAML path."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
