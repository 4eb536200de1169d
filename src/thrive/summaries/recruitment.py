"""The Recruitment page's view model: the pipeline, and which channels bring people who stay.

From ``thrive.summaries.results.recruitment_summary``: Try Before You Apply visits and where the
visitors went (:mod:`thrive.summaries.recruitment_visits`), how many candidates reached each
stage (a funnel chart and its table), conversion, time to hire and cost per hire by source, offers
declined and why, and the share of each source's hires still here one and two years on. All
aggregate; a group of fewer than 5 hires has its retention withheld outside HR.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from thrive.codes.lifecycle import CandidateSource, Stage
from thrive.summaries import charts
from thrive.summaries.recruitment_disability import DisabledApplicants, disabled_applicants
from thrive.summaries.recruitment_results import HiresWhoStay, RecruitmentResult
from thrive.summaries.recruitment_visits import Visits, visits_part
from thrive.summaries.retention import log_rank_words
from thrive.summaries.suppression import shown_parts, threshold


@dataclass(frozen=True)
class StageRow:
    stage: str
    candidates: str
    from_previous: str
    from_applied: str


@dataclass(frozen=True)
class SourceRow:
    source: str
    applied: str
    hired: str
    conversion: str
    days_to_accept: str
    cost_per_hire: str
    values_score: str


@dataclass(frozen=True)
class StayedRow:
    group: str
    hires: str
    one_year: str
    two_years: str


@dataclass(frozen=True)
class RecruitmentPage:
    applications: str
    hires: str
    days_to_accept: str
    days_to_start: str
    cost_per_hire: str
    funnel: list[StageRow]
    funnel_chart: SafeString | None
    sources: list[SourceRow]
    declined: list[tuple[str | None, str, str]]  # no label for "not_recorded"
    declined_total: str
    recorded: bool = True
    by_source: list[StayedRow] = field(default_factory=list)
    by_source_test: str = ""
    by_source_chart: SafeString | None = None
    by_panel: list[StayedRow] = field(default_factory=list)
    by_panel_test: str = ""
    note: str = ""
    period: str = ""
    disability: DisabledApplicants | None = None
    visits: Visits | None = None


def source_label(value: str) -> str:
    try:
        return str(CandidateSource(value).label)
    except ValueError:
        return value


def _stage_label(value: str) -> str:
    try:
        return str(Stage(value).label)
    except ValueError:
        return value


def _pct(value: float | None, places: int = 0) -> str:
    return "–" if value is None else f"{value:.{places}f}%"


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} days"


def _money(value: float | None) -> str:
    return "not recorded" if value is None else f"£{value:,.0f}"


def recruitment_page(summary: RecruitmentResult, *, named: bool) -> RecruitmentPage:
    funnel = summary.funnel
    reached = {row.stage: row.candidates for row in funnel}
    stages = [
        StageRow(
            _stage_label(row.stage),
            f"{row.candidates:,}",
            _pct(row.from_previous_pct),
            _pct(row.from_applied_pct, 1),
        )
        for row in funnel
    ]
    chart = None
    if funnel:
        chart = charts.bar_chart(
            [(_stage_label(row.stage), row.candidates) for row in funnel],
            x_title="Candidates",
            description="Candidates reaching each stage, from applying to starting: the figures "
            "are in the table below",
        )
    overall = summary.time_and_cost[0] if summary.time_and_cost else None
    by_source: dict[str, dict[str, int]] = {}
    for row in summary.funnel_by:
        by_source.setdefault(row["source"], {})[row["stage"]] = row["candidates"]
    timing = {row["source"]: row for row in summary.time_and_cost_by}
    ordered = sorted(by_source.items(), key=lambda kv: -kv[1].get("applied", 0))
    # A source's hires are people on the staff: 1 to 4 of them (and their time, cost and
    # score) are withheld outside HR, and the next smallest too when it alone would give
    # them away from the total hires shown above the table.
    started = shown_parts(
        [counts.get("started", 0) for _, counts in ordered],
        named=named,
        total=reached.get("started", 0),
    )
    sources = []
    for (source, counts), hired in zip(ordered, started, strict=True):
        applied = counts.get("applied", 0)
        t = {} if hired.suppressed else timing.get(source, {})
        sources.append(
            SourceRow(
                source=source_label(source),
                applied=f"{applied:,}",
                hired=str(hired),
                conversion=_pct(
                    100 * hired.value / applied if applied and hired.value is not None else None,
                    1,
                ),
                days_to_accept=_days(t.get("median_days_to_accept")),
                cost_per_hire="–" if hired.suppressed else _money(t.get("cost_per_hire")),
                values_score=(
                    "–" if t.get("mean_values_score") is None else f"{t['mean_values_score']:.1f}"
                ),
            )
        )
    declined = [
        (row.label, f"{row.declined:,}", _pct(row.share_pct)) for row in summary.declined_offers
    ]
    stayed = summary.hires_who_stay or {}
    source_rows = _stayed(stayed.get("source"), named, source_label)
    return RecruitmentPage(
        applications=f"{reached.get('applied', 0):,}",
        hires=f"{reached.get('started', 0):,}",
        days_to_accept=_days(overall.median_days_to_accept if overall else None),
        days_to_start=_days(overall.median_days_to_start if overall else None),
        cost_per_hire=_money(overall.cost_per_hire if overall else None),
        funnel=stages,
        funnel_chart=chart,
        sources=sources,
        declined=declined,
        declined_total=f"{sum(row.declined for row in summary.declined_offers):,}",
        recorded=reached.get("applied", 0) > 0,
        by_source=source_rows,
        by_source_test=_test(stayed.get("source"), "sources"),
        by_source_chart=_stayed_chart(stayed.get("source"), named),
        by_panel=_stayed(stayed.get("panel"), named, str),
        by_panel_test=_test(stayed.get("panel"), "hires with and without young people"),
        note=summary.note,
        period=_period(summary),
        disability=disabled_applicants(summary, named=named),
        visits=visits_part(summary, named=named),
    )


def _period(summary: RecruitmentResult) -> str:
    """The period the headline figures cover, in words ("" where it is not known)."""
    if not summary.recorded_from or not summary.recorded_to:
        return ""
    first, last = (date.fromisoformat(d) for d in (summary.recorded_from, summary.recorded_to))
    return f"All candidates recorded from {first:%-d %B %Y} to {last:%-d %B %Y}"


def _stayed(part: HiresWhoStay | None, named: bool, label: Callable[[str], str]) -> list[StayedRow]:
    if not part:
        return []
    rows = []
    below = threshold()
    for c in part.cohorts:
        if not named and 0 < c.people < below:
            rows.append(StayedRow(label(c.cohort), f"fewer than {below}", "–", "–"))
            continue
        two = _share(c.retained_2y)
        if c.retained_2y is not None:
            two += f" ({_share(c.retained_2y_lower)} to {_share(c.retained_2y_upper)})"
        rows.append(StayedRow(label(c.cohort), f"{c.people:,}", _share(c.retained_1y), two))
    return rows


def _share(value: float | None) -> str:
    return "not yet known" if value is None else f"{100 * value:.0f}%"


def _test(part: HiresWhoStay | None, groups: str) -> str:
    return log_rank_words(part.log_rank, groups) if part else ""


def _stayed_chart(part: HiresWhoStay | None, named: bool) -> SafeString | None:
    if not part:
        return None
    bars = [
        (source_label(c.cohort), 100 * c.retained_2y)
        for c in sorted(part.cohorts, key=lambda c: -(c.retained_2y or 0))
        if c.retained_2y is not None and (named or c.people >= threshold())
    ]
    if not bars:
        return None
    return charts.bar_chart(
        bars,
        x_title="Hires still here two years after starting (%)",
        description="Share of each source's hires still with the council two years after "
        "starting: the figures are in the table below",
    )
