"""One authority's records as the rows of the import templates, kind by kind.

Each function yields one dict per row, keyed by the template's column names and holding text
exactly as the importer reads it back: dates as ``2024-09-30``, numbers without trailing zeros,
codes as Thrive's codes, yes/no as ``yes``/``no``, nothing as an empty cell. Rows come in the
order the records were stored, so an import of the file stores them in the same order again.

- ``posts``: one row per establishment post (its service and team, and the team's kind, so the
  import creates the team);
- ``staff``: one row per employment spell, with the worker's details repeated on each, and on the
  spell that ends with the worker leaving, the reason and destination (so the leavers are here);
- ``absence``, ``supervision``, ``appraisal``, ``caseloads``: one row per record;
- ``applicants``: one row per candidate, with the requisition's details repeated on each (and
  one with no candidate for a requisition no one has applied to);
- ``teams`` (every team, with or without posts, and its opened and closed dates),
  ``team_managers``, ``registration`` and ``targets``: one row per record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet

from thrive.codes.lifecycle import Stage
from thrive.lifecycle import models as lc
from thrive.workforce import models as wf

RowSource = Callable[[wf.Authority], Iterator[dict[str, str]]]
"""Everything one kind of record file holds for an authority, row by row."""


def cell(value: object) -> str:
    """A stored value written as the importers read it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 0.800000 -> 0.8, 450.00 -> 450
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _rows(queryset: QuerySet[Any], columns: dict[str, str]) -> Iterator[dict[str, str]]:
    """``columns`` maps each template column to the model field (or path) it comes from."""
    names, paths = list(columns), list(columns.values())
    for values in queryset.order_by("pk").values_list(*paths).iterator(chunk_size=5000):
        yield {name: cell(value) for name, value in zip(names, values, strict=True)}


def _of_workers(model: type[Model], authority: wf.Authority) -> QuerySet[Any]:
    return model._default_manager.filter(worker__authority=authority)


WORKER = {"worker_id": "worker__pseudonym", "swe_number": "worker__swe_number"}


def teams(authority: wf.Authority) -> Iterator[dict[str, str]]:
    """Every team, with or without posts, and when it opened and closed."""
    return _rows(
        wf.Team.objects.filter(service__authority=authority),
        {
            "service": "service__name",
            "team": "name",
            "team_kind": "kind",
            "opened": "opened",
            "closed": "closed",
        },
    )


def team_managers(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        wf.TeamManagerAssignment.objects.filter(team__service__authority=authority),
        {
            "team": "team__name",
            "worker_id": "manager__pseudonym",
            "swe_number": "manager__swe_number",
            "start_date": "start_date",
            "end_date": "end_date",
        },
    )


def registration(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        _of_workers(lc.RegistrationRecord, authority),
        {**WORKER, "registration_year": "registration_year", "event": "event", "date": "date"},
    )


def targets(authority: wf.Authority) -> Iterator[dict[str, str]]:
    """The targets the council set in Thrive (its targets file, if any, stays its own)."""
    return _rows(
        wf.MeasureTarget.objects.filter(authority=authority),
        {
            "measure": "measure",
            "group": "group",
            "target": "target",
            "amber_within": "amber_within",
            "note": "note",
        },
    )


def posts(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        wf.EstablishmentPost.objects.filter(team__service__authority=authority),
        {
            "service": "team__service__name",
            "team": "team__name",
            "team_kind": "team__kind",
            "reference": "reference",
            "grade": "grade",
            "funded_fte": "funded_fte",
            "start_date": "start_date",
            "end_date": "end_date",
        },
    )


def staff(authority: wf.Authority) -> Iterator[dict[str, str]]:
    """Spells grouped by worker (in the order the workers were stored), each worker's in order."""
    spells = _of_workers(wf.EmploymentSpell, authority).order_by("worker_id", "pk")
    columns = {
        **WORKER,
        "name": "worker__name",
        "birth_date": "worker__birth_date",
        "sex": "worker__sex",
        "ethnicity": "worker__ethnicity",
        "qualification_level": "worker__qualification_level",
        "qualified_on": "worker__qualified_on",
        "route": "worker__route",
        "disability": "worker__disability",
        "team": "team__name",
        "grade": "grade",
        "org_role": "org_role",
        "contract_type": "contract_type",
        "fte": "fte",
        "start_date": "start_date",
        "end_date": "end_date",
        "start_origin": "start_origin",
        "reason_leave": "reason_leave",
        "leaver_destination": "leaver_destination",
        "day_rate": "day_rate",
        "post_reference": "post__reference",
        "staff_group": "staff_group",
    }
    names, paths = list(columns), list(columns.values())
    for values in spells.values_list(*paths).iterator(chunk_size=5000):
        yield {name: cell(value) for name, value in zip(names, values, strict=True)}


def absence(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        _of_workers(wf.AbsenceEpisode, authority),
        {
            **WORKER,
            "start_date": "start_date",
            "end_date": "end_date",
            "reason": "reason",
            "working_days_lost": "working_days_lost",
        },
    )


def supervision(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        _of_workers(wf.Supervision, authority),
        {**WORKER, "date": "date", "kind": "kind", "supervisor_id": "supervisor__pseudonym"},
    )


def appraisal(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        _of_workers(wf.Appraisal, authority),
        {**WORKER, "cycle": "cycle", "due_date": "due_date", "completed_date": "completed_date"},
    )


def caseloads(authority: wf.Authority) -> Iterator[dict[str, str]]:
    return _rows(
        _of_workers(wf.CaseloadSnapshot, authority),
        {
            **WORKER,
            "date": "date",
            "cases": "cases",
            "children": "children",
            "weighted_points": "weighted_points",
        },
    )


CANDIDATE_COLUMNS = (
    "candidate", "source", "route", "values_score", "young_people_on_panel", "decline_reason",
    "cost", "worker", *(str(stage) for stage in Stage), "disability", "met_minimum_criteria",
)  # fmt: skip


def applicants(authority: wf.Authority) -> Iterator[dict[str, str]]:
    """One row per candidate; each stage the candidate reached is a date in its own column. A
    requisition no one applied to has a row of its own, with the candidate's columns empty."""
    stages: dict[int, dict[str, str]] = {}
    for candidate_id, stage, day in lc.StageEvent.objects.filter(
        candidate__requisition__authority=authority
    ).values_list("candidate_id", "stage", "date"):
        stages.setdefault(candidate_id, {})[stage] = cell(day)
    candidates = lc.Candidate.objects.filter(requisition__authority=authority).order_by(
        "requisition_id", "pk"
    )
    columns = {
        "_pk": "pk",
        "requisition": "requisition__reference",
        "team": "requisition__team__name",
        "grade": "requisition__grade",
        "post_reference": "requisition__post__reference",
        "opened": "requisition__start_date",
        "closed": "requisition__end_date",
        "advert_cost": "requisition__advert_cost",
        "candidate": "reference",
        "source": "source",
        "route": "route",
        "values_score": "values_score",
        "young_people_on_panel": "young_people_on_panel",
        "decline_reason": "decline_reason",
        "cost": "cost",
        "worker": "hired_worker__pseudonym",
        "disability": "disability",
        "met_minimum_criteria": "met_minimum_criteria",
        "_requisition_pk": "requisition_id",
    }
    names, paths = list(columns), list(columns.values())
    alone = _without_candidates(authority)
    for values in candidates.values_list(*paths).iterator(chunk_size=5000):
        while alone and alone[0][0] < values[-1]:  # in the order the requisitions were stored
            yield alone.pop(0)[1]
        row = {name: cell(value) for name, value in zip(names, values, strict=True)}
        row.pop("_requisition_pk")
        reached = stages.get(int(row.pop("_pk")), {})
        row.update({str(stage): reached.get(str(stage), "") for stage in Stage})
        yield row
    yield from (row for _, row in alone)


def _without_candidates(authority: wf.Authority) -> list[tuple[int, dict[str, str]]]:
    """A row for each requisition no one has applied to yet: its columns, the rest empty."""
    columns = {
        "requisition": "reference",
        "team": "team__name",
        "grade": "grade",
        "post_reference": "post__reference",
        "opened": "start_date",
        "closed": "end_date",
        "advert_cost": "advert_cost",
    }
    found = lc.Requisition.objects.filter(authority=authority, candidates__isnull=True)
    empty = dict.fromkeys(CANDIDATE_COLUMNS, "")
    return [
        (values[0], {**empty, **dict(zip(columns, map(cell, values[1:]), strict=True))})
        for values in found.order_by("pk").values_list("pk", *columns.values())
    ]
