"""Walking WeasyPrint's laid-out boxes: every box below one, and the attributes of the element a box draws."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def descendants(box: Any) -> Iterator[Any]:
    """``box`` and every box below it, in document order."""
    yield box
    for child in getattr(box, "children", ()):
        yield from descendants(child)


def attribute(box: Any, name: str) -> str | None:
    """An attribute of the element ``box`` draws; None for anonymous and pseudo-element boxes."""
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) is None or getattr(box, "pseudo_type", None):
        return None
    value = element.get(name)
    return value if isinstance(value, str) else None
