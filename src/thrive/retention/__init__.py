"""Why people stay and why they leave: pure analysis over Polars frames (no Django).

- :mod:`~thrive.retention.tenure` - stints of direct employment, with route in and cohorts;
- :mod:`~thrive.retention.curves` - Kaplan-Meier retention curves by cohort, log-rank tests;
- :mod:`~thrive.retention.episodes` - monthly episodes with time-varying covariates;
- :mod:`~thrive.retention.risk_model` - the leaving-risk model (:class:`RetentionModel`);
- :mod:`~thrive.retention.piecewise` - its proportional-hazards fit, one baseline per month;
- :mod:`~thrive.retention.risk_checks` - proportional-hazards check, out-of-time validation;
- :mod:`~thrive.retention.at_risk` - who to talk to, with the factors behind each;
- :mod:`~thrive.retention.exits`, :mod:`~thrive.retention.surveys`,
  :mod:`~thrive.retention.themes` - exit reasons, survey scores, themes in free text;
- :mod:`~thrive.retention.funnel` - the recruitment pipeline and hires who stay;
- :mod:`~thrive.retention.careers`, :mod:`~thrive.retention.registration` - ASYE,
  progression, schemes, Social Work England registration and reminders.

Inputs are :class:`thrive.frames.workforce.WorkforceFrames` and
:class:`thrive.frames.lifecycle.LifecycleFrames`; survival curves and tests are lifelines',
the leaving-risk fit Thrive's own (sparse, for consortia; checked against lifelines' Cox model),
text models scikit-learn's. Methods and limits: ``docs/retention.md``.
"""

from thrive.retention.at_risk import at_risk, line_reports, visible_to, with_conversations
from thrive.retention.curves import COHORTS, RetentionCurves
from thrive.retention.episodes import episodes
from thrive.retention.errors import InsufficientDataError, RetentionError, UnknownCohortError
from thrive.retention.risk_checks import proportional_hazards_check, validate_out_of_time
from thrive.retention.risk_model import COVARIATES, RetentionModel
from thrive.retention.tenure import tenure
from thrive.retention.themes import TextThemes

__all__ = [
    "COHORTS",
    "COVARIATES",
    "InsufficientDataError",
    "RetentionCurves",
    "RetentionError",
    "RetentionModel",
    "TextThemes",
    "UnknownCohortError",
    "at_risk",
    "episodes",
    "line_reports",
    "proportional_hazards_check",
    "tenure",
    "validate_out_of_time",
    "visible_to",
    "with_conversations",
]
