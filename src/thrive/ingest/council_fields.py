"""The canonical fields of the records a council keeps about its own organisation.

Teams (their kind and when they opened and closed, with or without posts), who managed each
team, Social Work England registration events, and the council's own targets for the measures:
each is an extract kind like the HR ones (same templates, checks, profiles, batches and undo),
so everything Thrive holds can go out with ``thrive export records`` and come back in.
"""

from __future__ import annotations

from decimal import Decimal

from thrive import codes
from thrive.codes import lifecycle
from thrive.ingest.field_spec import SWE_NUMBER, WORKER_ID, FieldSpec, spec

COUNCIL_LABELS = {
    "teams": "Teams",
    "team_managers": "Team managers",
    "registration": "Registration events",
    "targets": "Targets",
}

SERVICE = spec(
    "service",
    "Service",
    "text",
    "The service the team belongs to.",
    required=True,
    example="Safeguarding",
)
TEAM_KIND = spec(
    "team_kind",
    "Team kind",
    "code",
    "What the team does (needed for a team new to Thrive).",
    codes=codes.TeamKind,
    example="child_protection",
)


def _team(doc: str) -> FieldSpec:
    return spec("team", "Team", "text", doc, required=True, example="Child Protection North")


def _date(name: str, label: str, doc: str, example: str, required: bool = False) -> FieldSpec:
    return spec(name, label, "date", doc, required=required, example=example)


MONEY_OR_RATE = {"min": Decimal(-1_000_000), "max": Decimal(1_000_000), "places": 2}

COUNCIL_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "teams": (
        SERVICE,
        _team("The team's name (a team new to Thrive is created, with its service)."),
        TEAM_KIND,
        _date("opened", "Opened", "The day the team opened; empty if not known.", "2019-04-01"),
        _date("closed", "Closed", "The day the team closed; empty while it is open.", ""),
    ),
    "team_managers": (
        _team("The team managed, as already in Thrive (teams or posts extract, or admin)."),
        spec(
            "worker_id",
            "Manager ID",
            "text",
            "The team manager's worker_id (an acting manager counts). Either this or swe_number.",
            max_length=16,
            example="E000777",
        ),
        spec(
            "swe_number",
            "Manager SWE number",
            "text",
            "The team manager's Social Work England number, e.g. SW123456.",
            max_length=12,
            example="",
        ),
        _date(
            "start_date",
            "Start date",
            "First day this person managed the team.",
            "2022-06-01",
            required=True,
        ),
        _date("end_date", "End date", "Last day they managed it; empty while current.", ""),
    ),
    "registration": (
        WORKER_ID,
        SWE_NUMBER,
        spec(
            "registration_year",
            "Registration year",
            "integer",
            "The Social Work England registration year, named by the year it ends in (each "
            "ends on 30 November): 2024 for December 2023 to November 2024.",
            required=True,
            min=Decimal(1990),
            max=Decimal(2100),
            example="2024",
        ),
        spec(
            "event",
            "Event",
            "code",
            "What happened to the registration that year.",
            required=True,
            codes=lifecycle.RegistrationEvent,
            example="renewed",
        ),
        _date("date", "Date", "The day it happened.", "2024-11-12", required=True),
    ),
    "targets": (
        spec(
            "measure",
            "Measure",
            "text",
            "The measure's name, as docs/metrics.md lists them under All measures, e.g. "
            "turnover_rate.",
            required=True,
            max_length=64,
            example="turnover_rate",
        ),
        spec(
            "group",
            "Group",
            "text",
            "Only for the workforce by ethnicity, sex, age band or disability: the group whose "
            "local population share the target is (e.g. Asian); empty for any other measure.",
            max_length=40,
            example="",
        ),
        spec(
            "target",
            "Target",
            "decimal",
            "The council's target, in the measure's unit as the Measures page shows it.",
            required=True,
            example="15",
            **MONEY_OR_RATE,
        ),
        spec(
            "amber_within",
            "Amber within",
            "decimal",
            "Amber when the measure misses the target by no more than this; empty for 10% of "
            "the target.",
            min=Decimal(0),
            max=Decimal(1_000_000),
            places=2,
            example="2",
        ),
        spec(
            "note",
            "Note",
            "text",
            "Where the target comes from.",
            max_length=200,
            example="Workforce strategy 2024-27",
        ),
    ),
}
