"""What the demo council should look like: Somerset's published trajectory, as data.

Each :class:`Target` names a figure, when it is taken, the value aimed at and the tolerance the
generated store must land within. The demo tests count each figure straight from the store and
check it; ``docs/demo.md`` shows the same table with the figures seed 1 gives.

Sources are the strategy documents in ``/work/shared/seeds`` (Somerset 2015-2019). Where they
disagree, the choice is said in ``note``: "60% permanent in 2016-17" cannot sit with "180
permanent + 70 agency" (72%) in 2015, so the headcounts are the targets and the permanent share is
checked only for 2018-19, where the published 90% and the 240 + 60 (80%) of a year earlier are
both met by agency numbers falling through 2018-19.

Definitions follow the Department for Education: "permanent" = directly employed (permanent and
fixed-term); in post on a day = a spell covering that day; turnover = FTE of leavers in the
collection year / FTE in post at 30 September; average caseload = cases held at 30 September /
FTE of the workers (agency included) holding one or more cases.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One calibration target."""

    key: str
    figure: str
    when: str
    target: float
    tolerance: float
    unit: str
    source: str
    note: str = ""

    def holds_for(self, value: float) -> bool:
        return abs(value - self.target) <= self.tolerance


TARGETS: tuple[Target, ...] = (
    Target("permanent_2015", "Permanent social workers (headcount)", "30 Sep 2015", 180, 15,
           "people", "Community Care (seed 002)"),
    Target("agency_2015", "Agency social workers (headcount)", "30 Sep 2015", 70, 12,
           "people", "Community Care (seed 002)"),
    Target("permanent_2018", "Permanent social workers (headcount)", "30 Sep 2018", 240, 15,
           "people", "Community Care (seed 002)"),
    Target("agency_2018", "Agency social workers (headcount)", "30 Sep 2018", 60, 12,
           "people", "Community Care (seed 002)"),
    Target("permanent_share_2019", "Permanent share of social workers (headcount)",
           "30 Sep 2019", 88, 5, "%", "Somerset nomination (seed 000): 90% in 2018-19",
           "60% in 2016-17 is not a target: it conflicts with 180 + 70 in 2015."),
    Target("turnover_2016", "Turnover (FTE leavers / FTE in post)", "year to 30 Sep 2016", 27, 4,
           "%", "Somerset (seeds 000, 001): peak 27%"),
    Target("turnover_2017", "Turnover", "year to 30 Sep 2017", 16, 4, "%",
           "Somerset HR director (seed 001): 27% -> 16%"),
    Target("turnover_2019", "Turnover", "year to 30 Sep 2019", 13, 4, "%",
           "Somerset nomination (seed 000): down to 13%"),
    Target("turnover_later", "Turnover, average of the years to 2020-2025", "2020-2025", 13.5,
           2.5, "%", "target 12% (seed 001); steady afterwards"),
    Target("caseload_2015", "Average caseload", "30 Sep 2015", 25, 2.5, "cases",
           "Community Care (seed 002)"),
    Target("caseload_2016", "Average caseload", "30 Sep 2016", 20, 2, "cases",
           "Somerset press release (seed 003)"),
    Target("caseload_2017", "Average caseload", "30 Sep 2017", 17, 2, "cases",
           "Community Care (seed 002)"),
    Target("caseload_2018", "Average caseload", "30 Sep 2018", 14.5, 1.5, "cases",
           "aim 14 (seeds 000, 002, 003)"),
    Target("caseload_later", "Average caseload, average of 30 Sep 2019-2025", "2019-2025", 15, 1.5,
           "cases", "about 14-16 once the strategy held"),
    Target("asye_started", "ASYEs started Aug 2015 - Sep 2018", "to 30 Sep 2018", 71, 5,
           "people", "Somerset nomination (seed 000): 71 recruited"),
    Target("asye_lost", "Of those, no longer employed at 30 Sep 2018", "30 Sep 2018", 2, 3,
           "people", "Somerset nomination (seed 000): 69 of 71 still with us"),
    Target("max_reports_2017_on", "Most direct reports of any line manager, any month end",
           "Jan 2017 - Sep 2025", 6, 0, "people", "Somerset nomination (seed 000): at most six"),
    Target("team_manager_span_2016", "Average direct reports of team managers, month ends",
           "Oct 2015 - Sep 2016", 10.5, 2, "people", "before the strategy: spans of 8-12"),
    Target("supervised_2016", "Workers supervised in the month (month-end average)",
           "Oct 2015 - Sep 2016", 65, 8, "%", "before the strategy (assumed)"),
    Target("supervised_2017_on", "Workers supervised in the month (month-end average)",
           "Apr 2017 - Sep 2025", 90, 3, "%", "Somerset nomination (seed 000): 90% monthly"),
    Target("appraisal_2017_on", "Appraisals completed, average of cycles", "2017/18 - 2025/26",
           73, 4, "%", "Somerset nomination (seed 000): 73%"),
    Target("absence_rate", "Sickness absence rate, average of years", "2015-2025", 3.3, 0.8, "%",
           "DfE local-authority rates are mostly 2-4%"),
    Target("consultants_2018", "Consultant social workers in post", "30 Sep 2018", 12, 3,
           "people", "Somerset nomination (seed 000): 12 appointed"),
    Target("female_share", "Women among all workers", "whole history", 85, 4, "%",
           "DfE workforce statistics: about 85%"),
)  # fmt: skip


def target(key: str) -> Target:
    """The target with this key."""
    for item in TARGETS:
        if item.key == key:
            return item
    raise KeyError(key)
