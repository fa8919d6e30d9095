"""Plain text from content, made safe for Markdown, HTML and inline JSON.

Content fields are plain text: an editor's ``*``, ``#`` or ``<script>`` must
show as typed, never turn into formatting or markup.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

# Characters Python-Markdown honours a backslash escape for (with the tables extension's '|'),
# then the three HTML needs escaped; one translation table does both in a single pass.
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|"
_INLINE = str.maketrans({**{c: "\\" + c for c in _MARKDOWN_SPECIAL}, "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def md(text: str) -> str:
    """Inline plain text as Markdown that renders exactly as the text reads."""
    return _md(text)


# Titles and summaries are escaped again for every page that links to them: remember them.
@lru_cache(maxsize=1 << 16)
def _md(text: str) -> str:
    flat = " ".join(line.strip() for line in text.strip().splitlines())
    return flat.translate(_INLINE)


def paragraphs(text: str) -> list[str]:
    """Split text on blank lines into paragraphs, each escaped as inline Markdown."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [md(block) for block in blocks if block.strip()]


def html_text(text: str) -> str:
    """Plain text for an HTML element or attribute."""
    return html.escape(text, quote=True)


def json_for_script(data: Any) -> str:
    """JSON on one line that is safe as HTML text, in a ``<script>`` or a ``<template>``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def yaml_title(text: str) -> str:
    """A double-quoted YAML scalar for a front-matter title or tag name, its text escaped as HTML element text.

    Both engines' themes write a page's title and its tags' names into the page as element text
    without escaping them (``<title>``, the header, the tag chips), never into an attribute; and
    Zensical's search shows a page's title in each result's path after decoding only ``&amp;``,
    ``&lt;`` and ``&gt;``, so a quote escaped too would show there as "&quot;".
    """
    return json.dumps(config_title(text), ensure_ascii=False)


def yaml_attribute(text: str) -> str:
    """A double-quoted YAML scalar for front matter the themes place into an attribute unescaped.

    A page's description becomes ``<meta name="description" content="…">``: quotes escaped too.
    """
    return json.dumps(html.escape(text, quote=True), ensure_ascii=False)


def config_text(text: str) -> str:
    """Text for mkdocs.yml settings that themes place into HTML unescaped, attributes included (the site name)."""
    return html.escape(text, quote=True)


def config_title(text: str) -> str:
    """A navigation title for mkdocs.yml: escaped as element text, as the themes write it and as
    Zensical's search shows it in a result's path (see ``yaml_title``)."""
    return html.escape(text, quote=False)
