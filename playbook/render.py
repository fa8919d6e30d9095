"""Stage *render*: page contexts through Jinja templates to Markdown bytes."""

from __future__ import annotations

import contextlib
import hashlib
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from playbook.problems import ContentError, Problem
from playbook.views import Page

# Compiled templates are kept here, below the project root, for the next build and preview.
CACHE_FOLDER = ".cache/jinja"
_BLANK_RUNS = re.compile(r"\n{3,}")


def environment(generators_dir: Path, *, autoescape: bool = False, cache_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment every generator template renders in.

    Undefined names fail loudly. For the Markdown pages autoescape stays off
    because the views already escaped every text from content for the Markdown
    it lands in; the HTML print templates turn it on and get plain text.
    With ``cache_dir`` the compiled templates are kept on disk for the next
    build, each under a checksum of its text, in a folder of their own for
    these settings and this Jinja version, so an edited template or a changed
    setting compiles afresh.
    """
    settings: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": autoescape,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    cache = None
    if cache_dir is not None:
        key = hashlib.sha256(repr((jinja2.__version__, sorted(settings.items()))).encode()).hexdigest()[:16]
        cache = _bytecode_cache(cache_dir / key)
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(generators_dir)), bytecode_cache=cache, **settings)


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that only ever saves time: a file it cannot read or write is compiled afresh."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """A cache of compiled templates in ``folder``, or None where no folder can be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietCache(str(folder))


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template blocks; end with one newline."""
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def _template_problem(root: Path, error: jinja2.TemplateError) -> Problem:
    """Name the template file and line an error comes from, quoting the line."""
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if filename is None or line is None:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.endswith(".jinja"):
                filename, line = frame.filename, frame.lineno
                break
    display = Path(filename).resolve() if filename else None
    shown = display.relative_to(root).as_posix() if display and display.is_relative_to(root) else str(filename)
    quoted = ""
    if display is not None and line and display.exists():
        lines = display.read_text(encoding="utf-8").splitlines()
        if 0 < line <= len(lines):
            quoted = f" in: {lines[line - 1].strip()}"
    return Problem(
        shown,
        line or 1,
        1,
        "",
        f"template error: {error.message}{quoted}",
        "fix the template at this line",
    )


def render_pages(root: Path, generators_dir: Path, pages: list[Page], *, autoescape: bool = False) -> dict[str, bytes]:
    """Render every page; raise one ContentError listing every template that failed."""
    env = environment(generators_dir, autoescape=autoescape, cache_dir=root / CACHE_FOLDER)
    output: dict[str, bytes] = {}
    problems: list[Problem] = []
    for page in pages:
        try:
            text = env.get_or_select_template(
                list(page.template) if isinstance(page.template, tuple) else page.template
            ).render(page.context)
        except jinja2.TemplateError as error:
            problems.append(_template_problem(root.resolve(), error))
            continue
        output[page.path] = _tidy(text).encode("utf-8")
    if problems:
        raise ContentError(problems)
    return output
