"""Stage *validate*: loaded documents to frozen model objects, or precise problems.

Pydantic says what is wrong in its own vocabulary; this module says it in an
editor's, at the line and column of the offending key or value.
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from playbook.content.layers import layer_for
from playbook.content.load import Document, Path, not_reported_yet
from playbook.content.model import ADDRESS_PATTERN, EMAIL_PATTERN, ID_PATTERN, PLACEHOLDER_PATTERN, Finding, Model
from playbook.problems import Problem, format_key_path

M = TypeVar("M", bound=Model)

# Words YAML 1.1 read as booleans; this loader keeps them as text, so say why they fail.
_YAML11_BOOLEANS = {"y", "n", "yes", "no", "on", "off"}

_PATTERN_HINTS = {
    ID_PATTERN: "use lowercase letters, digits and single hyphens, for example give-before-you-ask",
    PLACEHOLDER_PATTERN: "use lowercase letters, digits and underscores, starting with a letter, for example first_name",
    r"^[^\n]*\S[^\n]*$": "write it on one line",
    r"\S": "write some text here",
    r"^#[0-9a-fA-F]{6}$": "write the color as # followed by six hex digits, for example #1f4e79",
    r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$": "use lowercase words, for example referrals",
    r"^https?://\S+/$": "write the full address starting with https:// and ending with /",
    r"^(https?://|mailto:)\S+$": "write a full address starting with https:// or mailto:",
    r"^[a-z]{2}$": "use a two-letter language code such as en or es",
    EMAIL_PATTERN: "write the whole e-mail address, with a dot in the part after @, for example careers@example.edu",
    ADDRESS_PATTERN: "write the address on one line, or on up to four lines with text under address: |",
}


def describe_value(value: Any) -> str:
    """Name a value the way an editor would see it in their file."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def field_at(model_class: type[BaseModel], loc: Path) -> tuple[type[BaseModel] | None, str | None]:
    """The model class that owns the last key of ``loc``, and that key."""
    owner: type[BaseModel] | None = model_class
    for part in loc[:-1]:
        if owner is None or isinstance(part, int):
            continue
        info = owner.model_fields.get(part)
        owner = _model_in(info.annotation) if info is not None else None
    key = loc[-1] if loc and isinstance(loc[-1], str) else None
    return owner, key


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``tuple[X, ...]`` or ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def data_path(loc: tuple[Any, ...], data: Any) -> Path:
    """Keep the parts of a pydantic location that exist in the data.

    Pydantic inserts names of union members and validators into locations;
    the editor only knows keys and list positions.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, tuple) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not part[:1].isupper() and "[" not in part:
            path.append(part)
            node = None
    return tuple(path)


def _primary(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop a list's "too short" when one of its items failed: the item's error is the cause."""
    locs = [tuple(e["loc"]) for e in errors]
    return [
        e
        for e, loc in zip(errors, locs, strict=True)
        if not (e["type"] == "too_short" and any(other[: len(loc)] == loc and len(other) > len(loc) for other in locs))
    ]


def explain(error: ErrorDetails, model_class: type[BaseModel], loc: Path) -> tuple[str, str]:
    """What is wrong and how to fix it, for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    owner, key = field_at(model_class, loc)
    if kind == "missing":
        info = owner.model_fields.get(key) if owner is not None and key else None
        about = f" ({info.description})" if info is not None and info.description else ""
        return f"the required field '{key}' is missing", f"add '{key}:'{about}"
    if kind == "extra_forbidden":
        allowed = sorted(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys are: {', '.join(allowed)}"
        return f"unknown key '{key}'", hint
    if kind == "string_type":
        return f"expected text but found {describe_value(value)}", "put the value in quotes"
    if kind in {"int_type", "float_type", "int_parsing", "float_parsing"}:
        hint = "write a plain number such as 12, without quotes, leading zeros or colons"
        return f"expected a number but found {describe_value(value)}", hint
    if kind == "bool_type":
        if isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
            return (
                f"'{value}' is not a boolean here (YAML 1.1 read it as one, this loader does not)",
                "write true or false",
            )
        return f"expected true or false but found {describe_value(value)}", "write true or false"
    if kind in {"tuple_type", "list_type"}:
        return (
            f"expected a list but found {describe_value(value)}",
            "write each item on its own line, starting with '- '",
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"expected a mapping of keys and values but found {describe_value(value)}",
            "write 'key: value' lines indented under this one",
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [part.strip(" '") for part in str(expected).replace(" or ", ",").split(",") if part.strip(" '")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "use one of the values listed"
        return f"expected one of {expected} but received {describe_value(value)}", hint
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint = _PATTERN_HINTS.get(pattern, f"match the pattern {pattern}")
        return f"{describe_value(value)} is not allowed here", hint
    if kind == "string_too_short":
        return "this must not be empty", "write the text, or remove the key if it is optional"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"the text is {len(str(value))} characters, over the limit of {limit}", "shorten it"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return (
            f"needs at least {minimum} item{'s' if minimum != 1 else ''}",
            "add the missing items",
        )
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})", "remove some items"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return (
            f"{describe_value(value)} is out of range: {error['msg'].lower()}",
            "change the number",
        )
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        what, _, how = message.partition(" — ")
        return what, how or "correct the value"
    return error["msg"], "correct the value"


def validate_document(document: Document, model_class: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model class, reporting every problem at its place."""
    try:
        instance = model_class.model_validate(document.data, strict=True)
    except ValidationError as error:
        found = [_problem(document, model_class, detail) for detail in _primary(error.errors())]
        return None, not_reported_yet((document,), found)
    problems = not_reported_yet((document,), [_finding(document, finding) for finding in instance.findings()])
    return (None if problems else instance), problems


def validate_layers(
    base: Document, overlays: tuple[Document, ...], data: Any, model_class: type[M]
) -> tuple[M | None, list[Problem]]:
    """Validate data merged from a base file and overlay files.

    Each problem is reported in the file where the offending key was written:
    the last overlay that sets the top-level key (or, for a translation, the
    value itself), or else the base.
    """

    def source(path: Path) -> Document:
        return layer_for(base, overlays, path)

    try:
        instance = model_class.model_validate(data, strict=True)
    except ValidationError as error:
        problems = []
        for detail in _primary(error.errors()):
            loc = tuple(detail["loc"])
            problems.append(_problem(source(loc), model_class, detail))
        return None, not_reported_yet((base, *overlays), problems)
    problems = [_finding(source(finding.path), finding) for finding in instance.findings()]
    problems = not_reported_yet((base, *overlays), problems)
    return (None if problems else instance), problems


def _problem(document: Document, model_class: type[BaseModel], detail: ErrorDetails) -> Problem:
    path = data_path(tuple(detail["loc"]), document.data)
    message, hint = explain(detail, model_class, path)
    if detail["type"] == "missing":
        return _at(document, path[:-1], message, hint, shown=path)
    return _at(document, path, message, hint, key=detail["type"] == "extra_forbidden")


def _at(
    document: Document,
    path: Path,
    message: str,
    hint: str,
    *,
    key: bool = False,
    shown: Path | None = None,
) -> Problem:
    """A problem at the position of ``path`` in ``document``."""
    position = document.position_of(path, key=key)
    return Problem(document.path, position.line, position.column, format_key_path(shown or path), message, hint)


def _finding(document: Document, finding: Finding) -> Problem:
    if finding.needle is None:
        return _at(document, finding.path, finding.message, finding.hint)
    position = document.position_in_value(finding.path, finding.needle)
    return Problem(
        document.path,
        position.line,
        position.column,
        format_key_path(finding.path),
        finding.message,
        finding.hint,
    )


def problem_at(document: Document, path: Path, message: str, hint: str) -> Problem:
    """A problem about the value at ``path``, for stages after validation."""
    return _at(document, path, message, hint)
