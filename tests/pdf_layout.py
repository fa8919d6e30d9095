"""Where things landed on the pages of a rendered PDF: text lines with their fonts, and painted shapes.

Read with pypdf alone. Positions are in PDF points from the bottom-left corner of the page, as a
printer sees them, so the print tests check the PDF a print shop receives, not the HTML before layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

MM = 72 / 25.4


@dataclass(frozen=True)
class TextLine:
    """One line of text: its baseline, the largest font on it and whether that font is the headings' (bold sans)."""

    y: float
    size: float
    font: str
    text: str

    @property
    def heading(self) -> bool:
        """A heading of the handout (part, entry, section): bold sans at 10.5 pt or more."""
        return "Sans-Bold" in self.font and self.size >= 10.4

    @property
    def summary(self) -> bool:
        """An entry's one-line summary (italic serif at 11 pt), which belongs to the entry's title."""
        return "Serif-Italic" in self.font and self.size >= 10.9


@dataclass(frozen=True)
class Box:
    """The bounding box of one painted path."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]: ``a`` applied first, then ``b``."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def text_lines(page: PageObject) -> list[TextLine]:
    """The page's text, one entry a line (fragments on one baseline joined), from the top of the page down."""
    fragments: dict[float, list[tuple[float, str, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        matrix = _multiply([float(v) for v in tm], [float(v) for v in cm])
        y = round(matrix[5], 0)
        name = str(font.get("/BaseFont", "")) if font else ""
        fragments.setdefault(y, []).append((abs(size * matrix[3]), name, text))

    page.extract_text(visitor_text=visit)
    lines = []
    for y, parts in fragments.items():
        size, font, _ = max(parts, key=lambda part: part[0])
        lines.append(TextLine(y, round(size, 1), font, "".join(part[2] for part in parts).strip()))
    return sorted(lines, key=lambda line: -line.y)


def painted_boxes(reader: PdfReader, page: PageObject) -> list[Box]:
    """The bounding box of every path the page fills or strokes (rules, borders, frames), in page space."""
    operations = ContentStream(page.get_contents(), reader).operations
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    width = 1.0
    stack: list[tuple[list[float], float]] = []
    points: list[tuple[float, float]] = []
    boxes = []

    def point(x: float, y: float) -> tuple[float, float]:
        return (x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5])

    for operands, operator in operations:
        args = [float(value) for value in operands if isinstance(value, int | float) or hasattr(value, "as_numeric")]
        if operator == b"q":
            stack.append((ctm, width))
        elif operator == b"Q":
            ctm, width = stack.pop() if stack else (ctm, width)
        elif operator == b"w":
            width = args[0]
        elif operator == b"cm":
            ctm = _multiply(args, ctm)
        elif operator in (b"m", b"l"):
            points.append(point(*args[:2]))
        elif operator in (b"c", b"v", b"y"):
            points.append(point(*args[-2:]))
        elif operator == b"re":
            x, y, w, h = args
            points += [point(x, y), point(x + w, y + h), point(x + w, y), point(x, y + h)]
        elif operator in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            if points:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                # A stroke reaches half its width to each side of the path (not past the ends of a
                # straight line: WeasyPrint's caps are butt).
                stroked = operator in (b"S", b"s", b"B", b"B*", b"b", b"b*")
                half = width * abs(ctm[0]) / 2 if stroked else 0.0
                shape = max(xs) - min(xs) > 0.01 and max(ys) - min(ys) > 0.01
                across_x = half if shape or max(xs) == min(xs) else 0.0
                across_y = half if shape or max(ys) == min(ys) else 0.0
                boxes.append(Box(min(xs) - across_x, min(ys) - across_y, max(xs) + across_x, max(ys) + across_y))
            points = []
        elif operator == b"n":
            points = []
    return boxes
