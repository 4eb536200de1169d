"""Where the forecast starts: who is in post at the origin, the establishment, agency cover.

Everything here is read from the records as they stood on the origin date, so a backtest from a
past origin sees only what was known then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from thrive.forecast.grades import (
    AGENCY_CONTRACT,
    ASYE_CELLS,
    EMPLOYED_CONTRACTS,
    GRADE_INDEX,
    GRADES,
    POST_GROUP_OF_GRADE,
    POST_GROUPS,
    SENIOR_PRACTITIONER,
    SOCIAL_WORKER,
    TENURE_BANDS,
    band_of,
)
from thrive.forecast.history import (
    DAYS_PER_MONTH,
    add_months,
    agency_day_rate,
    caseload_by_grade,
    cases_by_date,
    establishment_on,
    in_post_at_close,
    monthly_stocks,
)
from thrive.frames.dates import in_post_on
from thrive.frames.workforce import WorkforceFrames

DEFAULT_ASYE_WEIGHT = 0.9  # a protected caseload about 10% lighter (DOMAIN.md, ASYE)


@dataclass(frozen=True)
class StartingPoint:
    """The workforce at the origin, in the shape the simulation uses."""

    origin: date
    headcount: np.ndarray  # (grades, bands); the ASYE row is empty: ASYEs are in asye_*
    fte: np.ndarray
    asye_headcount: np.ndarray  # (ASYE_CELLS,) by completed months in the programme
    asye_fte: np.ndarray
    agency_fte: np.ndarray  # by post group
    agency_headcount: np.ndarray
    establishment: np.ndarray  # funded FTE by post group
    establishment_from_posts: bool
    agency_cover: np.ndarray  # by post group: agency FTE per vacant FTE, recent months
    caseload_weights: np.ndarray  # by grade: cases a worker holds relative to a social worker
    day_rate: float | None
    cases: float | None

    @property
    def employed_fte(self) -> float:
        return float(self.fte.sum() + self.asye_fte.sum())


def _in_post(frames: WorkforceFrames, episodes: pl.DataFrame, origin: date) -> pl.DataFrame:
    grade_map = pl.DataFrame(
        {"grade": list(GRADE_INDEX), "g": [GRADE_INDEX[k] for k in GRADE_INDEX]},
        schema={"grade": pl.String, "g": pl.Int64},
    )
    live = (
        frames.spells.filter(
            pl.col("contract_type").is_in(EMPLOYED_CONTRACTS) & in_post_at_close(origin)
        )
        .join(grade_map, on="grade", how="inner")
        .filter(pl.col("g").is_not_null())
        .group_by("worker_id", "g")
        .agg(pl.col("fte").sum())
        # FTEs are added up below in this order: a fixed one keeps the forecast's path the same
        # for a seed (a last-bit difference in a starting FTE can send a run another way)
        .sort("worker_id", "g")
    )
    current = episodes.filter(in_post_on(origin, start="start", end="end")).select(
        "worker_id", "g", "chain_start", "start"
    )
    return live.join(current, on=["worker_id", "g"], how="left").with_columns(
        pl.col("chain_start").fill_null(origin), pl.col("start").fill_null(origin)
    )


def _agency_on(frames: WorkforceFrames, day: date) -> tuple[np.ndarray, np.ndarray]:
    live = frames.spells.filter((pl.col("contract_type") == AGENCY_CONTRACT) & in_post_on(day))
    fte = np.zeros(len(POST_GROUPS))
    heads = np.zeros(len(POST_GROUPS))
    for grade, value in live.select("grade", "fte").iter_rows():
        g = GRADE_INDEX.get(grade)
        if g is not None:
            fte[POST_GROUP_OF_GRADE[g]] += float(value)
            heads[POST_GROUP_OF_GRADE[g]] += 1
    return fte, heads


def _employed_by_group(stocks: pl.DataFrame) -> np.ndarray:
    out = np.zeros(len(POST_GROUPS))
    for grade, fte in (
        stocks.filter(pl.col("contract") == "employed").select("grade", "fte").iter_rows()
    ):
        out[POST_GROUP_OF_GRADE[GRADES.index(grade)]] += fte
    return out


def _caseload_weights(frames: WorkforceFrames, origin: date) -> np.ndarray:
    weights = np.zeros(len(GRADES))
    weights[:3] = (DEFAULT_ASYE_WEIGHT, 1.0, 1.0)
    per_fte = dict(caseload_by_grade(frames, add_months(origin, -12), origin).iter_rows())
    social_worker = per_fte.get(SOCIAL_WORKER)
    if social_worker and social_worker > 0:
        if per_fte.get(0):
            weights[0] = float(np.clip(per_fte[0] / social_worker, 0.5, 1.0))
        if per_fte.get(SENIOR_PRACTITIONER):
            weights[2] = float(np.clip(per_fte[SENIOR_PRACTITIONER] / social_worker, 0.3, 1.2))
    return weights


def starting_point(frames: WorkforceFrames, episodes: pl.DataFrame, origin: date) -> StartingPoint:
    """The workforce, establishment and agency cover on the origin date."""
    people = _in_post(frames, episodes, origin)
    headcount = np.zeros((len(GRADES), len(TENURE_BANDS)), dtype=np.int64)
    fte = np.zeros((len(GRADES), len(TENURE_BANDS)))
    asye_heads = np.zeros(ASYE_CELLS, dtype=np.int64)
    asye_fte = np.zeros(ASYE_CELLS)
    for g, value, chain_start, start in people.select(
        "g", "fte", "chain_start", "start"
    ).iter_rows():
        if g == 0:
            cell = min(int((origin - start).days / DAYS_PER_MONTH), ASYE_CELLS - 1)
            asye_heads[cell] += 1
            asye_fte[cell] += value
        else:
            band = band_of((origin - chain_start).days / DAYS_PER_MONTH)
            headcount[g, band] += 1
            fte[g, band] += value

    agency_fte, agency_heads = _agency_on(frames, origin)
    establishment = np.asarray(establishment_on(frames, origin))
    from_posts = bool(establishment.sum() > 0)
    employed = np.zeros(len(POST_GROUPS))
    for g in range(len(GRADES)):
        grade_fte = asye_fte.sum() if g == 0 else fte[g].sum()
        employed[POST_GROUP_OF_GRADE[g]] += grade_fte
    if not from_posts:
        establishment = employed + agency_fte

    # Agency cover: agency FTE per vacant FTE over the last six month ends.
    recent = monthly_stocks(frames, add_months(origin, -5), origin)
    agency_sum = np.zeros(len(POST_GROUPS))
    vacancy_sum = np.zeros(len(POST_GROUPS))
    for day in recent["date"].unique().sort().to_list():
        on_day = recent.filter(pl.col("date") == day)
        in_post = _employed_by_group(on_day)
        funded = np.asarray(establishment_on(frames, day)) if from_posts else establishment
        agency_sum += _agency_on(frames, day)[0]
        vacancy_sum += np.maximum(funded - in_post, 0.0)
    cover = np.where(vacancy_sum > 0, agency_sum / np.maximum(vacancy_sum, 1e-9), 1.0)
    if not from_posts:
        cover[:] = 1.0  # no posts: agency is taken to fill every vacancy

    cases_series = cases_by_date(frames).filter(pl.col("date") <= origin)
    return StartingPoint(
        origin=origin,
        headcount=headcount,
        fte=fte,
        asye_headcount=asye_heads,
        asye_fte=asye_fte,
        agency_fte=agency_fte,
        agency_headcount=agency_heads,
        establishment=establishment,
        establishment_from_posts=from_posts,
        agency_cover=np.clip(cover, 0.0, 2.0),
        caseload_weights=_caseload_weights(frames, origin),
        day_rate=agency_day_rate(frames, add_months(origin, -12), origin),
        cases=float(cases_series["cases"][-1]) if cases_series.height else None,
    )
