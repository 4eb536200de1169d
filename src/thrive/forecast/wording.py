"""A forecast in words and formatted figures, the same on the command line and the web page."""

from __future__ import annotations

from datetime import date

import numpy as np

from thrive.codes import Route
from thrive.forecast.goal_seek import GoalSeekResult
from thrive.forecast.outcomes import QUANTILES, ForecastResult, Milestone

# Recruits by route, as a plan names them: "25 newly qualified social workers (ASYE) a year".
RECRUITS: dict[str, str] = {
    str(Route.ASYE): "newly qualified social workers (ASYE)",
    str(Route.STEP_UP): "Step Up to Social Work graduates",
    str(Route.FRONTLINE): "Frontline graduates",
    str(Route.APPRENTICESHIP): "social work apprentices",
    str(Route.EXPERIENCED): "experienced social workers",
    str(Route.INTERNATIONAL): "international recruits",
    "agency_conversion": "agency workers converted to permanent",
}

# The outputs a person asks about first: (measure, short label, format of one value).
KEY_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("fte_in_post", "FTE in post", "{:,.1f}"),
    ("vacancies_fte", "Vacancies FTE", "{:,.1f}"),
    ("agency_fte", "Agency FTE", "{:,.1f}"),
    ("permanent_share", "Permanent", "{:.0%}"),
    ("average_caseload", "Average caseload", "{:.1f}"),
    ("turnover_rate", "Turnover", "{:.1%}"),
    ("agency_cost_to_date", "Agency cost to date", "£{:,.0f}"),
)
FORMATS: dict[str, str] = {name: fmt for name, _, fmt in KEY_MEASURES}


def band(result: ForecastResult, measure: str, when: date, fmt: str | None = None) -> str:
    """ "median (P10 to P90)" of a measure at a month end, or "-" where it is not measured."""
    fmt = fmt or FORMATS.get(measure, "{:,.1f}")
    try:
        p10, p50, p90 = result.at(measure, when)
    except (KeyError, ValueError):
        return "-"
    if p50 != p50:  # NaN: not measurable at that month
        return "-"
    return f"{fmt.format(p50)} ({fmt.format(p10)} to {fmt.format(p90)})"


def year_ends(result: ForecastResult) -> list[date]:
    """The origin, every twelfth month end after it, and the last month."""
    shown = [result.origin, *result.months[11::12]]
    if result.months[-1] not in shown:
        shown.append(result.months[-1])
    return shown


def month_name(day: date | None) -> str:
    return day.strftime("%B %Y") if day else "-"


def reached(milestone: Milestone) -> str:
    """When the median run reaches the milestone, in a few words (for a comparison table)."""
    if milestone.already:
        return "already at the start"
    return month_name(milestone.month_p50) if milestone.month_p50 else "not within the horizon"


def milestone_sentence(milestone: Milestone) -> str:
    """When 90% permanent (or another level) is reached, and agency cost until then."""
    level = f"{milestone.level:.0%} permanent"
    if milestone.already:
        return (
            f"{level}: already reached at the start ({milestone.at_origin:.1%}); "
            f"{milestone.held_at_end:.0%} of runs are still at {milestone.level:.0%} or more in "
            "the last month."
        )
    if milestone.month_p50:
        low, mid, high = milestone.agency_cost_until
        latest = month_name(milestone.month_p90) if milestone.month_p90 else "after the horizon"
        return (
            f"{level}: most likely by {month_name(milestone.month_p50)} (1 in 10 runs by "
            f"{month_name(milestone.month_p10)}, 9 in 10 by {latest}); a "
            f"{milestone.probability_within_horizon:.0%} chance within the horizon. Agency cost "
            f"until then: £{mid:,.0f} (£{low:,.0f} to £{high:,.0f})."
        )
    return (
        f"{level}: not reached by the median run within the horizon (a "
        f"{milestone.probability_within_horizon:.0%} chance)."
    )


def goal_sentence(result: GoalSeekResult) -> str:
    """Goal seek's answer: the smallest plan found and its probability, or why there is none."""
    goal = result.goal
    wanted = f"{goal.permanent_share:.0%} permanent"
    if goal.max_average_caseload is not None:
        wanted += f" and an average caseload of at most {goal.max_average_caseload:g}"
    plan = ", ".join(
        f"{n} {RECRUITS.get(route, route)} a year" for route, n in result.per_year.items()
    )
    if result.reachable:
        return (
            f"The smallest plan reaching {wanted} by {month_name(goal.by)} with a probability of "
            f"at least {goal.probability:.0%}: {plan} (probability {result.probability:.0%} over "
            f"{result.runs:,} runs)."
        )
    return (
        f"Not reachable by recruitment alone: even {plan} gives {wanted} by "
        f"{month_name(goal.by)} with a probability of {result.probability:.0%} only. Other levers "
        "(retention, agency conversions, establishment) are needed."
    )


def _months_between(early: date, late: date) -> int:
    return (late.year - early.year) * 12 + late.month - early.month


def _money(value: float) -> str:
    value = abs(value)
    if value >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m"
    return f"£{round(value, -3):,.0f}"


# (measure, what it is, the word for a higher value, the word for a lower one)
_DIFFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("fte_in_post", "FTE employed by the council", "more", "fewer"),
    ("agency_cost_to_date", "agency spending", "more", "less"),
    ("average_caseload", "average caseload", "higher", "lower"),
)


def _size(measure: str, value: float) -> str:
    if measure == "agency_cost_to_date":
        return _money(value)
    if measure == "average_caseload":
        return f"{abs(value):.1f}"
    return f"{abs(value):,.0f}"


def _signed(measure: str, value: float, more: str, less: str) -> str:
    size = _size(measure, value)
    if size in ("0", "0.0", "£0"):
        return "no change"
    return f"{size} {more if value > 0 else less}"


def difference_sentences(plan: ForecastResult, baseline: ForecastResult) -> list[str]:
    """What the plan changes against the baseline by the end of the horizon, in words.

    Each measure's difference is taken run by run (the same run number of each forecast) and
    read as its median, with "likely between" the 10th and 90th percentiles of the differences.
    Where the plan and the baseline round to the same answer, the sentence says so plainly.
    """
    end = plan.months[-1]
    sentences = []
    for measure, noun, more, less in _DIFFERENCES:
        mine = plan.measures[measure][:, plan.dates.index(end)]
        theirs = baseline.measures[measure][:, baseline.dates.index(end)]
        low, mid, high = (float(v) for v in np.nanpercentile(mine - theirs, QUANTILES))
        with_plan = _size(measure, float(np.nanmedian(mine)))
        if with_plan == _size(measure, float(np.nanmedian(theirs))):
            sentences.append(
                f"The plan and the baseline give the same answer for {noun} by {end:%B %Y}: "
                f"about {with_plan}."
            )
            continue
        headline = _signed(measure, mid, more, less)
        if measure == "agency_cost_to_date":
            said = f"about {headline} {noun} up to {end:%B %Y}"
        elif measure == "average_caseload":
            said = f"an {noun} about {headline} by {end:%B %Y}"
        else:
            said = f"about {headline} {noun} by {end:%B %Y}"
        sentences.append(
            f"With the plan, {said} than without it (likely between "
            f"{_signed(measure, low, more, less)} and {_signed(measure, high, more, less)})."
        )
    sentences.append(_milestone_difference(plan.milestone(0.9), baseline.milestone(0.9)))
    return sentences


def _milestone_difference(plan: Milestone, baseline: Milestone) -> str:
    level = f"{plan.level:.0%} permanent"
    if plan.already and baseline.already:
        return f"Both start at {level} or more, so the plan does not change when it is reached."
    if plan.month_p50 == baseline.month_p50:
        if plan.month_p50 is None:
            return (
                f"Neither the plan nor the baseline most likely reaches {level} within the horizon."
            )
        return (
            f"The plan and the baseline give the same answer for {level}: most likely by "
            f"{month_name(plan.month_p50)} either way, so the plan does not change when."
        )
    if plan.month_p50 is None:
        return (
            f"With the plan, {level} is most likely not reached within the horizon; without it, "
            f"by {month_name(baseline.month_p50)}."
        )
    if baseline.month_p50 is None:
        return (
            f"With the plan, {level} most likely by {month_name(plan.month_p50)}; without it, "
            "not within the horizon."
        )
    gap = _months_between(plan.month_p50, baseline.month_p50)
    sooner = "sooner" if gap > 0 else "later"
    months = abs(gap)
    return (
        f"With the plan, {level} about {months} month{'s' if months != 1 else ''} {sooner}: "
        f"most likely by {month_name(plan.month_p50)}, against {month_name(baseline.month_p50)} "
        "without it."
    )
