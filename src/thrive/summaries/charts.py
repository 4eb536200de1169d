"""Charts: Vega-Lite specs drawn to SVG on the server by vl-convert.

Pages work without JavaScript and the same chart prints in a report. Every chart carries a
caption and the figures behind it as a table, so nobody depends on seeing the picture, and uses
only the contrast-checked colours of :mod:`thrive.summaries.palette`. The SVG has no script and no
style attributes, so it sits inside the page's strict Content Security Policy.

The specs are written as plain Vega-Lite JSON (the same specs Altair produces): building them
through Altair's classes validates each against the schema, which costs about 0.3 s a chart.
Drawing costs tens of milliseconds a chart, so the SVG for a spec is kept (keyed by the spec's
JSON) unless ``THRIVE_WEB_CACHE=0``.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import vl_convert as vlc
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from thrive.frames import cache as frames_cache
from thrive.summaries import palette

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "Arial, Helvetica, sans-serif"
_CONFIG: dict[str, Any] = {
    "aria": False,  # the <figure> around the chart carries the description
    "font": FONT,
    "background": palette.WHITE,
    "view": {"stroke": None},
    "axis": {
        "labelColor": palette.TEXT,
        "titleColor": palette.TEXT,
        "domainColor": palette.SECONDARY_TEXT,
        "tickColor": palette.SECONDARY_TEXT,
        "gridColor": palette.GRID,
        "labelFontSize": 13,
        "titleFontSize": 13,
    },
    "legend": {"labelColor": palette.TEXT, "titleColor": palette.TEXT, "labelFontSize": 13},
}


MOST_LINES = 5  # more lines than this in one chart become small multiples, one line a panel
LABEL_WIDTH = 30  # characters a line of a category or panel label holds before it wraps
_LINES = "split(datum.label, '\\n')"  # a label wrapped by _wrap, drawn over several lines
_SPARK_PADDING = 2  # around a sparkline, so the line and its dot are not clipped
_INNER_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"')


@dataclass(frozen=True)
class Chart:
    """A drawn chart with its caption and a table of the same figures."""

    svg: SafeString
    caption: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


# A whole-number axis format ("16", "1,200", "90%"): group 1 is its type.
_WHOLE_FORMAT = re.compile(r"^,?(?:\.0)?([df%])$")


def _distinct_ticks(node: Any) -> Any:
    """``node`` with every axis labelled in whole numbers (or whole percentages) leaving blank
    the ticks that fall between whole numbers, so no two labels repeat (Vega places ticks at
    half steps on a short axis: 13.5 to 16 was labelled "16, 15, 15, 14, 14, 13"). The tick
    marks and grid lines stay; only the repeated labels go."""
    if isinstance(node, list):
        return [_distinct_ticks(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _distinct_ticks(value) for key, value in node.items()}
    axis = out.get("axis")
    if isinstance(axis, dict) and "labelExpr" not in axis:
        found = _WHOLE_FORMAT.match(str(axis.get("format", "")))
        if found:
            value = "datum.value * 100" if found.group(1) == "%" else "datum.value"
            out["axis"] = {
                **axis,
                "labelExpr": f"abs({value} - round({value})) > 1e-6 ? '' : datum.label",
            }
    return out


def draw(spec: dict[str, Any], description: str) -> SafeString:
    """The SVG for a Vega-Lite spec, labelled for assistive technology.

    Axes labelled in whole numbers (or whole percentages) never get ticks closer than one unit
    (:func:`_distinct_ticks`), so no two tick labels repeat."""
    spec = _distinct_ticks(spec)
    full = {"$schema": SCHEMA, **spec, "config": {**_CONFIG, **spec.get("config", {})}}
    text = json.dumps(full, sort_keys=True)
    svg = _draw_cached(text) if frames_cache.caching_on() else _draw(text)
    labelled = svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(description)}" focusable="false" ',
        1,
    )
    return mark_safe(labelled)  # noqa: S308 - vl-convert's SVG, with our escaped label


def _draw(spec_json: str) -> str:
    svg: str = vlc.vegalite_to_svg(json.loads(spec_json))
    # Vega writes a fixed-size white rectangle first; the page is white anyway.
    svg = re.sub(r'<rect width="[0-9.]+" height="[0-9.]+" fill="white"/>', "", svg, count=1)
    # Vega labels its inner groups for screen readers; the whole chart is one labelled image
    # (described in words and by its table), so those inner roles would only be noise.
    return _INNER_ARIA.sub("", svg)


@lru_cache(maxsize=4096)
def _draw_cached(spec_json: str) -> str:
    return _draw(spec_json)


def sparkline(
    points: Sequence[tuple[date, float | None]],
    target: float | None,
    description: str,
    *,
    width: int = 120,
    height: int = 30,
) -> SafeString | None:
    """A small trend line (no axes) with the target as a dashed line and a dot on the latest
    value; None with under 2 points.

    Written as SVG here rather than drawn by vl-convert: a page of the Overview has some forty,
    and at 15 ms each the drawing cost more than the figures (a consortium's 100 services' pages:
    about 50 s of the 55 s it took to prepare them). Dates are placed by their day, as a temporal
    axis would; the scale leaves a tenth of the range above and below, as the chart did.
    """
    known = [(d, v) for d, v in points if v is not None]
    if len(known) < 2:
        return None
    numbers = [v for _, v in known] + ([target] if target is not None else [])
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    first, last = known[0][0].toordinal(), known[-1][0].toordinal()
    span = (last - first) or 1

    def x(day: date) -> float:
        return _SPARK_PADDING + (day.toordinal() - first) / span * width

    def y(value: float) -> float:
        return _SPARK_PADDING + (high - value) / (high - low) * height

    line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in known)
    marks = []
    if target is not None:
        marks.append(
            f'<line x1="{x(known[0][0]):.1f}" x2="{x(known[-1][0]):.1f}" y1="{y(target):.1f}" '
            f'y2="{y(target):.1f}" stroke="{palette.TARGET}" stroke-width="1" '
            f'stroke-dasharray="3,3"/>'
        )
    marks.append(
        f'<polyline points="{line}" fill="none" stroke="{palette.AUTHORITY}" stroke-width="2" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
    )
    end_day, end_value = known[-1]
    marks.append(
        f'<circle cx="{x(end_day):.1f}" cy="{y(end_value):.1f}" r="2.8" '
        f'fill="{palette.AUTHORITY}"/>'
    )
    full_width, full_height = width + 2 * _SPARK_PADDING, height + 2 * _SPARK_PADDING
    return mark_safe(  # noqa: S308 - numbers and our palette's colours; the label is escaped
        f'<svg role="img" aria-label="{escape(description)}" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" width="{full_width}" height="{full_height}" '
        f'viewBox="0 0 {full_width} {full_height}">{"".join(marks)}</svg>'
    )


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` broken between words into lines of at most ``width`` characters (joined by a
    newline, which the chart draws as a line break), so a long label wraps, never cut off; a
    newline already in ``text`` starts a new line."""
    lines = [line for part in text.split("\n") for line in textwrap.wrap(part, width)]
    return "\n".join(lines) or text


def line_chart(
    series: Mapping[str, Sequence[tuple[date, float | None]]],
    *,
    y_title: str,
    description: str,
    colours: dict[str, str] | None = None,
    dashed: Sequence[str] = (),
    width: int = 720,
    height: int = 240,
    ticks: Sequence[date] | None = None,
    tick_format: str = "%b %Y",
) -> SafeString:
    """Several named lines over time, coloured from the checked palette, legend below.

    ``ticks``: label exactly these dates (e.g. each 30 September), formatted by ``tick_format``.
    More than :data:`MOST_LINES` lines become small multiples (:func:`small_multiples`): a
    panel a line, all on the same scale, rather than a tangle of similar colours.
    """
    names = list(series)
    if len(names) > MOST_LINES:
        return small_multiples(
            series,
            y_title=y_title,
            description=description,
            width=width,
            ticks=ticks,
            tick_format=tick_format,
        )
    colours = colours or dict(zip(names, palette.series_colours(len(names)), strict=True))
    values = [
        {"series": name, "date": d.isoformat(), "value": v}
        for name, points in series.items()
        for d, v in points
        if v is not None
    ]
    spec = {
        "data": {"values": values},
        "width": width,
        "height": height,
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
            "x": _date_axis(ticks, tick_format),
            "y": {"field": "value", "type": "quantitative", "title": y_title},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": names,
                "scale": {"domain": names, "range": [colours[n] for n in names]},
                "legend": {
                    "orient": "bottom",
                    "direction": "horizontal",
                    "columns": 3,
                    "labelLimit": 320,
                },
            },
            "strokeDash": {
                "field": "series",
                "type": "nominal",
                "sort": names,
                "scale": {
                    "domain": names,
                    "range": [[4, 3] if n in dashed else [1, 0] for n in names],
                },
                "legend": None,
            },
        },
    }
    return draw(spec, description)


def _date_axis(ticks: Sequence[date] | None, tick_format: str) -> dict[str, Any]:
    """The x encoding of a chart over time: ``ticks`` (if given) labelled by ``tick_format``."""
    return {
        "field": "date",
        "type": "temporal",
        "title": None,
        "scale": {"type": "utc", "padding": 14},
        "axis": {
            "format": tick_format,
            "labelAngle": 0,
            "labelFlush": True,
            **(
                {"values": [{"year": t.year, "month": t.month, "date": t.day} for t in ticks]}
                if ticks
                else {}
            ),
        },
    }


def small_multiples(
    series: Mapping[str, Sequence[tuple[date, float | None]]],
    *,
    y_title: str,
    description: str,
    width: int = 720,
    columns: int = 3,
    ticks: Sequence[date] | None = None,
    tick_format: str = "%b %Y",
) -> SafeString:
    """One small chart a named line, ``columns`` to a row, in the order given, all on the same
    scale so they compare at a glance; each panel titled with its name, wrapped to fit."""
    names = list(series)
    panels = {name: _wrap(name) for name in names}
    values = [
        {"series": panels[name], "date": d.isoformat(), "value": v}
        for name, points in series.items()
        for d, v in points
        if v is not None
    ]
    spec = {
        "data": {"values": values},
        "columns": columns,
        "facet": {
            "field": "series",
            "type": "nominal",
            "title": None,
            "sort": [panels[name] for name in names],
            "header": {
                "labelExpr": _LINES,
                "labelFontSize": 13,
                "labelColor": palette.TEXT,
                "labelLimit": 0,
                "labelAnchor": "start",
            },
        },
        "spec": {
            "width": max(120, width // columns - 40),
            "height": 110,
            "mark": {"type": "line", "point": True, "strokeWidth": 2, "color": palette.AUTHORITY},
            "encoding": {
                "x": _date_axis(ticks, tick_format),
                "y": {"field": "value", "type": "quantitative", "title": y_title},
            },
        },
    }
    return draw(spec, description)


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    x_title: str,
    description: str,
    colour: str = palette.AUTHORITY,
    width: int = 560,
) -> SafeString:
    """Horizontal bars, one per category, in the order given; a long category name wraps onto
    further lines rather than being cut off."""
    labels = [_wrap(c) for c, _ in bars]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    spec = {
        "data": {
            "values": [{"category": w, "value": v} for w, (_, v) in zip(labels, bars, strict=True)]
        },
        "width": width,
        "height": {"step": max(22, 15 * lines + 6)},
        "mark": {"type": "bar", "color": colour},
        "encoding": {
            "y": {
                "field": "category",
                "type": "nominal",
                "title": None,
                "sort": None,
                "axis": {"labelLimit": 0, "labelExpr": _LINES},
            },
            "x": {"field": "value", "type": "quantitative", "title": x_title},
        },
    }
    return draw(spec, description)
