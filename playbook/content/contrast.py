"""WCAG contrast of the brand colors, computed from the colors, never guessed.

The theme puts white text on the primary color (header, buttons) and uses
the accent color for links and the focus ring on the white page. A brand
that fails is reported with its ratio and the nearest color that passes;
the build never changes a brand on its own.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

WHITE = "#ffffff"
TEXT_RATIO = 4.5
INTERFACE_RATIO = 3.0


@dataclass(frozen=True)
class Pair:
    """A color shown against another, the minimum ratio it needs, and why."""

    setting: str
    foreground: str
    background: str
    minimum: float
    role: str


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """Relative luminance of a ``#rrggbb`` color (WCAG 2.1)."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def ratio(first: str, second: str) -> float:
    """Contrast ratio between two colors, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in (red, green, blue))


def nearest_passing(color: str, against: str, minimum: float) -> str:
    """The color of the same hue and saturation, lightness moved least, that reaches ``minimum``."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    for step in range(1, 101):
        for direction in (-1, 1):
            candidate_lightness = lightness + direction * step / 100
            if 0 <= candidate_lightness <= 1:
                candidate = _hex(*colorsys.hls_to_rgb(hue, candidate_lightness, saturation))
                if ratio(candidate, against) >= minimum:
                    return candidate
    return "#000000" if ratio("#000000", against) >= minimum else WHITE


def brand_pairs(primary: str, accent: str) -> list[Pair]:
    """The color pairs the theme shows and the ratio each needs."""
    return [
        Pair("primary_color", WHITE, primary, TEXT_RATIO, "white header and button text on the primary color"),
        Pair("accent_color", accent, WHITE, TEXT_RATIO, "links in the accent color on the white page"),
        Pair(
            "accent_color",
            accent,
            WHITE,
            INTERFACE_RATIO,
            "the focus ring and controls in the accent color on the white page",
        ),
    ]


def failures(primary: str, accent: str) -> list[tuple[Pair, float, str]]:
    """Each pair that fails: the pair, its ratio, and the nearest passing color for its setting."""
    found = []
    for pair in brand_pairs(primary, accent):
        value = ratio(pair.foreground, pair.background)
        if value < pair.minimum:
            brand = primary if pair.setting == "primary_color" else accent
            other = pair.background if pair.setting == "accent_color" else pair.foreground
            found.append((pair, value, nearest_passing(brand, other, pair.minimum)))
    # A color failing 4.5:1 may also fail 3:1; the first, stricter message says all that is needed.
    first: dict[str, tuple[Pair, float, str]] = {}
    for failure in found:
        first.setdefault(failure[0].setting, failure)
    return list(first.values())
