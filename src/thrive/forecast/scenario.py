"""Scenarios: the levers a council can pull, read from a TOML file.

A scenario changes the baseline (which carries on the authority's own recent history). Every
section is optional; an empty file is the baseline. See ``scenarios/*.toml`` for examples and
``docs/forecasting.md`` for every setting::

    name = "25 ASYEs a year, turnover down a quarter"

    [recruitment.asye]          # a route (codes.Route values) or "experienced" etc.
    per_year = 25               # or per_quarter = 6, or per_quarter = [0, 0, 10, 15]
    months = [9, 10]            # intake months; per_year is shared between them

    [turnover]
    change = -0.25              # -25% on every leaving hazard
    from = "2025-10"            # optional; default the first forecast month
    ramp_months = 6             # optional: phase the change in

    [demand]
    target_caseload = 14
    cases = "history"           # or a number of cases held
    growth_per_year = 0.0       # on top of a user-entered number

    [agency]
    conversions_per_quarter = 2
    day_rate = 550.0

    [[establishment]]
    group = "social_worker"     # social_worker / senior_practitioner / team_manager / ...
    change_fte = 10
    from = "2026-04"

    [progression]
    senior_practitioner = 1.25  # multiplier on moves into this grade

    [costs]
    on_cost = 0.30
    salary = { social_worker = 40000 }
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from thrive.forecast.errors import ScenarioError
from thrive.forecast.grades import GRADES, POST_GROUPS, ROUTES
from thrive.forecast.history import month_end

# Illustrative 2025 pay (mid-point of each grade, before on-costs): set your own in [costs].
DEFAULT_SALARIES: dict[str, float] = {
    "asye": 34_000.0,
    "social_worker": 40_000.0,
    "senior_practitioner": 46_000.0,
    "team_manager": 53_000.0,
    "operations_manager": 63_000.0,
}
DEFAULT_DAY_RATE = 400.0
DEFAULT_ON_COST = 0.30
DEFAULT_AGENCY_DAYS = 225.0


@dataclass(frozen=True)
class RecruitmentPlan:
    """Planned recruits by one route: ``monthly`` gives the count for each calendar month."""

    route: str
    per_month: tuple[float, ...]  # 12 values, January first: recruits planned each month
    grade: str | None = None
    starting: date | None = None

    @property
    def per_year(self) -> float:
        return float(sum(self.per_month))

    def scaled(self, per_year: float) -> RecruitmentPlan:
        """The same plan (same months, same shape) with a different yearly total."""
        total = self.per_year
        shape = [v / total for v in self.per_month] if total > 0 else [1 / 12] * 12
        return RecruitmentPlan(
            self.route, tuple(per_year * s for s in shape), self.grade, self.starting
        )


@dataclass(frozen=True)
class EstablishmentChange:
    group: str
    change_fte: float
    starting: date | None


@dataclass(frozen=True)
class Goal:
    """A goal for goal seek: permanent share and caseload by a date, with a probability."""

    by: date
    permanent_share: float = 0.9
    max_average_caseload: float | None = 14.0
    probability: float = 0.8
    routes: tuple[str, ...] = ("asye",)
    max_per_year: float = 200.0


@dataclass(frozen=True)
class Scenario:
    """A set of levers. The default is the baseline: the authority's recent history goes on."""

    name: str = "Baseline"
    description: str = ""
    horizon: int | None = None
    recruitment: tuple[RecruitmentPlan, ...] = ()
    turnover_change: float = 0.0
    turnover_from: date | None = None
    turnover_ramp_months: int = 0
    turnover_grades: tuple[str, ...] = GRADES
    progression: dict[str, float] = field(default_factory=dict)
    target_caseload: float = 14.0
    cases: float | None = None  # None: project from history
    cases_growth_per_year: float = 0.0
    agency_conversions_per_quarter: float | None = None  # None: history's rate
    agency_cover: float | None = None  # None: history's
    day_rate: float | None = None  # None: history's recorded rates, else DEFAULT_DAY_RATE
    agency_days_per_year: float = DEFAULT_AGENCY_DAYS
    establishment: tuple[EstablishmentChange, ...] = ()
    salaries: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SALARIES))
    on_cost: float = DEFAULT_ON_COST
    recruit_to_vacancies: bool = True
    goal: Goal | None = None

    def plan_for(self, route: str) -> RecruitmentPlan | None:
        return next((p for p in self.recruitment if p.route == route), None)

    def with_plans(self, plans: tuple[RecruitmentPlan, ...]) -> Scenario:
        """This scenario with some routes' plans replaced."""
        replaced = {p.route for p in plans}
        kept = tuple(p for p in self.recruitment if p.route not in replaced)
        from dataclasses import replace

        return replace(self, recruitment=kept + plans)


def month_of(value: Any, where: str, source: str) -> date:
    if isinstance(value, date):
        return month_end(value.year, value.month)
    if isinstance(value, str):
        try:
            year, month = (int(part) for part in value.strip().split("-")[:2])
            if 1 <= month <= 12 and 1900 <= year <= 2200:
                return month_end(year, month)
        except (ValueError, TypeError):
            pass
    raise ScenarioError("expected a month like 2026-04", where, source)


def _number(table: dict[str, Any], key: str, where: str, source: str, default: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError("expected a number", f"{where}.{key}", source)
    return float(value)


def _plan(route: str, table: dict[str, Any], source: str) -> RecruitmentPlan:
    where = f"recruitment.{route}"
    if route not in ROUTES:
        raise ScenarioError(f"unknown route; use one of {', '.join(ROUTES)}", where, source)
    per_month = [0.0] * 12
    if "per_year" in table:
        total = _number(table, "per_year", where, source, 0.0)
        months = table.get("months", list(range(1, 13)))
        if (
            not isinstance(months, list)
            or not months
            or not all(isinstance(m, int) and 1 <= m <= 12 for m in months)
        ):
            raise ScenarioError("expected a list of months 1-12", f"{where}.months", source)
        for m in months:
            per_month[m - 1] += total / len(months)
    elif "per_quarter" in table:
        quarters = table["per_quarter"]
        if isinstance(quarters, int | float) and not isinstance(quarters, bool):
            quarters = [quarters] * 4
        if not isinstance(quarters, list) or len(quarters) != 4:
            raise ScenarioError(
                "expected a number or four numbers (January-March first)",
                f"{where}.per_quarter",
                source,
            )
        for q, count in enumerate(quarters):
            for m in range(3):
                per_month[3 * q + m] = float(count) / 3
    else:
        raise ScenarioError("give per_year or per_quarter", where, source)
    if any(v < 0 for v in per_month):
        raise ScenarioError("recruits cannot be negative", where, source)
    grade = table.get("grade")
    if grade is not None and grade not in GRADES:
        raise ScenarioError(
            f"unknown grade; use one of {', '.join(GRADES)}", f"{where}.grade", source
        )
    starting = month_of(table["from"], f"{where}.from", source) if "from" in table else None
    return RecruitmentPlan(route, tuple(per_month), grade, starting)


def parse_scenario(data: dict[str, Any], source: str = "") -> Scenario:
    """A scenario from parsed TOML; raises ScenarioError naming the bad setting."""
    known = {
        "name", "description", "horizon", "recruitment", "turnover", "progression", "demand",
        "agency", "establishment", "costs", "policy", "goal",
    }  # fmt: skip
    for key in data:
        if key not in known:
            raise ScenarioError(
                f"unknown setting; expected one of {', '.join(sorted(known))}", key, source
            )
    kwargs: dict[str, Any] = {"name": str(data.get("name", Path(source).stem or "Scenario"))}
    kwargs["description"] = str(data.get("description", ""))
    if "horizon" in data:
        kwargs["horizon"] = int(_number(data, "horizon", "", source, 36))
    recruitment = data.get("recruitment", {})
    kwargs["recruitment"] = tuple(
        _plan(route, table, source) for route, table in recruitment.items()
    )
    turnover = data.get("turnover", {})
    kwargs["turnover_change"] = _number(turnover, "change", "turnover", source, 0.0)
    if kwargs["turnover_change"] <= -1:
        raise ScenarioError(
            "a change of -100% or less would stop all leaving", "turnover.change", source
        )
    if "from" in turnover:
        kwargs["turnover_from"] = month_of(turnover["from"], "turnover.from", source)
    kwargs["turnover_ramp_months"] = int(_number(turnover, "ramp_months", "turnover", source, 0))
    grades = turnover.get("grades", list(GRADES))
    if not all(g in GRADES for g in grades):
        raise ScenarioError(f"unknown grade; use {', '.join(GRADES)}", "turnover.grades", source)
    kwargs["turnover_grades"] = tuple(grades)
    progression = data.get("progression", {})
    for grade, _value in progression.items():
        if grade not in GRADES[1:]:
            raise ScenarioError(
                "progression multipliers are for grades above ASYE", f"progression.{grade}", source
            )
        _number(progression, grade, "progression", source, 1.0)
    kwargs["progression"] = {k: float(v) for k, v in progression.items()}
    demand = data.get("demand", {})
    kwargs["target_caseload"] = _number(demand, "target_caseload", "demand", source, 14.0)
    if kwargs["target_caseload"] <= 0:
        raise ScenarioError("must be above zero", "demand.target_caseload", source)
    cases = demand.get("cases", "history")
    if cases != "history":
        kwargs["cases"] = _number(demand, "cases", "demand", source, 0.0)
    kwargs["cases_growth_per_year"] = _number(demand, "growth_per_year", "demand", source, 0.0)
    agency = data.get("agency", {})
    if "conversions_per_quarter" in agency:
        kwargs["agency_conversions_per_quarter"] = _number(
            agency, "conversions_per_quarter", "agency", source, 0.0
        )
    if "cover" in agency and agency["cover"] != "history":
        kwargs["agency_cover"] = _number(agency, "cover", "agency", source, 1.0)
    if "day_rate" in agency and agency["day_rate"] != "history":
        kwargs["day_rate"] = _number(agency, "day_rate", "agency", source, DEFAULT_DAY_RATE)
    kwargs["agency_days_per_year"] = _number(
        agency, "days_per_year", "agency", source, DEFAULT_AGENCY_DAYS
    )
    changes = []
    for i, change in enumerate(data.get("establishment", [])):
        where = f"establishment[{i}]"
        if change.get("group") not in POST_GROUPS:
            raise ScenarioError(
                f"group must be one of {', '.join(POST_GROUPS)}", f"{where}.group", source
            )
        starting = month_of(change["from"], f"{where}.from", source) if "from" in change else None
        changes.append(
            EstablishmentChange(
                change["group"], _number(change, "change_fte", where, source, 0.0), starting
            )
        )
    kwargs["establishment"] = tuple(changes)
    costs = data.get("costs", {})
    salaries = dict(DEFAULT_SALARIES)
    for grade, _value in costs.get("salary", {}).items():
        if grade not in GRADES:
            raise ScenarioError(
                f"unknown grade; use {', '.join(GRADES)}", f"costs.salary.{grade}", source
            )
        salaries[grade] = _number(costs["salary"], grade, "costs.salary", source, 0.0)
    kwargs["salaries"] = salaries
    kwargs["on_cost"] = _number(costs, "on_cost", "costs", source, DEFAULT_ON_COST)
    policy = data.get("policy", {})
    kwargs["recruit_to_vacancies"] = bool(policy.get("recruit_to_vacancies", True))
    if "goal" in data:
        kwargs["goal"] = _goal(data["goal"], source)
    return Scenario(**kwargs)


def _goal(table: dict[str, Any], source: str) -> Goal:
    if "by" not in table:
        raise ScenarioError('a goal needs a date: by = "2027-09"', "goal.by", source)
    routes = table.get("routes", ["asye"])
    if not isinstance(routes, list) or not all(r in ROUTES for r in routes):
        raise ScenarioError(f"routes must be a list of {', '.join(ROUTES)}", "goal.routes", source)
    caseload = table.get("max_average_caseload", 14.0)
    return Goal(
        by=month_of(table["by"], "goal.by", source),
        permanent_share=_number(table, "permanent_share", "goal", source, 0.9),
        max_average_caseload=None if caseload is False else float(caseload),
        probability=_number(table, "probability", "goal", source, 0.8),
        routes=tuple(routes),
        max_per_year=_number(table, "max_per_year", "goal", source, 200.0),
    )


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file; a bare name (``baseline``) means one of the packaged examples."""
    candidate = Path(path)
    if not candidate.exists() and not candidate.suffix:
        packaged = resources.files("thrive.forecast") / "scenarios" / f"{path}.toml"
        if packaged.is_file():
            return parse_scenario(tomllib.loads(packaged.read_text("utf-8")), f"{path}.toml")
    try:
        text = candidate.read_text("utf-8")
    except OSError as error:
        raise ScenarioError(f"cannot read the file ({error.strerror})", source=str(path)) from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"not valid TOML ({error})", source=str(path)) from error
    return parse_scenario(data, str(path))


def packaged_scenarios() -> list[str]:
    """The names of the example scenarios shipped with Thrive."""
    folder = resources.files("thrive.forecast") / "scenarios"
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )
