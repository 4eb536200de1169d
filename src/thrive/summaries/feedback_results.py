"""View models: why people leave (exit interviews, team losses), what they write, survey scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict

import polars as pl

from thrive.retention.exits import exit_reasons, team_losses
from thrive.retention.surveys import comments, item_scores
from thrive.retention.tenure import tenure
from thrive.retention.themes import TextThemes
from thrive.summaries.results_common import JsonRow, Loaded, latest_day, rows, suppress, typed

Period = TypedDict("Period", {"from": str, "to": str})
"""The period team losses are counted over, as ISO dates ("from" is a keyword: not a field)."""


@dataclass(frozen=True)
class TeamLeaving:
    """One team's leavers over the period (``thrive.retention.exits.team_losses``' columns); a
    small team has its counts None."""

    team: str
    service: str | None
    in_post_at_start: int
    leavers: int | None
    interviewed: int | None
    would_return_pct: float | None
    top_reason: str | None
    leaving_rate: float | None
    suppressed: bool


@dataclass(frozen=True)
class ExitsResult:
    """:func:`exits_summary`. ``reasons`` lead with the ``by`` column (if any), so stay rows of
    plain values: ``reason``, ``main_reason``, ``mentioned``, ``interviews``,
    ``would_return_pct``, ``would_recommend_pct``, ``label``, ``main_reason_pct`` and
    ``suppressed``."""

    authority: str
    by: str | None
    reasons: list[JsonRow]
    period: Period
    team_losses: list[TeamLeaving]
    note: str


@dataclass(frozen=True)
class TextTheme:
    """A theme found in the comments: its top words, how many comments carry it."""

    theme: int
    label: str
    top_words: list[str]
    documents: int
    share: float
    quotable: bool


@dataclass(frozen=True)
class Quote:
    theme: int
    text: str


@dataclass(frozen=True)
class ThemesResult:
    """:func:`text_themes`."""

    authority: str
    source: str
    comments: int
    themes: list[TextTheme]
    quotes: list[Quote]
    method: str


@dataclass(frozen=True)
class SurveyStatement:
    """A survey item: its code, its text and the LGA health-check standard it serves."""

    code: str
    text: str
    lga_standard: int | None


@dataclass(frozen=True)
class SurveyResult:
    """:func:`survey_summary`. ``scores`` carry the ``by`` column (if any) after
    ``start_date``, so stay rows of plain values: ``kind``, ``wave``, ``start_date``, ``code``,
    ``responses``, ``mean_score``, ``favourable_pct``, ``suppressed`` and ``change``."""

    authority: str
    by: str | None
    scores: list[JsonRow]
    items: list[SurveyStatement]
    note: str


def _year_before(day: date) -> date:
    """The day after the same day a year earlier: a year ending on ``day``."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


def exits_summary(
    data: Loaded, start: date | None = None, end: date | None = None,
    by: str | None = None, named: bool = False,
) -> ExitsResult:  # fmt: skip
    """Main reasons for leaving (optionally by team, service, grade or year) and team losses."""
    end = end or latest_day(data.frames)
    start = start or _year_before(end)
    reasons = exit_reasons(data.lifecycle, data.frames, by=by)
    counts = ["main_reason", "mentioned", "main_reason_pct", "would_return_pct",
              "would_recommend_pct"]  # fmt: skip
    losses = team_losses(tenure(data.frames, end), data.lifecycle, data.frames, start, end)
    return ExitsResult(
        authority=data.authority,
        by=by,
        reasons=suppress(rows(reasons), "interviews", counts, named),
        period={"from": start.isoformat(), "to": end.isoformat()},
        team_losses=typed(
            TeamLeaving,
            suppress(
                rows(losses),
                "leavers",
                ["leavers", "leaving_rate", "interviewed", "top_reason", "would_return_pct"],
                named,
            ),
        ),
        note="Leaving rate here is leavers over the people in post at the start (headcount); "
        "the Department's turnover rate (FTE) is on the measures page.",
    )


def text_themes(data: Loaded, source: str = "exits", themes: int = 6) -> ThemesResult:
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
    # NMF's result moves with the order of its rows: fit the comments in the order of their
    # text, so the same comments give the same themes whatever order the store hands them out
    documents = documents.sort("text", "doc_id")
    model = TextThemes(themes=themes).fit(documents)
    return ThemesResult(
        authority=data.authority,
        source=source,
        comments=documents.height,
        themes=typed(TextTheme, rows(model.themes_)),
        quotes=typed(Quote, rows(model.quotes_.select("theme", "text"))),
        method="TF-IDF word weights and non-negative matrix factorisation (scikit-learn), "
        "fitted on these comments alone; nothing is sent anywhere.",
    )


def survey_summary(data: Loaded, by: str | None = None) -> SurveyResult:
    """Item scores by wave (and team, service or grade), with the change since the last wave."""
    table = item_scores(data.lifecycle, data.frames, by=by)
    items = data.lifecycle.survey_items.select("code", "text", "lga_standard")
    return SurveyResult(
        authority=data.authority,
        by=by,
        scores=rows(table.drop("text")),
        items=typed(SurveyStatement, rows(items)),
        note="Scores run 1-5; favourable is 4 or 5. Slices with fewer than five responses "
        "are suppressed.",
    )
