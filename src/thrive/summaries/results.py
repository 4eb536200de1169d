"""Retention and recruitment results for pages and commands: plain, JSON-ready dicts.

Each function takes one authority's frames (a :class:`~thrive.summaries.results_common.Loaded`,
which a centre hands out), runs :mod:`thrive.retention` and returns a dict of plain values
(numbers, strings, ISO dates, lists of rows): never a model instance, never personal data beyond
what the caller's ``visible`` set allows. The web pages and the ``thrive retention`` / ``thrive
recruitment`` commands call the same functions, so a
figure reads the same wherever it appears.

- :func:`retention_curves` - who stays how long, by cohort (route in, start year, grade, team).
- :func:`leaving_risk` - the Cox model's hazard ratios, its checks and out-of-time test.
- :func:`people_at_risk` - who to talk to this month, filtered to the people the viewer manages.
- :func:`exits_summary` / :func:`text_themes` / :func:`survey_summary` - why people leave, what
  they write, how staff score the council.
- :func:`careers_summary` / :func:`registration_summary` - ASYE, progression, schemes; SWE
  registration, CPD and the reminders for a team page.
- :func:`recruitment_summary` - the funnel, time and cost per hire, declined offers, and which
  channels deliver hires who stay.
"""

from thrive.summaries.careers_results import careers_summary, registration_summary
from thrive.summaries.feedback_results import exits_summary, survey_summary, text_themes
from thrive.summaries.recruitment_results import recruitment_summary
from thrive.summaries.retention_results import leaving_risk, people_at_risk, retention_curves

__all__ = [
    "careers_summary",
    "exits_summary",
    "leaving_risk",
    "people_at_risk",
    "recruitment_summary",
    "registration_summary",
    "retention_curves",
    "survey_summary",
    "text_themes",
]
