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
        return Refusal(piece, "backreferences are not allowed", "write the repeated text out"), i + 2
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
    return _backtracking_refusal(pattern)


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


# Bounded matching ------------------------------------------------------------------------------
#
# Both engines backtrack. A pattern runs in time linear in the draft when the work from each
# starting position is bounded by the pattern alone: every repetition has an upper bound of at
# most MAX_REPEAT (one without a bound is allowed only where nothing follows it), and no
# repetition can split the same text between its turns in more than one way (a repeated group
# that can match empty text, a repetition inside it that cannot tell where its turn ends, or
# alternatives that can begin with the same character), which multiplies the ways to try.

MAX_REPEAT = 200
# The characters matching is decided on: all of ASCII, and one of each wider kind a draft may hold.
_ALPHABET = (*(chr(c) for c in range(128)), "\u00e9", "\u4e2d", "\U0001f600")
_ALL = frozenset(_ALPHABET)


class _Node(NamedTuple):
    """A parsed piece: ``set`` (one character of ``chars``), ``seq``, ``alt``, ``rep``, ``backref``, or ``zero``
    (an assertion; a lookahead keeps its body in ``items``)."""

    kind: str
    chars: frozenset[str] = frozenset()
    items: tuple[_Node, ...] = ()
    low: int = 1
    high: int | None = 1
    piece: str = ""


def _chars_of(piece: str) -> frozenset[str]:
    compiled = re.compile(piece, FLAGS)
    return frozenset(c for c in _ALPHABET if compiled.fullmatch(c))


class _Parser:
    """A recursive-descent reader of a pattern already inside the shared subset."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.i = 0

    def alternatives(self) -> _Node:
        branches = [self.sequence()]
        while self.i < len(self.pattern) and self.pattern[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else _Node("alt", items=tuple(branches))

    def sequence(self) -> _Node:
        items: list[_Node] = []
        while self.i < len(self.pattern) and self.pattern[self.i] not in "|)":
            start = self.i
            atom = self.atom()
            items.append(self.quantified(atom, start))
        return _Node("seq", items=tuple(items))

    def atom(self) -> _Node:
        p, i = self.pattern, self.i
        c = p[i]
        if c == "(":
            lookahead = p.startswith(("(?=", "(?!"), i)
            self.i += 3 if p.startswith(("(?:", "(?=", "(?!"), i) else 1
            inner = self.alternatives()
            self.i += 1  # the closing parenthesis
            return _Node("zero", items=(inner,)) if lookahead else inner
        if c == "[":
            j = i + 1
            while p[j] != "]" or j == i + 1 or (j == i + 2 and p[i + 1] == "^"):
                j += 2 if p[j] == "\\" else 1
            self.i = j + 1
            return _Node("set", chars=_chars_of(p[i : j + 1]))
        if c == "\\":
            e = p[i + 1]
            if e in "bB":
                self.i += 2
                return _Node("zero")
            if e in "123456789":
                self.i += 2
                return _Node("backref", piece=p[i : i + 2])
            width = 6 if e == "u" else 4 if e == "x" else 2
            self.i += width
            return _Node("set", chars=_chars_of(p[i : i + width]))
        self.i += 1
        if c in "^$":
            return _Node("zero")
        return _Node("set", chars=_chars_of(re.escape(c) if c != "." else "."))

    def quantified(self, atom: _Node, start: int) -> _Node:
        p = self.pattern
        if self.i >= len(p) or p[self.i] not in "*+?{":
            return atom
        c = p[self.i]
        if c == "{":
            match = _QUANTIFIER.match(p, self.i)
            assert match is not None
            low = int(match.group(1))
            high = low if match.group(2) is None else (int(match.group(3)) if match.group(3) else None)
            self.i = match.end()
        else:
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
            self.i += 1
        if self.i < len(p) and p[self.i] == "?":
            self.i += 1
        return _Node("rep", items=(atom,), low=low, high=high, piece=p[start : self.i])


def _nullable(node: _Node) -> bool:
    if node.kind == "backref":
        return True
    if node.kind == "set":
        return False
    if node.kind == "zero":
        return True
    if node.kind == "seq":
        return all(_nullable(n) for n in node.items)
    if node.kind == "alt":
        return any(_nullable(n) for n in node.items)
    return node.low == 0 or _nullable(node.items[0])


def _first(node: _Node) -> frozenset[str]:
    """The characters a match of ``node`` can begin with."""
    if node.kind == "set":
        return node.chars
    if node.kind == "backref":
        return _ALL
    if node.kind == "zero":
        return frozenset()
    if node.kind == "alt":
        return frozenset().union(*(_first(n) for n in node.items))
    if node.kind == "rep":
        return _first(node.items[0])
    found: frozenset[str] = frozenset()
    for item in node.items:
        found |= _first(item)
        if not _nullable(item):
            break
    return found


def _repeats(node: _Node) -> bool:
    """Whether ``node`` can match texts of more than one length (so a turn can end in several places)."""
    if node.kind == "rep":
        return node.high is None or node.high > node.low or _repeats(node.items[0])
    return any(_repeats(n) for n in node.items) if node.kind in ("seq", "alt") else False


def _ambiguity(body: _Node, after: frozenset[str]) -> Refusal | None:
    """A piece of a repeated ``body`` whose turn could end in more than one place, given what may follow it."""
    if body.kind == "alt":
        seen: frozenset[str] = frozenset()
        for branch in body.items:
            if _first(branch) & seen:
                return Refusal(
                    body.piece or "|",
                    "inside a repetition, two alternatives can begin with the same character, so the ways "
                    "to try multiply with each turn (super-linear time)",
                    "make the alternatives begin differently, or take the repetition off",
                )
            seen |= _first(branch)
        return next(filter(None, (_ambiguity(branch, after) for branch in body.items)), None)
    if body.kind == "seq":
        for index, item in enumerate(body.items):
            rest = _Node("seq", items=body.items[index + 1 :])
            follow = _first(rest) | (after if _nullable(rest) else frozenset())
            found = _ambiguity(item, follow)
            if found is not None:
                return found
        return None
    if body.kind == "rep":
        inner = body.items[0]
        if (body.high is None or body.high > 1) and _repeats(body) and _first(inner) & after:
            return Refusal(
                body.piece,
                f"'{body.piece}' inside a repetition cannot tell where its turn ends (what follows it can "
                "match the same characters), so the ways to try multiply with each turn (super-linear time)",
                "end the repeated part with a character the inner repetition cannot match, such as a space",
            )
        return _ambiguity(inner, after | _first(inner))
    return None


def _bound_refusal(node: _Node, at_end: bool) -> Refusal | None:
    """A repetition without a small upper bound, or one that makes the tries multiply."""
    if node.kind == "backref":
        return Refusal(
            node.piece,
            "a backreference can make matching take more than linear time",
            "write the repeated text out, or match it with a class such as [a-z]{1,40}",
        )
    if node.kind == "zero":
        return next(filter(None, (_bound_refusal(n, False) for n in node.items)), None)
    if node.kind == "alt":
        return next(filter(None, (_bound_refusal(n, at_end) for n in node.items)), None)
    if node.kind == "seq":
        for index, item in enumerate(node.items):
            found = _bound_refusal(item, at_end and index == len(node.items) - 1)
            if found is not None:
                return found
        return None
    if node.kind != "rep":
        return None
    inner = node.items[0]
    if node.high is None or node.high > 1:
        if _nullable(inner) and inner.kind != "zero":
            return Refusal(
                node.piece,
                f"'{node.piece}' repeats something that can match empty text, so the ways to try multiply",
                "make every turn of the repetition match at least one character",
            )
        found = _ambiguity(inner, _first(inner))
        if found is not None:
            return found
    if node.high is None and not at_end:
        return Refusal(
            node.piece,
            f"'{node.piece}' has no upper bound, so each try can run to the end of the draft (quadratic time)",
            f"give it a bound of at most {MAX_REPEAT}, such as {{{node.low},{max(node.low, 40)}}}",
        )
    if node.high is not None and node.high > MAX_REPEAT:
        return Refusal(
            node.piece,
            f"'{node.piece}' may repeat more than {MAX_REPEAT} times, which makes each try slow",
            f"keep the upper bound at {MAX_REPEAT} or below",
        )
    return _bound_refusal(inner, False)


def _backtracking_refusal(pattern: str) -> Refusal | None:
    """Why ``pattern`` could take more than linear time on a draft, or None."""
    return _bound_refusal(_Parser(pattern).alternatives(), at_end=True)
