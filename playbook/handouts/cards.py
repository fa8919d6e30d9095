"""The card deck: poker-size cards laid out on sheets for duplex printing and cutting, and the fit check.

Cards sit edge to edge in a grid centred on the sheet, so one cut along each
crop mark separates two cards at once. Backs are printed on the reverse of
the fronts' sheet, flipped on the long edge: the back of the card in column
``c`` sits in column ``columns - 1 - c``, and because the grid is centred it
lands exactly behind its front.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.handouts.boxes import attribute, descendants

CARD_WIDTH = 63.0
CARD_HEIGHT = 88.0
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
# Room outside the grid for the crop marks, which start a little away from the cut.
MIN_MARGIN = 6.0
MARK_GAP = 1.5
MARK_LENGTH = 4.0
MARK_WIDTH = 0.25


@dataclass(frozen=True)
class Grid:
    """Where the cards sit on one sheet, in millimetres."""

    paper_width: float
    paper_height: float
    columns: int
    rows: int
    left: float
    top: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


def grid_for(paper: str) -> Grid:
    """As many cards as fit on the paper with room for crop marks, centred."""
    width, height = PAPER_MM[paper]
    columns = int((width - 2 * MIN_MARGIN) // CARD_WIDTH)
    rows = int((height - 2 * MIN_MARGIN) // CARD_HEIGHT)
    left = (width - columns * CARD_WIDTH) / 2
    top = (height - rows * CARD_HEIGHT) / 2
    return Grid(width, height, columns, rows, round(left, 2), round(top, 2))


def slot(grid: Grid, index: int, back: bool) -> tuple[float, float]:
    """Top-left corner of the ``index``-th card of a sheet, mirrored for the back."""
    row, column = divmod(index, grid.columns)
    if back:
        column = grid.columns - 1 - column
    return round(grid.left + column * CARD_WIDTH, 2), round(grid.top + row * CARD_HEIGHT, 2)


def crop_marks(grid: Grid) -> list[dict[str, float]]:
    """Short rules in the margins, in line with every cut, as boxes (x, y, width, height)."""
    right = grid.left + grid.columns * CARD_WIDTH
    bottom = grid.top + grid.rows * CARD_HEIGHT
    marks = []
    for column in range(grid.columns + 1):
        x = grid.left + column * CARD_WIDTH - MARK_WIDTH / 2
        marks.append({"x": x, "y": grid.top - MARK_GAP - MARK_LENGTH, "w": MARK_WIDTH, "h": MARK_LENGTH})
        marks.append({"x": x, "y": bottom + MARK_GAP, "w": MARK_WIDTH, "h": MARK_LENGTH})
    for row in range(grid.rows + 1):
        y = grid.top + row * CARD_HEIGHT - MARK_WIDTH / 2
        marks.append({"x": grid.left - MARK_GAP - MARK_LENGTH, "y": y, "w": MARK_LENGTH, "h": MARK_WIDTH})
        marks.append({"x": right + MARK_GAP, "y": y, "w": MARK_LENGTH, "h": MARK_WIDTH})
    return [{key: round(value, 2) for key, value in mark.items()} for mark in marks]


def sheets(cards: list[dict[str, Any]], grid: Grid) -> list[dict[str, Any]]:
    """Fronts and backs, sheet by sheet: each sheet of fronts is followed by its backs."""
    laid_out = []
    for start in range(0, len(cards), grid.per_sheet):
        chunk = cards[start : start + grid.per_sheet]
        for side in ("front", "back"):
            placed = []
            for index, card in enumerate(chunk):
                x, y = slot(grid, index, back=side == "back")
                placed.append({**card, "x": x, "y": y})
            laid_out.append({"side": side, "cards": placed})
    return laid_out


def overflowing(document: Any) -> list[str]:
    """The ``data-card`` names of card faces whose content is taller than the card.

    Each face is a fixed-size box with ``overflow: hidden`` around a body of
    natural height; WeasyPrint lays the body out in full, so comparing its
    bottom with the face's tells whether anything was cut off.
    """
    found = []
    for page in document.pages:
        for box in descendants(page._page_box):
            name = attribute(box, "data-card")
            if name is None:
                continue
            face_bottom = box.content_box_y() + box.height
            bodies = [child for child in box.children if attribute(child, "data-card-body") is not None]
            if any(body.position_y + body.margin_height() > face_bottom + 0.5 for body in bodies):
                found.append(name)
    return found
