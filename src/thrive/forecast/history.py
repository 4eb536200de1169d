"""The authority's history as the forecast sees it: grade episodes, monthly stocks and starters.

The forecast computes its own history here, from the workforce frames, because the measures
registry (``thrive.metrics``) is not available to it yet. FTE in post follows the Department for
Education's definition restricted to the forecast's five grades: the FTE of directly employed
(permanent and fixed-term) staff in post on the date; agency staff are counted apart.

A *grade episode* is an unbroken stretch of one worker in one forecast grade: consecutive spells
that differ only in team or FTE are joined. Each episode ends in one of:

- ``left``: the worker left the council (the spell has a ``reason_leave``, or the worker's time
  with the council ends without one, or they moved up to head of service, out of scope);
- ``progressed``: the next episode is in a higher grade (ASYE completion counts here);
- ``moved``: the next episode is in a lower grade (rare; not an event for any hazard);
- ``open``: still running.

Tenure is counted from the start of the worker's current time with the council: a new time
starts after a leaving, or after a gap of more than 31 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from thrive.forecast.grades import (
    AGENCY_CONTRACT,
    EMPLOYED_CONTRACTS,
    GRADE_INDEX,
    GRADES,
    POST_GROUP_OF_GRADE,
    POST_GROUPS,
)
from thrive.frames.dates import in_post_on, overlaps
from thrive.frames.workforce import WorkforceFrames

DAYS_PER_MONTH = 365.25 / 12
_GAP_DAYS = 31


def month_end(year: int, month: int) -> date:
    """The last day of a calendar month."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The month end ``months`` after the month of ``day`` (negative goes back)."""
    index = day.year * 12 + day.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def month_ends(first: date, last: date) -> list[date]:
    """Every month end from the month of ``first`` to the month of ``last``, inclusive."""
    out: list[date] = []
    current = month_end(first.year, first.month)
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


def last_month_end(frames: WorkforceFrames) -> date:
    """The last complete month end the records cover: the default forecast origin."""
    spells = frames.spells
    candidates = [
        spells["start_date"].max(),
        spells["end_date"].max(),
        frames.caseloads["date"].max(),
    ]
    latest = max((d for d in candidates if isinstance(d, date)), default=None)
    if latest is None:
        from thrive.forecast.errors import InsufficientHistoryError

        raise InsufficientHistoryError("The authority has no employment records.")
    end = month_end(latest.year, latest.month)
    return end if end == latest else add_months(latest, -1)


def records_begin(frames: WorkforceFrames) -> date:
    """The date from which the records tell the whole story (leavers included).

    Spells of people already in post when the records begin carry their older start dates, but
    no leaver before then is on record (agency placements running then keep their older start
    dates too). So the records are taken to begin at the earliest date anything *ended* in
    them, or the first caseload snapshot. Rates are never estimated from before this date.
    """
    spells = frames.spells
    candidates = [spells["end_date"].min(), frames.caseloads["date"].min()]
    found = [d for d in candidates if isinstance(d, date)]
    if not found:
        earliest = spells["start_date"].min()
        if not isinstance(earliest, date):
            from thrive.forecast.errors import InsufficientHistoryError

            raise InsufficientHistoryError("The authority has no employment records.")
        return earliest
    return min(found)


def _graded_spells(frames: WorkforceFrames) -> pl.DataFrame:
    grade_map = pl.DataFrame(
        {
            "grade": list(GRADE_INDEX),
            "g": [GRADE_INDEX[k] for k in GRADE_INDEX],
        },
        schema={"grade": pl.String, "g": pl.Int64},
    )
    return frames.spells.join(grade_map, on="grade", how="left")


def grade_episodes(frames: WorkforceFrames) -> pl.DataFrame:
    """Every employed worker's grade episodes (see the module docstring), oldest first.

    Columns: worker_id, chain (the worker's n-th time with the council), chain_start, g (grade
    index), start, end (null while open), exit (left / progressed / moved / open), next_g, fte
    (of the episode's last spell), first_in_chain (bool), start_origin (of the chain's first
    spell), team_id.
    """
    spells = (
        _graded_spells(frames)
        .filter(pl.col("contract_type").is_in(EMPLOYED_CONTRACTS))
        .sort("worker_id", "start_date", "spell_id")
    )
    if spells.height == 0:
        return pl.DataFrame(
            schema={
                "worker_id": pl.Int64,
                "chain": pl.Int64,
                "chain_start": pl.Date,
                "g": pl.Int64,
                "start": pl.Date,
                "end": pl.Date,
                "exit": pl.String,
                "next_g": pl.Int64,
                "fte": pl.Float64,
                "first_in_chain": pl.Boolean,
                "start_origin": pl.Int64,
                "team_id": pl.Int64,
            }
        )
    prev_end = pl.col("end_date").shift(1).over("worker_id")
    prev_reason = pl.col("reason_leave").shift(1).over("worker_id")
    new_chain = (
        prev_end.is_null() & pl.col("start_date").shift(1).over("worker_id").is_null()
        | prev_reason.is_not_null()
        | (pl.col("start_date") > prev_end + pl.duration(days=_GAP_DAYS))
    ).fill_null(False)
    spells = spells.with_columns(new_chain.alias("new_chain")).with_columns(
        pl.col("new_chain").cast(pl.Int64).cum_sum().over("worker_id").alias("chain")
    )
    new_episode = pl.col("new_chain") | (
        pl.col("g").fill_null(-1) != pl.col("g").fill_null(-1).shift(1).over("worker_id", "chain")
    ).fill_null(True)
    spells = spells.with_columns(new_episode.alias("new_episode")).with_columns(
        pl.col("new_episode").cast(pl.Int64).cum_sum().over("worker_id").alias("episode")
    )
    episodes = (
        spells.group_by("worker_id", "chain", "episode", maintain_order=True)
        .agg(
            pl.col("g").first(),
            pl.col("start_date").min().alias("start"),
            pl.col("end_date").last().alias("end"),
            pl.col("end_date").is_null().any().alias("has_open"),
            pl.col("reason_leave").last().alias("reason_leave"),
            pl.col("fte").last().alias("fte"),
            pl.col("start_origin").first().alias("start_origin"),
            pl.col("team_id").last().alias("team_id"),
        )
        .with_columns(
            pl.col("start").min().over("worker_id", "chain").alias("chain_start"),
            pl.col("g").shift(-1).over("worker_id", "chain").alias("next_g"),
            pl.col("episode").shift(-1).over("worker_id", "chain").alias("next_episode"),
            (pl.col("episode") == pl.col("episode").min().over("worker_id", "chain")).alias(
                "first_in_chain"
            ),
            pl.col("start_origin").first().over("worker_id", "chain").alias("start_origin"),
        )
    )
    exit_kind = (
        pl.when(pl.col("has_open"))
        .then(pl.lit("open"))
        .when(pl.col("reason_leave").is_not_null() | pl.col("next_episode").is_null())
        .then(pl.lit("left"))
        .when(pl.col("next_g").is_null())
        .then(pl.lit("left"))  # moved up to head of service: out of the forecast's scope
        .when(pl.col("next_g") > pl.col("g"))
        .then(pl.lit("progressed"))
        .otherwise(pl.lit("moved"))
    )
    return (
        episodes.with_columns(
            exit_kind.alias("exit"),
            pl.when(pl.col("has_open")).then(None).otherwise(pl.col("end")).alias("end"),
        )
        .filter(pl.col("g").is_not_null())
        .select(
            "worker_id",
            "chain",
            "chain_start",
            "g",
            "start",
            "end",
            "exit",
            "next_g",
            "fte",
            "first_in_chain",
            "start_origin",
            "team_id",
        )
    )


def in_post_at_close(day: pl.Expr | date) -> pl.Expr:
    """Spells in post at the close of a day: running on it, and not a leaver on their last day.

    The census counts a leaver whose role ends on 30 September as no longer in post that day
    (FTE30 = 0); the measures registry does the same, so the forecast does too.
    """
    when = day if isinstance(day, pl.Expr) else pl.lit(day)
    return in_post_on(when) & ~((pl.col("end_date") == when) & pl.col("reason_leave").is_not_null())


def _live_on(spells: pl.DataFrame, dates: list[date]) -> pl.DataFrame:
    """Spells crossed with the dates they are in post on (a ``date`` column is added)."""
    days = pl.DataFrame({"date": dates}, schema={"date": pl.Date})
    return spells.join(days, how="cross").filter(in_post_at_close(pl.col("date")))


def monthly_stocks(frames: WorkforceFrames, first: date, last: date) -> pl.DataFrame:
    """FTE and headcount in post at each month end, by grade, employed and agency.

    Columns: date, grade (forecast grade key), contract (employed / agency), fte, headcount.
    Every date, grade and contract appears, with zeros where nobody was in post.
    """
    dates = month_ends(first, last)
    spells = _graded_spells(frames).filter(pl.col("g").is_not_null())
    spells = spells.with_columns(
        pl.when(pl.col("contract_type") == AGENCY_CONTRACT)
        .then(pl.lit("agency"))
        .when(pl.col("contract_type").is_in(EMPLOYED_CONTRACTS))
        .then(pl.lit("employed"))
        .otherwise(None)
        .alias("contract")
    ).filter(pl.col("contract").is_not_null())
    live = _live_on(spells, dates)
    counted = live.group_by("date", "g", "contract").agg(
        pl.col("fte").sum(), pl.col("worker_id").n_unique().alias("headcount")
    )
    grid = (
        pl.DataFrame({"date": dates}, schema={"date": pl.Date})
        .join(pl.DataFrame({"g": list(range(len(GRADES)))}), how="cross")
        .join(pl.DataFrame({"contract": ["employed", "agency"]}), how="cross")
    )
    return (
        grid.join(counted, on=["date", "g", "contract"], how="left")
        .with_columns(
            pl.col("fte").fill_null(0.0),
            pl.col("headcount").fill_null(0).cast(pl.Int64),
            pl.col("g")
            .replace_strict(dict(enumerate(GRADES)), return_dtype=pl.String)
            .alias("grade"),
        )
        .select("date", "grade", "contract", "fte", "headcount")
        .sort("date", "contract", "grade")
    )


def establishment_on(frames: WorkforceFrames, day: date) -> list[float]:
    """Funded FTE of the posts live on ``day``, by post group (see ``POST_GROUPS``)."""
    posts = frames.posts.filter(in_post_on(day))
    totals = [0.0] * len(POST_GROUPS)
    for grade, funded in posts.select("grade", "funded_fte").iter_rows():
        g = GRADE_INDEX.get(grade)
        if g is not None:
            totals[POST_GROUP_OF_GRADE[g]] += float(funded)
    return totals


def starters(frames: WorkforceFrames, first: date, last: date) -> pl.DataFrame:
    """Everyone who started a time with the council between two dates (inclusive).

    Columns: worker_id, start, g, fte, route. ``route`` is the worker's route into social work
    (experienced if not recorded), or ``agency_conversion`` when the worker came straight from an
    agency placement with the council (an agency spell ending within 31 days before).
    """
    episodes = grade_episodes(frames).filter(
        pl.col("first_in_chain") & pl.col("start").is_between(first, last)
    )
    workers = frames.workers.select("worker_id", "route")
    agency_ends = (
        frames.spells.filter(pl.col("contract_type") == AGENCY_CONTRACT)
        .select("worker_id", pl.col("end_date").alias("agency_end"))
        .filter(pl.col("agency_end").is_not_null())
    )
    joined = episodes.join(workers, on="worker_id", how="left").join(
        agency_ends, on="worker_id", how="left"
    )
    converted = (
        pl.col("agency_end").is_not_null()
        & (pl.col("agency_end") <= pl.col("start"))
        & (pl.col("agency_end") >= pl.col("start") - pl.duration(days=_GAP_DAYS))
    )
    joined = joined.with_columns(converted.alias("converted"))
    collapsed = joined.group_by("worker_id", "chain", maintain_order=True).agg(
        pl.col("start").first(),
        pl.col("g").first(),
        pl.col("fte").first(),
        pl.col("route").first(),
        pl.col("converted").any(),
    )
    return collapsed.select(
        "worker_id",
        "start",
        "g",
        "fte",
        pl.when(pl.col("converted"))
        .then(pl.lit("agency_conversion"))
        .when(pl.col("route").is_null() | (pl.col("route") == ""))
        .then(pl.lit("experienced"))
        .otherwise(pl.col("route"))
        .alias("route"),
    )


def cases_by_date(frames: WorkforceFrames) -> pl.DataFrame:
    """Total cases held on each caseload snapshot date (columns: date, cases)."""
    return (
        frames.caseloads.group_by("date").agg(pl.col("cases").sum().cast(pl.Float64)).sort("date")
    )


def caseload_by_grade(frames: WorkforceFrames, first: date, last: date) -> pl.DataFrame:
    """Cases per FTE by forecast grade over snapshots between two dates (columns: g, per_fte).

    Used to weigh ASYEs' protected caseloads against a social worker's.
    """
    snaps = frames.caseloads.filter(pl.col("date").is_between(first, last))
    if snaps.height == 0:
        return pl.DataFrame(schema={"g": pl.Int64, "per_fte": pl.Float64})
    spells = _graded_spells(frames).filter(pl.col("g").is_not_null())
    joined = snaps.join(spells, on="worker_id", how="inner").filter(in_post_on(pl.col("date")))
    return (
        joined.group_by("g")
        .agg((pl.col("cases").sum() / pl.col("fte").sum()).alias("per_fte"))
        .sort("g")
    )


def agency_day_rate(frames: WorkforceFrames, first: date, last: date) -> float | None:
    """The median recorded agency day rate over spells live between two dates, if any."""
    rates = frames.spells.filter(
        (pl.col("contract_type") == AGENCY_CONTRACT)
        & pl.col("day_rate").is_not_null()
        & overlaps(first, last)
    )["day_rate"]
    return float(rates.median()) if rates.len() else None  # type: ignore[arg-type]


@dataclass(frozen=True)
class Window:
    """The stretch of history rates are estimated from: ``first`` to ``origin`` inclusive."""

    first: date
    origin: date

    @property
    def months(self) -> float:
        return ((self.origin - self.first).days + 1) / DAYS_PER_MONTH

    @classmethod
    def ending(cls, origin: date, months: int) -> Window:
        return cls(first=add_months(origin, -months) + timedelta(days=1), origin=origin)
