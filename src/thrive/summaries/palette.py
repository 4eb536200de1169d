"""The colours charts use, each checked for contrast against the white page (WCAG 2.2).

Lines, bars and points must reach 3:1 against their background (WCAG 1.4.11, non-text contrast);
text 4.5:1 (1.4.3). The series colours come from the GOV.UK palette, leaving out the ones that
fail on white (orange, yellow, light blue, brown). Status colours follow the GOV.UK tags.
"""

from __future__ import annotations

WHITE = "#ffffff"
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
GRID = "#b1b4b6"

# In the order series take them: the first few are far apart in hue and lightness.
SERIES = (
    "#1d70b8",  # blue
    "#d4351c",  # red
    "#00703c",  # green
    "#4c2c92",  # purple
    "#003078",  # dark blue
    "#d53880",  # pink
    "#505a5f",  # dark grey
    "#0b0c0c",  # black
)
TARGET = "#0b0c0c"  # the target line: black, dashed
AUTHORITY = SERIES[0]
ENGLAND = "#0b0c0c"
REGION = "#00703c"
COMPARATORS = "#505a5f"

NON_TEXT_MINIMUM = 3.0
TEXT_MINIMUM = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def series_colours(count: int) -> list[str]:
    """Colours for ``count`` series; beyond eight they repeat (charts then label lines directly)."""
    return [SERIES[i % len(SERIES)] for i in range(count)]
