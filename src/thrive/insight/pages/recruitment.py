"""View model: the recruitment pipeline and which channels deliver hires who stay."""

from __future__ import annotations

from datetime import date
from typing import Any

from thrive.insight.pages.common import clean, latest_day, load, rows
from thrive.retention.curves import RetentionCurves
from thrive.retention.errors import InsufficientDataError
from thrive.retention.funnel import declined_offers, funnel, hire_stints, time_and_cost
from thrive.retention.tenure import tenure
from thrive.workforce.models import Authority


def recruitment_summary(
    authority: Authority, by: str | None = "source", as_at: date | None = None
) -> dict[str, Any]:
    """The funnel (whole and by ``by``), time and cost per hire, declined offers, and 1- and
    2-year retention of hires by source and by whether young people sat on the panel."""
    data = load(authority)
    day = as_at or latest_day(data.frames)
    stayed: dict[str, Any] = {}
    hires = hire_stints(data.insight, tenure(data.frames, day))
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
        "funnel": rows(funnel(data.insight)),
        "funnel_by": rows(funnel(data.insight, by=by)) if by else [],
        "time_and_cost": rows(time_and_cost(data.insight)),
        "time_and_cost_by": rows(time_and_cost(data.insight, by=by)) if by else [],
        "declined_offers": rows(declined_offers(data.insight)),
        "hires_who_stay": stayed,
        "note": "Cost per hire adds each candidate's own costs to the advertising of their "
        "vacancy shared between its hires; the overall figure also counts adverts that "
        "filled nobody.",
    }
