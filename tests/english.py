"""Finding English left in a page of the Spanish site: paragraphs whose words are mostly English.

A paragraph is a block of the page's main content (a paragraph, list item, table cell, heading,
caption or label). Quotations, code, source titles and the tag list are left out: they stay in
their original language on purpose. A paragraph of a few words names things (a title, a tool)
more than it says them, so only paragraphs of MIN_WORDS or more are judged. The measure is the
share of English function words ("the", "and", "you", …) among the words: above a quarter
in English prose, near zero in Spanish prose that quotes an English title or two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Function words of English that are not Spanish words too ("a", "me", "no", "es" are left out).
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "you",
        "your",
        "that",
        "this",
        "with",
        "for",
        "it",
        "its",
        "be",
        "on",
        "as",
        "not",
        "but",
        "what",
        "when",
        "they",
        "their",
        "them",
        "an",
        "or",
        "if",
        "have",
        "has",
        "was",
        "were",
        "will",
        "would",
        "can",
        "at",
        "by",
        "from",
        "about",
        "who",
        "which",
        "do",
        "does",
        "how",
        "why",
        "we",
        "our",
        "my",
        "into",
        "than",
        "then",
        "there",
        "these",
        "those",
        "been",
        "being",
        "should",
        "could",
        "just",
        "only",
        "more",
        "most",
        "some",
        "any",
        "each",
        "other",
        "such",
        "also",
        "because",
        "out",
        "up",
        "over",
        "after",
        "before",
        "while",
        "where",
        "here",
        "all",
        "one",
        "get",
        "got",
        "make",
    ]
)
MIN_WORDS = 6
THRESHOLD = 0.2
# A heading, label or button of two to five words ("Page not found", "Show more people") is judged too,
# more strictly: two in five of its words English function words. A title from a source is taken out
# before judging (the tests' _judged), so a source's name alone is not flagged.
SHORT_MIN_WORDS = 2
SHORT_THRESHOLD = 0.4
BLOCKS = frozenset(
    {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "dt", "dd", "label", "legend", "summary"}
)
# Left out: quotations and code stay in their words; source titles (cite, the sources page) and
# tags stay as published; scripts and styles are not text.
SKIPPED = frozenset({"blockquote", "code", "pre", "cite", "script", "style", "template", "svg", "nav", "q"})
SKIPPED_CLASSES = frozenset({"md-tags", "pb-source-title", "headerlink"})
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def english_share(text: str) -> tuple[int, float]:
    """The number of words of a paragraph and the share of them that are English function words."""
    words = [w.casefold().replace("’", "'") for w in WORD.findall(text)]
    if not words:
        return 0, 0.0
    return len(words), sum(1 for w in words if w in STOPWORDS or w.split("'")[0] in STOPWORDS) / len(words)


def is_english(text: str) -> bool:
    """Whether a paragraph reads as English."""
    count, share = english_share(text)
    return count >= MIN_WORDS and share >= THRESHOLD


def is_english_label(text: str) -> bool:
    """Whether a short block (a heading, a label, a button) reads as English."""
    count, share = english_share(text)
    return SHORT_MIN_WORDS <= count < MIN_WORDS and share >= SHORT_THRESHOLD


@dataclass
class _Blocks(HTMLParser):
    """The text blocks of an HTML page's main content (Material's ``article``), skipped parts left out."""

    blocks: list[str]

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0  # depth inside the article
        self.skip = 0  # depth inside a skipped element
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, block
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr", "source"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.inside += 1
        skipped = tag in SKIPPED or bool(classes & SKIPPED_CLASSES)
        block = tag in BLOCKS or tag == "div"
        if block:
            self.flush()
        self.skip += skipped
        self.stack.append((tag, skipped, block))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, skipped, block = self.stack.pop()
            self.skip -= skipped
            if block:
                self.flush()
            if name == "article" and self.inside:
                self.inside -= 1
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skip:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def blocks(html: str) -> list[str]:
    """The paragraphs of a page's main content, as plain text."""
    parser = _Blocks([])
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


def english_paragraphs(html: str) -> list[str]:
    """Paragraphs, headings and labels of a page's main content that read as English."""
    return [text for text in blocks(html) if is_english(text) or is_english_label(text)]
