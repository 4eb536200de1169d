"""Fan charts of a forecast: the P10-P90 band, the median, and what happened before the origin.

One Altair (Vega-Lite) spec serves the web pages and printed reports; ``to_svg`` renders it on
the server with vl-convert, so a chart needs no JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import polars as pl

from thrive.forecast.outcomes import MEASURES, ForecastResult

# Altair's classes carry no type hints; this names the one we call with its result type.
_inline_data: Callable[..., alt.Data] = alt.Data

PERCENT_MEASURES = {"permanent_share", "turnover_rate"}
HISTORY_MEASURES = {"fte_in_post"}


def _history(result_history: pl.DataFrame, measure: str) -> list[dict[str, Any]]:
    if measure not in HISTORY_MEASURES:
        return []
    totals = (
        result_history.filter(pl.col("contract") == "employed")
        .group_by("date")
        .agg(pl.col("fte").sum().alias("p50"))
        .sort("date")
    )
    return [
        {"date": d.isoformat(), "p50": v, "scenario": "Recorded"} for d, v in totals.iter_rows()
    ]


def fan_chart(
    results: list[ForecastResult],
    measure: str = "fte_in_post",
    history: pl.DataFrame | None = None,
    width: int = 640,
    height: int = 280,
    colours: Sequence[str] | None = None,
) -> alt.TopLevelMixin:
    """A fan chart of one measure for one or more scenarios (one colour each, from ``colours``
    in the scenarios' order when given)."""
    if measure not in MEASURES:
        raise KeyError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}")
    rows: list[dict[str, Any]] = []
    for result in results:
        frame = result.summary.filter(
            (pl.col("measure") == measure) & (pl.col("breakdown") == "all")
        )
        for row in frame.iter_rows(named=True):
            rows.append(
                {
                    "date": row["date"].isoformat(),
                    "p10": row["p10"],
                    "p50": row["p50"],
                    "p90": row["p90"],
                    "scenario": result.scenario.name,
                }
            )
    past = _history(history, measure) if history is not None else []
    axis_format = ".0%" if measure in PERCENT_MEASURES else ",.0f"
    title = MEASURES[measure]
    data = _inline_data(values=rows)
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0))
    names = [result.scenario.name for result in results]
    colour = (
        alt.Color(
            "scenario:N",
            title="Scenario",
            sort=names,
            scale=alt.Scale(domain=names, range=list(colours[: len(names)])),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=480),
        )
        if colours
        else alt.Color("scenario:N", title="Scenario")
    )
    band = (
        alt.Chart(data)
        .mark_area(opacity=0.25)
        .encode(
            x=x,
            y=alt.Y(
                "p10:Q", title=title, axis=alt.Axis(format=axis_format), scale=alt.Scale(zero=False)
            ),
            y2="p90:Q",
            color=colour,
        )
    )
    median = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=x,
            y="p50:Q",
            color=colour,
            tooltip=[
                alt.Tooltip("date:T"),
                alt.Tooltip("scenario:N"),
                alt.Tooltip("p10:Q", format=axis_format, title="P10"),
                alt.Tooltip("p50:Q", format=axis_format, title="P50"),
                alt.Tooltip("p90:Q", format=axis_format, title="P90"),
            ],
        )
    )
    layers: list[alt.Chart] = [band, median]
    if past:
        layers.append(
            alt.Chart(_inline_data(values=past))
            .mark_line(color="black", strokeDash=[4, 2])
            .encode(x=x, y="p50:Q")
        )
    return alt.layer(*layers).properties(
        width=width,
        height=height,
        title=f"{title}: most likely, and the range 8 in 10 runs fall in",
    )


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to SVG on the server (vl-convert; no browser, no JavaScript)."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(chart.to_dict()))
