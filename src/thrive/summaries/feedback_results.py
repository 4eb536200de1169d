"""View models: why people leave (exit interviews, team losses), what they write, survey scores."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl

from thrive.retention.exits import exit_reasons, team_losses
from thrive.retention.surveys import comments, item_scores
from thrive.retention.tenure import tenure
from thrive.retention.themes import TextThemes
from thrive.summaries.results_common import Loaded, latest_day, rows, suppress


def _year_before(day: date) -> date:
    """The day after the same day a year earlier: a year ending on ``day``."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


def exits_summary(
    data: Loaded, start: date | None = None, end: date | None = None,
    by: str | None = None, named: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Main reasons for leaving (optionally by team, service, grade or year) and team losses."""
    end = end or latest_day(data.frames)
    start = start or _year_before(end)
    reasons = exit_reasons(data.lifecycle, data.frames, by=by)
    counts = ["main_reason", "mentioned", "main_reason_pct", "would_return_pct",
              "would_recommend_pct"]  # fmt: skip
    losses = team_losses(tenure(data.frames, end), data.lifecycle, data.frames, start, end)
    return {
        "authority": data.authority,
        "by": by,
        "reasons": suppress(rows(reasons), "interviews", counts, named),
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "team_losses": suppress(
            rows(losses),
            "leavers",
            ["leavers", "leaving_rate", "interviewed", "top_reason", "would_return_pct"],
            named,
        ),  # fmt: skip
        "note": "Leaving rate here is leavers over the people in post at the start (headcount); "
        "the Department's turnover rate (FTE) is on the measures page.",
    }


def text_themes(data: Loaded, source: str = "exits", themes: int = 6) -> dict[str, Any]:
    """Themes in exit-interview comments (``exits``) or survey free text (``survey``).

    Quotes come only from themes carried by five or more comments.
    """
    if source == "survey":
        documents = comments(data.lifecycle, data.frames)
    else:
        documents = (
            data.lifecycle.exits.with_row_index("doc_id")
            .filter(pl.col("comments").fill_null("") != "")
            .select(pl.col("doc_id").cast(pl.Int64), text=pl.col("comments"))
        )
    model = TextThemes(themes=themes).fit(documents)
    return {
        "authority": data.authority,
        "source": source,
        "comments": documents.height,
        "themes": rows(model.themes_),
        "quotes": rows(model.quotes_.select("theme", "text")),
        "method": "TF-IDF word weights and non-negative matrix factorisation (scikit-learn), "
        "fitted on these comments alone; nothing is sent anywhere.",
    }


def survey_summary(data: Loaded, by: str | None = None) -> dict[str, Any]:
    """Item scores by wave (and team, service or grade), with the change since the last wave."""
    table = item_scores(data.lifecycle, data.frames, by=by)
    return {
        "authority": data.authority,
        "by": by,
        "scores": rows(table.drop("text")),
        "items": rows(data.lifecycle.survey_items.select("code", "text", "lga_standard")),
        "note": "Scores run 1-5; favourable is 4 or 5. Slices with fewer than five responses "
        "are suppressed.",
    }
