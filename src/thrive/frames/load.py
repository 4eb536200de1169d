"""The one place the store is read into Polars frames for analysis.

>>> frames = load(Authority.objects.get(la_number="999"))   # doctest: +SKIP
>>> frames.spells.filter(pl.col("end_date").is_null()).height  # doctest: +SKIP
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl
from django.db.models import Min, QuerySet

from thrive.children.models import Allocation
from thrive.codes.staff import SOCIAL_WORKER
from thrive.frames.workforce import (
    SCHEMAS,
    AllocationFrames,
    FrameOrSource,
    WorkforceFrames,
    frame,
)
from thrive.import_records.models import CensusWorkerDetail
from thrive.lifecycle.models import Visit
from thrive.trainees import models as pipeline
from thrive.training import models as tr
from thrive.workforce import models

_SPELL_COLUMNS = (
    "pk",
    "worker_id",
    "team_id",
    "post_id",
    "contract_type",
    "grade",
    "org_role",
    "fte",
    "start_date",
    "end_date",
    "start_origin",
    "reason_leave",
    "leaver_destination",
    "day_rate",
)

# For each frame: the queryset (given the authority) and the model fields behind its columns, in
# the schema's order.
_SOURCES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "teams": (
        lambda a: models.Team.objects.filter(service__authority=a).order_by("pk"),
        ("pk", "name", "kind", "service_id", "service__name", "opened", "closed"),
    ),
    "workers": (
        lambda a: models.Worker.objects.filter(authority=a).order_by("pk"),
        (
            "pk",
            "pseudonym",
            "name",
            "swe_number",
            "birth_date",
            "sex",
            "ethnicity",
            "qualification_level",
            "qualified_on",
            "route",
            "disability",
        ),
    ),
    "posts": (
        lambda a: models.EstablishmentPost.objects.filter(team__service__authority=a).order_by(
            "pk"
        ),
        ("pk", "team_id", "reference", "grade", "funded_fte", "start_date", "end_date"),
    ),
    "line_management": (
        lambda a: models.LineManagement.objects.filter(report__authority=a).order_by("pk"),
        ("manager_id", "report_id", "start_date", "end_date"),
    ),
    "team_managers": (
        lambda a: models.TeamManagerAssignment.objects.filter(team__service__authority=a).order_by(
            "pk"
        ),
        ("team_id", "manager_id", "start_date", "end_date"),
    ),
    "caseloads": (
        lambda a: models.CaseloadSnapshot.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "date", "cases", "children", "weighted_points"),
    ),
    "supervisions": (
        lambda a: models.Supervision.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "date", "kind", "supervisor_id"),
    ),
    "appraisals": (
        lambda a: models.Appraisal.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "cycle", "due_date", "completed_date"),
    ),
    "absences": (
        lambda a: models.AbsenceEpisode.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "start_date", "end_date", "reason", "working_days_lost"),
    ),
    "asye": (
        lambda a: models.AsyeProgramme.objects.filter(worker__authority=a).order_by("pk"),
        (
            "worker_id",
            "cohort",
            "start_date",
            "review_3_months",
            "review_6_months",
            "review_12_months",
            "outcome",
            "outcome_date",
            "extended_to",
        ),
    ),
    "schemes": (
        lambda a: models.SchemeMembership.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "scheme", "start_date", "end_date"),
    ),
    "courses": (
        lambda a: tr.Course.objects.filter(authority=a).order_by("pk"),
        (
            "pk",
            "name",
            "mandatory",
            "renewal_months",
            "grades",
            "org_roles",
            "contract_types",
            "staff_groups",
        ),
    ),
    "completions": (
        lambda a: tr.Completion.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "course_id", "completed_date"),
    ),
    "inductions": (
        lambda a: tr.Induction.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "start_date", "completed_date"),
    ),
    "pay": (
        lambda a: CensusWorkerDetail.objects.filter(worker__authority=a).order_by("pk"),
        ("worker_id", "year", "base_salary", "rr_payments", "other_payments"),
    ),
    "placements": (
        lambda a: pipeline.StudentPlacement.objects.filter(authority=a).order_by("pk"),
        tuple(SCHEMAS["placements"]),
    ),
    "trainees": (
        lambda a: pipeline.Trainee.objects.filter(authority=a).order_by("pk"),
        tuple(SCHEMAS["trainees"]),
    ),
    "visits": (
        lambda a: (
            Visit.objects.filter(authority=a)
            .annotate(applied=Min("candidate__stages__date"))
            .order_by("pk")
        ),
        (
            "pk",
            "date",
            "career_stage",
            "source",
            "team_id",
            "candidate_id",
            "applied",
            "candidate__hired_worker_id",
        ),
    ),
    # Every staff group's spells (social workers' too), read once: ``spells``, the social workers'
    # (the census's population, which every measure, forecast and page reads), is taken from it.
    "all_spells": (
        lambda a: models.EmploymentSpell.objects.filter(worker__authority=a).order_by("pk"),
        (*_SPELL_COLUMNS, "staff_group"),
    ),
}

# The children's allocation spells: a family of their own (:class:`AllocationFrames`), read
# only by what uses them.
_ALLOCATION_COLUMNS = (
    "child",
    "age_band",
    "worker_id",
    "team_id",
    "case_type",
    "start_date",
    "end_date",
    "end_reason",
    "complexity",
    "sibling_group",
)

# Rows are turned into a frame this many at a time, so a large table (two million allocation
# spells at scale 20) never sits in memory as Python tuples all at once.
CHUNK_ROWS = 100_000


def _frame(name: str, queryset: QuerySet[Any], columns: tuple[str, ...]) -> pl.DataFrame:
    """The frame ``name`` from the rows of ``queryset`` (``columns`` in the schema's order)."""
    chunks = []
    rows: list[tuple[object, ...]] = []
    for row in queryset.values_list(*columns).iterator(chunk_size=CHUNK_ROWS):
        # Decimals become floats here, once, so the analysis packages only see plain numbers.
        rows.append(tuple(float(v) if isinstance(v, Decimal) else v for v in row))
        if len(rows) == CHUNK_ROWS:
            chunks.append(frame(name, rows))
            rows = []
    if rows or not chunks:
        chunks.append(frame(name, rows))
    return chunks[0] if len(chunks) == 1 else pl.concat(chunks, rechunk=True)


def load(authority: models.Authority, allocations: FrameOrSource | None = None) -> WorkforceFrames:
    """Read every workforce record of one authority into frames.

    The children's allocation spells are read when first used: from the store, or from
    ``allocations`` when given (the frame, or a function returning it: the shared files).
    """
    loaded = {name: _frame(name, q(authority), columns) for name, (q, columns) in _SOURCES.items()}
    loaded["spells"] = (
        loaded["all_spells"].filter(pl.col("staff_group") == SOCIAL_WORKER).drop("staff_group")
    )
    return WorkforceFrames(
        la_number=authority.la_number,
        authority=authority.name,
        allocations=allocations if allocations is not None else lambda: _allocations(authority),
        **loaded,
    )


def load_allocations(authority: models.Authority) -> AllocationFrames:
    """Read one authority's children's allocation spells into their frame."""
    return AllocationFrames(
        la_number=authority.la_number,
        authority=authority.name,
        allocations=_allocations(authority),
    )


def _allocations(authority: models.Authority) -> pl.DataFrame:
    spells = Allocation.objects.filter(authority=authority).order_by("child", "start_date")
    return _frame("allocations", spells, _ALLOCATION_COLUMNS)
