"""Plain counting over a demo store's frames, for the calibration tests.

Deliberately simple and independent of ``thrive.metrics``: each figure is counted the way the
Department for Education defines it, straight from the rows. ``FIGURES`` maps every calibration
target's key to the function that counts it, so a target without a count fails the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import polars as pl

from thrive.frames.workforce import WorkforceFrames

if TYPE_CHECKING:
    from thrive.demo import DemoLogin

AGENCY = "agency"
# The collection years whose returns the session's demo store is checked against (from 2024 the
# census takes Sex as M or F only).
CENSUS_YEARS = (2024, 2025)
# The collection years whose exported returns are checked against the year's schema.
SCHEMA_YEARS = (2022, 2023, 2024, 2025)


@dataclass(frozen=True)
class DemoSnapshot:
    frames: WorkforceFrames
    digest: str
    logins: list[DemoLogin]
    access: list[tuple[str, str, str | None, str | None, str | None]]
    """(username, role, service, team, worker pseudonym) of each demo login's access."""
    passwords: dict[str, tuple[str, bool, bool]]
    """username -> (hashing algorithm, printed password works, is staff and superuser)."""
    census: dict[int, tuple[list[str], dict[str, int], dict[str, str]]] = field(
        default_factory=dict
    )
    """collection year -> (the return's errors, directly employed records by Sex code, the
    LA-level pay answers it carries)."""
    exports: dict[int, tuple[list[str], list[tuple[str, ...]]]] = field(default_factory=dict)
    """collection year -> (the rules' errors and the schema's problems with the written return,
    each worker record's items in the order written)."""


def month_ends(first: date, last: date) -> list[date]:
    ends = []
    year, month = first.year, first.month
    while True:
        following = date(year + month // 12, month % 12 + 1, 1)
        end = following - timedelta(days=1)
        if end > last:
            return ends
        ends.append(end)
        year, month = following.year, following.month


def in_post(frames: WorkforceFrames, day: date) -> pl.DataFrame:
    """Spells covering ``day`` (one per worker in post)."""
    s = frames.spells
    return s.filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    )


def headcount(frames: WorkforceFrames, day: date, agency: bool) -> int:
    spells = in_post(frames, day)
    chosen = spells.filter((pl.col("contract_type") == AGENCY) == agency)
    return chosen["worker_id"].n_unique()


def direct_fte(frames: WorkforceFrames, day: date) -> float:
    spells = in_post(frames, day).filter(pl.col("contract_type") != AGENCY)
    return float(spells["fte"].sum())


def collection_year(year: int) -> tuple[date, date]:
    return date(year - 1, 10, 1), date(year, 9, 30)


def turnover(frames: WorkforceFrames, year: int) -> float:
    first, last = collection_year(year)
    leavers = frames.spells.filter(
        pl.col("reason_leave").is_not_null() & pl.col("end_date").is_between(first, last)
    )
    return 100 * float(leavers["fte"].sum()) / direct_fte(frames, last)


def caseload(frames: WorkforceFrames, day: date) -> float:
    held = frames.caseloads.filter((pl.col("date") == day) & (pl.col("cases") >= 1))
    joined = held.join(in_post(frames, day).select("worker_id", "fte"), on="worker_id")
    return float(joined["cases"].sum()) / float(joined["fte"].sum())


def reports_on(frames: WorkforceFrames, day: date) -> pl.DataFrame:
    lm = frames.line_management
    active = lm.filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    )
    return active.group_by("manager_id").len()


def max_reports(frames: WorkforceFrames, first: date, last: date) -> int:
    return max(int(reports_on(frames, d)["len"].max() or 0) for d in month_ends(first, last))


def team_manager_span(frames: WorkforceFrames, first: date, last: date) -> float:
    spans = []
    for day in month_ends(first, last):
        managers = (
            in_post(frames, day).filter(pl.col("grade") == "team_manager").select("worker_id")
        )
        counts = managers.join(
            reports_on(frames, day), left_on="worker_id", right_on="manager_id", how="left"
        )
        spans.extend(counts["len"].fill_null(0).to_list())
    return sum(spans) / len(spans)


def supervised(frames: WorkforceFrames, first: date, last: date) -> float:
    shares = []
    for day in month_ends(first, last):
        there = set(in_post(frames, day)["worker_id"].to_list())
        month = frames.supervisions.filter(pl.col("date").is_between(day.replace(day=1), day))
        seen = there & set(month["worker_id"].to_list())
        shares.append(100 * len(seen) / len(there))
    return sum(shares) / len(shares)


def appraisal_completion(frames: WorkforceFrames, cycles: list[str]) -> float:
    rates = []
    for cycle in cycles:
        due = frames.appraisals.filter(pl.col("cycle") == cycle)
        rates.append(100 * due["completed_date"].is_not_null().sum() / due.height)
    return sum(rates) / len(rates)


def absence_rate(frames: WorkforceFrames, year: int) -> float:
    first, last = collection_year(year)
    sick = frames.absences.filter(
        (pl.col("reason") == "SIC") & pl.col("start_date").is_between(first, last)
    )
    return 100 * float(sick["working_days_lost"].sum()) / (direct_fte(frames, last) * 253)


def asye_started(frames: WorkforceFrames) -> pl.DataFrame:
    return frames.asye.filter(pl.col("start_date").is_between(date(2015, 8, 1), date(2018, 9, 30)))


def asye_lost(frames: WorkforceFrames) -> int:
    started = set(asye_started(frames)["worker_id"].to_list())
    day = date(2018, 9, 30)
    employed = set(
        in_post(frames, day).filter(pl.col("contract_type") != AGENCY)["worker_id"].to_list()
    )
    return len(started - employed)


def _sept(year: int) -> date:
    return date(year, 9, 30)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


FIGURES: dict[str, Callable[[WorkforceFrames], float]] = {
    "permanent_2015": lambda f: headcount(f, _sept(2015), agency=False),
    "agency_2015": lambda f: headcount(f, _sept(2015), agency=True),
    "permanent_2018": lambda f: headcount(f, _sept(2018), agency=False),
    "agency_2018": lambda f: headcount(f, _sept(2018), agency=True),
    "permanent_share_2019": lambda f: (
        100
        * headcount(f, _sept(2019), agency=False)
        / (headcount(f, _sept(2019), agency=False) + headcount(f, _sept(2019), agency=True))
    ),
    "turnover_2016": lambda f: turnover(f, 2016),
    "turnover_2017": lambda f: turnover(f, 2017),
    "turnover_2019": lambda f: turnover(f, 2019),
    "turnover_later": lambda f: _mean([turnover(f, y) for y in range(2020, 2026)]),
    "caseload_2015": lambda f: caseload(f, _sept(2015)),
    "caseload_2016": lambda f: caseload(f, _sept(2016)),
    "caseload_2017": lambda f: caseload(f, _sept(2017)),
    "caseload_2018": lambda f: caseload(f, _sept(2018)),
    "caseload_later": lambda f: _mean([caseload(f, _sept(y)) for y in range(2019, 2026)]),
    "asye_started": lambda f: asye_started(f).height,
    "asye_lost": asye_lost,
    "max_reports_2017_on": lambda f: max_reports(f, date(2017, 1, 1), date(2025, 9, 30)),
    "team_manager_span_2016": lambda f: team_manager_span(f, date(2015, 10, 1), date(2016, 9, 30)),
    "supervised_2016": lambda f: supervised(f, date(2015, 10, 1), date(2016, 9, 30)),
    "supervised_2017_on": lambda f: supervised(f, date(2017, 4, 1), date(2025, 9, 30)),
    "appraisal_2017_on": lambda f: appraisal_completion(
        f, [f"{y}/{(y + 1) % 100:02d}" for y in range(2017, 2026)]
    ),
    "absence_rate": lambda f: _mean([absence_rate(f, y) for y in range(2015, 2026)]),
    "consultants_2018": lambda f: (
        in_post(f, _sept(2018)).filter(pl.col("grade") == "consultant_social_worker").height
    ),
    "female_share": lambda f: (
        100 * f.workers.filter(pl.col("sex") == "F").height / f.workers.height
    ),
}
