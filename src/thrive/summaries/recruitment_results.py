"""View model: the recruitment pipeline and which channels deliver hires who stay."""

from __future__ import annotations

from datetime import date
from typing import Any

from thrive.retention.curves import RetentionCurves
from thrive.retention.errors import InsufficientDataError
from thrive.retention.funnel import declined_offers, funnel, hire_stints, time_and_cost
from thrive.retention.tenure import tenure
from thrive.summaries.results_common import Loaded, clean, latest_day, rows


def recruitment_summary(
    data: Loaded, by: str | None = "source", as_at: date | None = None
) -> dict[str, Any]:
    """The funnel (whole and by ``by``), time and cost per hire, declined offers, and 1- and
    2-year retention of hires by source and by whether young people sat on the panel."""
    day = as_at or latest_day(data.frames)
    stayed: dict[str, Any] = {}
    hires = hire_stints(data.lifecycle, tenure(data.frames, day))
    for cohort in ("source", "panel"):
        try:
            curves = RetentionCurves(by=cohort).fit(hires)
        except InsufficientDataError:
            continue
        stayed[cohort] = {
            "cohorts": rows(
                curves.summary.select(
                    "cohort",
                    "people",
                    "leavers",
                    "retained_1y",
                    "retained_2y",
                    "retained_2y_lower",
                    "retained_2y_upper",
                )
            ),  # fmt: skip
            "log_rank": clean(curves.log_rank_),
        }
    return {
        "authority": data.authority,
        "as_at": day.isoformat(),
        "funnel": rows(funnel(data.lifecycle)),
        "funnel_by": rows(funnel(data.lifecycle, by=by)) if by else [],
        "time_and_cost": rows(time_and_cost(data.lifecycle)),
        "time_and_cost_by": rows(time_and_cost(data.lifecycle, by=by)) if by else [],
        "declined_offers": rows(declined_offers(data.lifecycle)),
        "hires_who_stay": stayed,
        "note": "Cost per hire adds each candidate's own costs to the advertising of their "
        "vacancy shared between its hires; the overall figure also counts adverts that "
        "filled nobody.",
    }
