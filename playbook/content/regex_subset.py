"""The regular expressions checker rules may use: the part of the syntax that Python and JavaScript read alike.

A rule's pattern runs in two engines: Python's ``re`` (for ``playbook lint-message``
and the build) and the browser's ``RegExp`` with the ``u`` flag (for the checker page).
Both compile it in multiline mode, Python with ``re.ASCII`` so that ``\\w``, ``\\d`` and
``\\b`` mean the same ASCII classes they mean in JavaScript, and both match it against
text that is already lowercased, so patterns are written in lowercase.

Constructs one engine lacks or reads differently are refused here, at load time,
with the offending piece named, instead of behaving differently on the site and
on the command line: lookbehind, named groups, atomic groups, possessive
quantifiers, inline flags, ``\\A``/``\\Z``, property escapes, braces that are not a
quantifier, unneeded escapes (an error in JavaScript's ``u`` mode), and so on.
"""

from __future__ import annotations

import re
from typing import NamedTuple

FLAGS = re.ASCII | re.MULTILINE

# Characters a backslash may escape outside a character class in JavaScript's u mode.
_SYNTAX = set("^$\\.*+?()[]{}|/")
_CLASS_ESCAPES = set("dDwWsS")
_CONTROL_ESCAPES = set("ntrfv")
_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")
_HEX = "0123456789abcdefABCDEF"


class Refusal(NamedTuple):
    """Why a pattern is refused: the offending piece, what is wrong, and how to fix it."""

    piece: str
    message: str
    hint: str


def _escape_refusal(pattern: str, i: int, in_class: bool) -> tuple[Refusal | None, int]:
    """Check the escape at ``pattern[i]`` (a backslash); return a refusal or the index after it."""
    if i + 1 >= len(pattern):
        return Refusal("\\", "the pattern ends with a lone backslash", "remove it or escape it as \\\\"), i + 1
    c = pattern[i + 1]
    piece = pattern[i : i + 2]
    if c in _CLASS_ESCAPES or c in _CONTROL_ESCAPES or c in _SYNTAX:
        return None, i + 2
    if c == "b":
        return None, i + 2
    if c == "B":
        if in_class:
            return Refusal(piece, "\\B inside a character class is an error in JavaScript", "remove it"), i + 2
        return None, i + 2
    if c == "-":
        if in_class:
            return None, i + 2
        return Refusal(
            piece, "JavaScript refuses \\- outside a character class", "write - without the backslash"
        ), i + 2
    if c == "u":
        digits = pattern[i + 2 : i + 6]
        if len(digits) == 4 and all(d in _HEX for d in digits):
            return None, i + 6
        return (
            Refusal(pattern[i : i + 3], "\\u must be followed by exactly four hex digits", "write it as \\u00e9"),
            i + 2,
        )
    if c == "x":
        digits = pattern[i + 2 : i + 4]
        if len(digits) == 2 and all(d in _HEX for d in digits):
            return None, i + 4
        return Refusal(piece, "\\x must be followed by exactly two hex digits", "write it as \\x41"), i + 2
    if c in "123456789":
        if in_class:
            return Refusal(
                piece,
                f"{piece} inside a character class means different things in Python and JavaScript",
                "write the character itself",
            ), i + 2
        return None, i + 2
    if c == "0":
        return Refusal(
            piece, "\\0 means different things in Python and JavaScript", "write \\x00 if you mean the NUL character"
        ), i + 2
    if c in "AZzG":
        return Refusal(
            piece,
            f"{piece} is not understood by JavaScript",
            "use ^ or $, which match at the start and end of each line",
        ), i + 2
    if c in "pP":
        return Refusal(
            piece,
            "Unicode property escapes are not understood by Python's re",
            "list the characters in a class such as [a-z]",
        ), i + 2
    if c == "k":
        return Refusal(piece, "named backreferences are not allowed", "use a numbered group and \\1"), i + 2
    if c.isalpha():
        return Refusal(
            piece,
            f"{piece} is not an escape both Python and JavaScript know",
            "remove the backslash, or use \\d, \\w, \\s or \\b",
        ), i + 2
    return (
        Refusal(
            piece, f"JavaScript's u mode refuses {piece}: '{c}' needs no escape", f"write {c} without the backslash"
        ),
        i + 2,
    )


def _group_refusal(pattern: str, i: int) -> Refusal | None:
    """Check the group opened at ``pattern[i]``."""
    head = pattern[i : i + 4]
    if not head.startswith("(?"):
        return None
    if head.startswith(("(?:", "(?=", "(?!")):
        return None
    if head.startswith(("(?<=", "(?<!")):
        return Refusal(head, "lookbehind is not allowed", "match the text before as part of the pattern instead")
    if head.startswith(("(?P", "(?<")):
        return Refusal(head[:3], "named groups are not allowed", "use a plain group (...) or (?:...)")
    if head.startswith("(?>"):
        return Refusal(head[:3], "atomic groups are not understood by JavaScript", "use a plain group (?:...)")
    if head.startswith("(?#"):
        return Refusal(head[:3], "comments inside patterns are not understood by JavaScript", "remove the comment")
    if head.startswith("(?("):
        return Refusal(
            head[:3], "conditional groups are not understood by JavaScript", "write the alternatives out with |"
        )
    return Refusal(
        head[:3],
        "inline flags are not allowed",
        "patterns always match lowercased text in multiline mode; remove the flag",
    )


def _class_refusal(pattern: str, i: int) -> tuple[Refusal | None, int]:
    """Check the character class opened at ``pattern[i]``; return a refusal or the index after it."""
    start = i
    i += 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        return (
            Refusal(pattern[start : i + 1], "a ] first in a class reads differently in JavaScript", "escape it as \\]"),
            i + 1,
        )
    # Items of the class: "class" for \d, \w, \s and their negations, "dash" for -, "char" otherwise.
    items: list[tuple[str, str]] = []
    while i < len(pattern):
        c = pattern[i]
        if c == "]":
            for k in range(1, len(items) - 1):
                if items[k][0] == "dash" and "class" in (items[k - 1][0], items[k + 1][0]):
                    piece = items[k - 1][1] + "-" + items[k + 1][1]
                    hint = "move the - to the end of the class"
                    return Refusal(piece, "a range with \\d, \\w or \\s is an error in JavaScript", hint), i
            return None, i + 1
        pair = pattern[i : i + 2]
        if pair in ("&&", "||", "--", "~~"):
            hint = "escape one of the two characters"
            return Refusal(pair, f"'{pair}' inside a class is reserved for set operations", hint), i
        if c == "[":
            return Refusal(c, "an unescaped [ inside a class reads as a nested set", "escape it as \\["), i
        if c == "\\":
            refusal, after = _escape_refusal(pattern, i, in_class=True)
            if refusal is not None:
                return refusal, after
            items.append(("class" if pattern[i + 1] in _CLASS_ESCAPES else "char", pattern[i:after]))
            i = after
            continue
        items.append(("dash" if c == "-" else "char", c))
        i += 1
    return Refusal(pattern[start:], "this character class is never closed", "add the closing ]"), i


def _syntax_refusal(pattern: str) -> Refusal | None:
    """The first construct outside the shared subset, by a scan of the pattern."""
    i = 0
    after_quantifier = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            refusal, i = _escape_refusal(pattern, i, in_class=False)
            if refusal is not None:
                return refusal
            after_quantifier = False
            continue
        if c == "[":
            refusal, i = _class_refusal(pattern, i)
            if refusal is not None:
                return refusal
            after_quantifier = False
            continue
        if c == "(":
            refusal = _group_refusal(pattern, i)
            if refusal is not None:
                return refusal
            i += 3 if pattern.startswith(("(?:", "(?=", "(?!"), i) else 1
            after_quantifier = False
            continue
        if c == "+" and after_quantifier:
            return Refusal(
                pattern[i - 1 : i + 1], "possessive quantifiers are not understood by JavaScript", "remove the second +"
            )
        if c == "{":
            quantifier = _QUANTIFIER.match(pattern, i)
            if quantifier is None:
                return Refusal(
                    c, "a { that does not start a count like {2} or {1,3} is an error in JavaScript", "escape it as \\{"
                )
            i = quantifier.end()
            after_quantifier = True
            if i < len(pattern) and pattern[i] == "?":
                i += 1
                after_quantifier = False
            continue
        if c in "}]":
            return Refusal(c, f"an unescaped {c} is an error in JavaScript", f"escape it as \\{c}")
        if c in "*+?":
            lazy = c == "?" and after_quantifier
            after_quantifier = not lazy
            i += 1
            continue
        after_quantifier = False
        i += 1
    return None


def _case_refusal(pattern: str) -> Refusal | None:
    """A literal character that can never match lowercased, folded text."""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 6 if pattern.startswith("\\u", i) else 4 if pattern.startswith("\\x", i) else 2
            continue
        folded = fold_char(c)
        if folded != c:
            return Refusal(
                c,
                f"'{c}' never matches: text is lowercased and its quotes and spaces simplified before matching",
                f"write '{folded}' instead",
            )
        i += 1
    return None


def refusal(pattern: str) -> Refusal | None:
    """Why ``pattern`` cannot be a checker pattern, or None when it can."""
    found = _syntax_refusal(pattern) or _case_refusal(pattern)
    if found is not None:
        return found
    try:
        compiled = re.compile(pattern, FLAGS)
    except re.error as error:
        position = error.pos if error.pos is not None else 0
        return Refusal(
            pattern[position : position + 3] or pattern,
            f"the pattern is not a valid regular expression: {error.msg}",
            "fix the pattern",
        )
    if compiled.fullmatch(""):
        return Refusal(
            pattern,
            "the pattern matches empty text, so it would match everywhere",
            "make at least one character required",
        )
    return None


# Folding: the same one-to-one character mapping in both engines, so offsets stay the same.
_SPECIAL = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys(
        "\t\r\f\v\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u2028\u2029\u202f\u205f\u3000\ufeff",
        " ",
    ),
    # Spanish is often typed without its accents (on a phone, an English keyboard), so an accented
    # vowel folds to the plain one: "días" and "dias" read alike. The ñ stays: año is not ano.
    **dict.fromkeys("áàâäã", "a"),
    **dict.fromkeys("éèêë", "e"),
    **dict.fromkeys("íìîï", "i"),
    **dict.fromkeys("óòôöõ", "o"),
    **dict.fromkeys("úùûü", "u"),
}


def fold_char(c: str) -> str:
    """One character as the matchers see it: straight quotes, plain hyphens and spaces, lowercase, unaccented vowels.

    A character whose lowercase form is longer (like İ) or crosses between the
    basic and astral planes stays as it is, so the folded text has exactly the
    same length as the original, in Python's code points and in JavaScript's
    UTF-16 units alike.
    """
    special = _SPECIAL.get(c)
    if special is not None:
        return special
    lower = c.lower()
    if len(lower) == 1 and (lower > "\uffff") == (c > "\uffff"):
        return _SPECIAL.get(lower, lower)
    return c


class _FoldTable(dict[int, str]):
    """A lazily filled ``str.translate`` table of :func:`fold_char`."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Text as the matchers see it; see :func:`fold_char`. Same length as ``text``."""
    return text.translate(_FOLD_TABLE)
