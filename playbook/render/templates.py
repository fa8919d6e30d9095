"""Stage *render*: page contexts through Jinja templates to Markdown bytes."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from playbook.problems import ContentError, Problem
from playbook.render import jinja_cache

Context = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, which template renders it, and with what."""

    path: str
    # A template name, or names to try in order (a translation first, English last).
    template: str | tuple[str, ...]
    context: Context
    # The language of the page's text when it is not the site's (an entry not translated yet):
    # the text is rendered inside an element that says so, after ``notice`` (escaped Markdown).
    language: str | None = None
    notice: str = ""


def environment(generators_dir: Path, *, autoescape: bool = False, cache_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment every generator template renders in.

    Undefined names fail loudly. For the Markdown pages autoescape stays off
    because the views already escaped every text from content for the Markdown
    it lands in; the HTML print templates turn it on and get plain text.
    With ``cache_dir`` the compiled templates are kept there for the next
    build (see :mod:`playbook.render.jinja_cache`).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(generators_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # One environment renders one build: no template changes under it.
        auto_reload=False,
    )
    if cache_dir is not None:
        jinja_cache.attach(env, cache_dir)
    return env


def _tidy(text: str) -> str:
    """Strip trailing blanks, collapse runs of blank lines left by template blocks; end with one newline."""
    if " \n" in text or "\t\n" in text:
        text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])
    # Each pass shortens every run of three or more line breaks by a third; plain
    # searches beat one regular expression on pages of a few kilobytes.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


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


def _in_language(text: str, page: Page) -> str:
    """The page's body marked as written in ``page.language``, after the notice that says it is not translated."""
    front, body = "", text
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + len("\n---\n")
        front, body = text[:end], text[end:]
    notice = f'<p class="pb-untranslated" role="note" markdown>{page.notice}</p>\n\n' if page.notice else ""
    return f'{front}\n{notice}<div lang="{page.language}" markdown>\n\n{body}\n\n</div>\n'


def render_pages(root: Path, generators_dir: Path, pages: list[Page], *, autoescape: bool = False) -> dict[str, bytes]:
    """Render every page; raise one ContentError listing every template that failed."""
    env = environment(generators_dir, autoescape=autoescape, cache_dir=root / jinja_cache.FOLDER)
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
        output[page.path] = _tidy(_in_language(text, page) if page.language else text).encode("utf-8")
    if problems:
        raise ContentError(problems)
    return output
