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


class MachineError(Exception):
    """This machine lacks something the command needs (a library, a font): not a mistake in the content.

    ``package`` names the Debian package that provides it, so the message can say what to install.
    """

    def __init__(self, missing: str, package: str) -> None:
        self.missing = missing
        self.package = package
        super().__init__(f"{missing} (Debian package {package})")

    def report(self) -> str:
        """One line: what is missing and how to install it."""
        return (
            f"playbook: this machine lacks {self.missing} — install the Debian package {self.package} "
            f"(apt-get install {self.package}), or run `python3 tasks.py build`, which installs it"
        )


def _escape_data(text: str) -> str:
    """A workflow command's message, as GitHub reads it: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: also ':' and ',', which end a value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """The problem as a GitHub workflow command, shown on the file and line in GitHub's interface.

    ``::error file=…,line=…,col=…,title=…::message`` (see GitHub's "Workflow commands for GitHub
    Actions"); the message is the same ``path:line:col: key: what — how`` line the terminal shows.
    """
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": f"{problem.key_path or 'file'}: content error",
    }
    shown = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
    return f"::error {shown}::{_escape_data(problem.format())}"
