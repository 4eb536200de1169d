"""The shape of the demo council: services, teams and their establishment over time.

One *area* is a Somerset-sized children's social care department: a head of service, five
services each under an operations manager, and about twenty teams. ``--scale K`` builds K areas.
The establishment grows when the workforce strategy funds more posts (April 2016, a new
child protection team in October 2016, consultant social workers in January 2017, two new teams in
April 2017), so vacancies can be derived from funded posts less the people in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive.codes import CareerGrade, TeamKind
from thrive.demo.dates import HISTORY_START
from thrive.demo.records import PostRecord, ServiceRecord, TeamRecord

LEADERSHIP = "Leadership"
SAFEGUARDING = "Safeguarding"


@dataclass(frozen=True)
class TeamPlan:
    """A team in the template: its service, kind, opening date and establishment."""

    name: str
    service: str
    kind: TeamKind
    social_workers: int
    senior_practitioners: int = 2
    opened: date = HISTORY_START
    extra_social_worker_from: date | None = None
    consultant_from: date | None = None


_APRIL_2016 = date(2016, 4, 1)
_STRATEGY = date(2017, 1, 1)
_APRIL_2017 = date(2017, 4, 1)

SERVICES: tuple[str, ...] = (
    "First Response",
    SAFEGUARDING,
    "Children in Care",
    "Permanence and Placements",
)

TEAMS: tuple[TeamPlan, ...] = (
    *(
        TeamPlan(f"Assessment {where}", "First Response", TeamKind.ASSESSMENT, 12,
                 extra_social_worker_from=_APRIL_2016, consultant_from=_STRATEGY)
        for where in ("North", "South", "East", "West", "Central")
    ),
    *(
        TeamPlan(f"Child Protection {where}", SAFEGUARDING, TeamKind.CHILD_PROTECTION, 12,
                 extra_social_worker_from=_APRIL_2016, consultant_from=_STRATEGY)
        for where in ("North", "South", "East", "West", "Central")
    ),
    TeamPlan("Child Protection Mid", SAFEGUARDING, TeamKind.CHILD_PROTECTION, 12,
             opened=date(2016, 10, 1)),
    *(
        TeamPlan(f"Children in Care {where}", "Children in Care", TeamKind.CHILDREN_IN_CARE, 11,
                 extra_social_worker_from=_APRIL_2016,
                 consultant_from=_STRATEGY if where in ("North", "South") else None)
        for where in ("North", "South", "East", "West")
    ),
    TeamPlan("Children in Care Central", "Children in Care", TeamKind.CHILDREN_IN_CARE, 11,
             opened=_APRIL_2017),
    TeamPlan("Care Leavers North", "Permanence and Placements", TeamKind.CARE_LEAVERS, 9),
    TeamPlan("Care Leavers South", "Permanence and Placements", TeamKind.CARE_LEAVERS, 9,
             opened=_APRIL_2017),
    TeamPlan("Fostering", "Permanence and Placements", TeamKind.FOSTERING, 8),
    TeamPlan("Adoption", "Permanence and Placements", TeamKind.ADOPTION, 8),
    TeamPlan("Disabled Children", "Permanence and Placements", TeamKind.DISABLED_CHILDREN, 9),
)  # fmt: skip


@dataclass(frozen=True)
class Area:
    """One copy of the template: its number, the suffix on its names, its records."""

    number: int
    suffix: str
    services: tuple[ServiceRecord, ...]
    teams: tuple[TeamRecord, ...]
    posts: tuple[PostRecord, ...]
    leadership_team: str
    management_teams: dict[str, str]
    """Service name -> the team its operations manager sits in."""


def _name(base: str, suffix: str) -> str:
    return f"{base}{suffix}"


def build_area(number: int, scale: int) -> Area:
    """Area ``number`` (1-based) of a ``scale``-area demo council. Names are plain at scale 1."""
    suffix = "" if scale == 1 else f" (Area {number})"
    services = [ServiceRecord(_name(LEADERSHIP, suffix))]
    teams = [TeamRecord(_name("Leadership Team", suffix), services[0].name, "management",
                        HISTORY_START, None)]  # fmt: skip
    management: dict[str, str] = {}
    for base in SERVICES:
        service = _name(base, suffix)
        services.append(ServiceRecord(service))
        management[service] = _name(f"{base} Management", suffix)
        teams.append(TeamRecord(management[service], service, str(TeamKind.MANAGEMENT),
                                HISTORY_START, None))  # fmt: skip
    posts: list[PostRecord] = []

    def post(team: str, grade: CareerGrade, start: date) -> None:
        reference = f"A{number:02d}-{len(posts) + 1:04d}"
        posts.append(PostRecord(reference, team, str(grade), 1.0, start, None))

    post(teams[0].name, CareerGrade.HEAD_OF_SERVICE, HISTORY_START)
    for record in services[1:]:
        post(management[record.name], CareerGrade.OPERATIONS_MANAGER, HISTORY_START)
    for plan in TEAMS:
        name = _name(plan.name, suffix)
        teams.append(TeamRecord(name, _name(plan.service, suffix), str(plan.kind),
                                plan.opened, None))  # fmt: skip
        post(name, CareerGrade.TEAM_MANAGER, plan.opened)
        for _ in range(plan.senior_practitioners):
            post(name, CareerGrade.SENIOR_PRACTITIONER, plan.opened)
        for _ in range(plan.social_workers):
            post(name, CareerGrade.SOCIAL_WORKER, plan.opened)
        if plan.extra_social_worker_from:
            post(name, CareerGrade.SOCIAL_WORKER, plan.extra_social_worker_from)
        if plan.consultant_from:
            post(name, CareerGrade.CONSULTANT_SOCIAL_WORKER, plan.consultant_from)
    return Area(
        number=number,
        suffix=suffix,
        services=tuple(services),
        teams=tuple(teams),
        posts=tuple(posts),
        leadership_team=teams[0].name,
        management_teams=management,
    )
