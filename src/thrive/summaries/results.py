"""Retention and recruitment results for pages and commands: frozen, typed dataclasses.

Each function takes one authority's frames (a :class:`~thrive.summaries.results_common.Loaded`,
which a centre hands out), runs :mod:`thrive.retention` and returns a frozen dataclass of plain
values (numbers, strings, ISO dates, lists of row dataclasses): never a model instance, never
personal data beyond what the caller's ``visible`` set allows. Its fields are the JSON keys in
order, so ``dataclasses.asdict`` is the JSON the commands print. The web pages and the ``thrive
retention`` / ``thrive recruitment`` commands call the same functions, so a figure reads the
same wherever it appears.

- :func:`retention_curves` - who stays how long, by cohort (route in, start year, grade, team).
- :func:`leaving_risk` - the Cox model's hazard ratios, its checks and out-of-time test.
- :func:`people_at_risk` - who to talk to this month, filtered to the people the viewer manages.
  Both start from :func:`fit_risk` (the episodes and the fitted model), which a caller making
  both can build once and pass to each.
- :func:`exits_summary` / :func:`text_themes` / :func:`survey_summary` - why people leave, what
  they write, how staff score the council.
- :func:`careers_summary` / :func:`registration_summary` - ASYE, progression, schemes; SWE
  registration, CPD and the reminders for a team page.
- :func:`recruitment_summary` - the funnel, time and cost per hire, declined offers, and which
  channels deliver hires who stay.
"""

from thrive.summaries.careers_results import (
    CareersResult,
    RegistrationResult,
    careers_summary,
    registration_summary,
)
from thrive.summaries.feedback_results import (
    ExitsResult,
    SurveyResult,
    ThemesResult,
    exits_summary,
    survey_summary,
    text_themes,
)
from thrive.summaries.recruitment_results import RecruitmentResult, recruitment_summary
from thrive.summaries.retention_results import (
    AtRiskResult,
    CurvesResult,
    RiskFit,
    RiskResult,
    fit_risk,
    leaving_risk,
    people_at_risk,
    retention_curves,
)

Result = (
    CurvesResult
    | RiskResult
    | AtRiskResult
    | ExitsResult
    | ThemesResult
    | SurveyResult
    | CareersResult
    | RegistrationResult
    | RecruitmentResult
)
"""Any of the results."""

__all__ = [
    "AtRiskResult",
    "CareersResult",
    "CurvesResult",
    "ExitsResult",
    "RecruitmentResult",
    "RegistrationResult",
    "Result",
    "RiskFit",
    "RiskResult",
    "SurveyResult",
    "ThemesResult",
    "careers_summary",
    "exits_summary",
    "fit_risk",
    "leaving_risk",
    "people_at_risk",
    "recruitment_summary",
    "registration_summary",
    "retention_curves",
    "survey_summary",
    "text_themes",
]
