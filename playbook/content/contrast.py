"""WCAG contrast of the brand colors, computed from the colors, never guessed.

The theme puts white or near-black text (whichever reads better) on the
primary color (header, buttons), the accent color on the focus ring and
controls, and the link color (the accent color when none is set) on links, all
on the white page. A brand
that fails is reported with its ratio and the nearest color that passes;
the build never changes a brand on its own.
"""

from __future__ import annotations

import math
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


def _linear(color: str) -> tuple[float, float, float]:
    red, green, blue = (_channel(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return red, green, blue


def _gamma(value: float) -> float:
    return value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def oklch(color: str) -> tuple[float, float, float]:
    """A ``#rrggbb`` color in OKLCH (lightness 0–1, chroma, hue in degrees), Björn Ottosson's OKLab in polar form."""
    red, green, blue = _linear(color)
    cone = [
        (0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue) ** (1 / 3),
        (0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue) ** (1 / 3),
        (0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue) ** (1 / 3),
    ]
    lightness = 0.2104542553 * cone[0] + 0.7936177850 * cone[1] - 0.0040720468 * cone[2]
    a = 1.9779984951 * cone[0] - 2.4285922050 * cone[1] + 0.4505937099 * cone[2]
    b = 0.0259040371 * cone[0] + 0.7827717662 * cone[1] - 0.8086757660 * cone[2]
    return lightness, math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def _from_oklch(lightness: float, chroma: float, hue: float) -> tuple[float, float, float]:
    """Linear sRGB of an OKLCH color (possibly outside 0–1: out of the sRGB gamut)."""
    a, b = chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))
    cone = [
        (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3,
        (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3,
        (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3,
    ]
    return (
        4.0767416621 * cone[0] - 3.3077115913 * cone[1] + 0.2309699292 * cone[2],
        -1.2684380046 * cone[0] + 2.6097574011 * cone[1] - 0.3413193965 * cone[2],
        -0.0041960863 * cone[0] - 0.7034186147 * cone[1] + 1.7076147010 * cone[2],
    )


def _in_gamut(lightness: float, chroma: float, hue: float) -> str:
    """The sRGB color at this OKLCH lightness and hue, its chroma reduced only as far as sRGB requires."""
    low, high = 0.0, chroma
    if all(-1e-6 <= c <= 1 + 1e-6 for c in _from_oklch(lightness, chroma, hue)):
        return _hex(*(_gamma(max(0.0, c)) for c in _from_oklch(lightness, chroma, hue)))
    for _ in range(24):
        middle = (low + high) / 2
        if all(-1e-6 <= c <= 1 + 1e-6 for c in _from_oklch(lightness, middle, hue)):
            low = middle
        else:
            high = middle
    return _hex(*(_gamma(min(1.0, max(0.0, c))) for c in _from_oklch(lightness, low, hue)))


def nearest_passing(color: str, against: str, minimum: float) -> str:
    """The color of the same OKLCH hue and chroma, lightness moved least, that reaches ``minimum`` against ``against``.

    OKLCH is perceptual: moving only its lightness keeps what people see as the
    brand's hue (HSL lightness shifts gold toward olive and purple toward blue).
    """
    lightness, chroma, hue = oklch(color)
    for step in range(1, 1001):
        for direction in (-1, 1):
            candidate_lightness = lightness + direction * step / 1000
            if 0 <= candidate_lightness <= 1:
                candidate = _in_gamut(candidate_lightness, chroma, hue)
                if ratio(candidate, against) >= minimum:
                    return candidate
    return "#000000" if ratio("#000000", against) >= minimum else WHITE


DARK_TEXT = "#1b1b1b"


def header_text(primary: str) -> str:
    """The header's text color: white on a dark brand color, near-black on a light one (gold, yellow)."""
    return WHITE if ratio(WHITE, primary) >= ratio(DARK_TEXT, primary) else DARK_TEXT


def brand_pairs(primary: str, accent: str, link: str | None = None) -> list[Pair]:
    """The color pairs the theme shows and the ratio each needs.

    Links take ``link`` (the ``link_color`` setting) when it is set, else the accent color.
    """
    text = header_text(primary)
    shade = "white" if text == WHITE else "dark"
    pairs = [
        Pair("primary_color", text, primary, TEXT_RATIO, f"{shade} header and button text on the primary color"),
        Pair(
            "accent_color",
            accent,
            WHITE,
            INTERFACE_RATIO,
            "the focus ring and controls in the accent color on the white page",
        ),
    ]
    if link is None:
        pairs.insert(1, Pair("accent_color", accent, WHITE, TEXT_RATIO, "links in the accent color on the white page"))
    else:
        pairs.append(Pair("link_color", link, WHITE, TEXT_RATIO, "links in the link color on the white page"))
    return pairs


def failures(primary: str, accent: str, link: str | None = None) -> list[tuple[Pair, float, str]]:
    """Each pair that fails: the pair, its ratio, and the nearest passing color for its setting."""
    found = []
    for pair in brand_pairs(primary, accent, link):
        value = ratio(pair.foreground, pair.background)
        if value < pair.minimum:
            brand = {"primary_color": primary, "accent_color": accent, "link_color": link or accent}[pair.setting]
            other = pair.foreground if pair.setting == "primary_color" else pair.background
            found.append((pair, value, nearest_passing(brand, other, pair.minimum)))
    # A color failing 4.5:1 may also fail 3:1; the first, stricter message says all that is needed.
    first: dict[str, tuple[Pair, float, str]] = {}
    for failure in found:
        first.setdefault(failure[0].setting, failure)
    return list(first.values())
