"""A small hand-made council for the web tests: three teams in two services, one user per role.

Every worker's name is distinctive ("Ann Cpn03q" cannot be part of another name), so a test can
search a page's HTML for each name that must not be there. The records end on 30 September 2025,
so pages open "as at" that day.

- Safeguarding: Child Protection North (CPN) and Child Protection South (CPS);
  Children in Care: Children in Care East (CIC).
- Each team: a team manager and six practitioners. In CPN: one ASYE over her protected cap, one
  worker over the cap, one with no supervision in four weeks, one appraisal overdue, a starter
  and a leaver this collection year.
- Before the collection year, six people left each team (2017 to 2024), some after months
  without supervision, so the leaving-risk model has a history to fit; they are named only to
  HR (no page's window reaches them for a manager).
- Users (password ``correct horse battery``): ``hr`` (HR admin), ``lead`` (leadership),
  ``svc`` (service manager, Safeguarding), ``tm`` (team manager, CPN), ``tm.cic`` (team manager,
  CIC), and ``nobody`` (signed in, no role).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

import factories
from thrive.codes import (
    CareerGrade,
    ContractType,
    LeaverDestination,
    ReasonLeave,
    Role,
    StartOrigin,
    SupervisionKind,
    TeamKind,
)
from thrive.workforce import models

AS_AT = date(2025, 9, 30)
PASSWORD = "correct horse battery"
TEAMS = {
    "CPN": ("Child Protection North", "Safeguarding", TeamKind.CHILD_PROTECTION),
    "CPS": ("Child Protection South", "Safeguarding", TeamKind.CHILD_PROTECTION),
    "CIC": ("Children in Care East", "Children in Care", TeamKind.CHILDREN_IN_CARE),
}
FIRST_NAMES = ("Ann", "Bea", "Cal", "Dev", "Eli", "Fay", "Gus")


@dataclass
class Council:
    authority: models.Authority
    teams: dict[str, models.Team]
    # worker names by team code; index 0 is the team manager
    names: dict[str, list[str]] = field(default_factory=dict)
    pseudonyms: dict[str, list[str]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    leaver_name: str = ""
    starter_name: str = ""
    # people who left each team before this collection year, by team code
    past: dict[str, list[str]] = field(default_factory=dict)

    def all_names(self) -> set[str]:
        named = {n for names in self.names.values() for n in names} | {self.leaver_name}
        return named | {n for names in self.past.values() for n in names}

    def names_of(self, *codes: str) -> set[str]:
        found = {n for code in codes for n in self.names[code]}
        return found | ({self.leaver_name} if "CPN" in codes else set())

    def managers(self) -> set[str]:
        return {names[0] for names in self.names.values()}


def build() -> Council:
    """Create the council in the test database and return what the tests need to know."""
    la = factories.authority(la_number="998", name="Somervale Test Council")
    council = Council(authority=la, teams={})
    for code, (name, service, kind) in TEAMS.items():
        council.teams[code] = factories.team(la, name=name, service=service, kind=kind)
    for code, team in council.teams.items():
        _staff_team(council, code, team)
    _cpn_situations(council)
    _history(council)
    _users(council)
    return council


def _name(code: str, i: int) -> str:
    return f"{FIRST_NAMES[i]} {code.capitalize()}{i:02d}q"


def _staff_team(council: Council, code: str, team: models.Team) -> None:
    names, pseudonyms = [], []
    manager = None
    for i in range(7):
        grade = CareerGrade.TEAM_MANAGER if i == 0 else CareerGrade.SOCIAL_WORKER
        person = factories.worker(council.authority, name=_name(code, i))
        factories.spell(person, team, date(2019, 4, 1), grade=grade, start_origin=2)
        names.append(person.name)
        pseudonyms.append(person.pseudonym)
        if i == 0:
            manager = person
            models.TeamManagerAssignment.objects.create(
                team=team, manager=person, start_date=date(2019, 4, 1)
            )
            continue
        assert manager is not None
        models.LineManagement.objects.create(
            manager=manager, report=person, start_date=date(2019, 4, 1)
        )
        models.CaseloadSnapshot.objects.create(worker=person, date=AS_AT, cases=8 + i)
        for weeks in (1, 5, 9):
            models.Supervision.objects.create(
                worker=person,
                date=AS_AT - timedelta(weeks=weeks),
                kind=SupervisionKind.INDIVIDUAL.value,
                supervisor=manager,
            )
        models.Appraisal.objects.create(
            worker=person,
            cycle="2025/26",
            due_date=date(2026, 3, 31),
            completed_date=None,
        )
    council.names[code] = names
    council.pseudonyms[code] = pseudonyms


def _cpn_situations(council: Council) -> None:
    """CPN's particular people: an ASYE, an over-cap worker, overdue supervision and appraisal."""
    team = council.teams["CPN"]
    workers = {w.name: w for w in models.Worker.objects.filter(name__in=council.names["CPN"])}
    over = workers[council.names["CPN"][1]]
    models.CaseloadSnapshot.objects.filter(worker=over).update(cases=19)
    unsupervised = workers[council.names["CPN"][2]]
    models.Supervision.objects.filter(
        worker=unsupervised, date__gt=AS_AT - timedelta(weeks=4)
    ).delete()
    late = workers[council.names["CPN"][3]]
    models.Appraisal.objects.filter(worker=late).update(due_date=date(2025, 6, 30))

    asye = factories.worker(council.authority, name="Hal Cpn07q")
    factories.spell(
        asye,
        team,
        date(2025, 8, 1),
        grade=CareerGrade.ASYE,
        start_origin=StartOrigin.NEWLY_QUALIFIED.value,
    )
    models.AsyeProgramme.objects.create(
        worker=asye, cohort="2025 August", start_date=date(2025, 8, 1)
    )
    models.CaseloadSnapshot.objects.create(worker=asye, date=AS_AT, cases=13)
    council.names["CPN"].append(asye.name)
    council.pseudonyms["CPN"].append(asye.pseudonym)
    council.starter_name = asye.name

    leaver = factories.worker(council.authority, name="Ivy Cpn08q")
    factories.spell(
        leaver,
        team,
        date(2020, 1, 6),
        date(2025, 3, 31),
        start_origin=2,
        reason_leave=ReasonLeave.RESIGNATION.value,
        leaver_destination=LeaverDestination.OTHER_LA_ENGLAND.value,
    )
    council.leaver_name = leaver.name

    agency = factories.worker(council.authority, name="Jo Cpn09q")
    factories.spell(agency, team, date(2025, 1, 6), contract=ContractType.AGENCY)
    models.CaseloadSnapshot.objects.create(worker=agency, date=AS_AT, cases=12)
    models.Supervision.objects.create(
        worker=agency, date=AS_AT - timedelta(days=3), kind=SupervisionKind.GROUP.value
    )
    council.names["CPN"].append(agency.name)
    council.pseudonyms["CPN"].append(agency.pseudonym)


PAST_NAMES = ("Kit", "Lou", "Max", "Ned", "Oda", "Pip")


def _history(council: Council) -> None:
    """Six leavers per team before this collection year, for the leaving-risk model.

    Starts run from 2014 to 2019 and leavings from 2017 to September 2024, so the model sees
    people leave at every length of service the people in post have. Half were supervised
    monthly to the end; the others had none in their last year.
    """
    sessions = []
    for t, (code, team) in enumerate(council.teams.items()):
        council.past[code] = []
        for i, first in enumerate(PAST_NAMES):
            start = date(2014 + i, 1 + 2 * t, 10)
            end = min(start + timedelta(days=365 * (3 + (i + t) % 5) + 40 * i), date(2024, 9, 1))
            person = factories.worker(
                council.authority, name=f"{first} {code.capitalize()}{i:02d}p"
            )
            factories.spell(
                person,
                team,
                start,
                end,
                start_origin=2,
                reason_leave=ReasonLeave.RESIGNATION.value,
                leaver_destination=LeaverDestination.OTHER_LA_ENGLAND.value,
            )
            council.past[code].append(person.name)
            last = end - timedelta(days=365 if i % 2 else 20)
            day = start
            while day <= last:
                sessions.append(
                    models.Supervision(
                        worker=person, date=day, kind=SupervisionKind.INDIVIDUAL.value
                    )
                )
                day += timedelta(days=30)
    models.Supervision.objects.bulk_create(sessions)


@cache
def _password_hash() -> str:
    """Argon2 is slow on purpose: hash the shared test password once per run."""
    return make_password(PASSWORD)


def _users(council: Council) -> None:
    la, teams = council.authority, council.teams
    cpn_manager = models.Worker.objects.get(name=council.names["CPN"][0])
    specs = {
        "hr": {"role": Role.HR_ADMIN},
        "lead": {"role": Role.LEADERSHIP},
        "svc": {"role": Role.SERVICE_MANAGER, "service": teams["CPN"].service},
        "tm": {"role": Role.TEAM_MANAGER, "team": teams["CPN"], "worker": cpn_manager},
        "tm.cic": {"role": Role.TEAM_MANAGER, "team": teams["CIC"]},
    }
    for username, spec in specs.items():
        user = User.objects.create(username=username, password=_password_hash())
        role = spec.pop("role")
        models.UserAccess.objects.create(user=user, authority=la, role=role.value, **spec)
        council.users[username] = user
    council.users["nobody"] = User.objects.create(username="nobody", password=_password_hash())
