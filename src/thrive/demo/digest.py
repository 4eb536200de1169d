"""A fingerprint of everything the store holds for one authority.

``store_digest`` is a SHA-256 over a canonical dump of every workforce table for the authority
(children's allocations included):
rows named by natural keys (service and team names, post references, worker pseudonyms), never
by database ids; values written the same way whatever the database; rows sorted in Python (not
by the database's collation). Two builds of the demo with the same seed give the same digest, on
SQLite or PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from thrive.children.models import Allocation
from thrive.workforce import models


def _canonical(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _tables(a: models.Authority) -> list[tuple[str, QuerySet[Any], tuple[str, ...]]]:
    """(table, rows of this authority, natural-key columns first then the rest)."""
    by_worker = {"worker__authority": a}
    return [
        ("authority", models.Authority.objects.filter(pk=a.pk),
         ("la_number", "name", "region", "is_demo", "demo_seed", "demo_scale")),
        ("service", models.Service.objects.filter(authority=a), ("name",)),
        ("team", models.Team.objects.filter(service__authority=a),
         ("service__name", "name", "kind", "opened", "closed")),
        ("post", models.EstablishmentPost.objects.filter(team__service__authority=a),
         ("team__name", "reference", "grade", "funded_fte", "start_date", "end_date")),
        ("worker", models.Worker.objects.filter(authority=a),
         ("pseudonym", "name", "swe_number", "birth_date", "sex", "ethnicity",
          "qualification_level", "qualified_on", "route")),
        ("spell", models.EmploymentSpell.objects.filter(**by_worker),
         ("worker__pseudonym", "start_date", "org_role", "end_date", "team__name",
          "post__reference", "contract_type", "grade", "fte", "start_origin", "reason_leave",
          "leaver_destination", "day_rate")),
        ("line_management", models.LineManagement.objects.filter(report__authority=a),
         ("report__pseudonym", "start_date", "end_date", "manager__pseudonym")),
        ("team_manager", models.TeamManagerAssignment.objects.filter(team__service__authority=a),
         ("team__name", "start_date", "end_date", "manager__pseudonym")),
        ("caseload", models.CaseloadSnapshot.objects.filter(**by_worker),
         ("worker__pseudonym", "date", "cases", "children", "weighted_points")),
        ("supervision", models.Supervision.objects.filter(**by_worker),
         ("worker__pseudonym", "date", "kind", "supervisor__pseudonym")),
        ("appraisal", models.Appraisal.objects.filter(**by_worker),
         ("worker__pseudonym", "cycle", "due_date", "completed_date")),
        ("absence", models.AbsenceEpisode.objects.filter(**by_worker),
         ("worker__pseudonym", "start_date", "end_date", "reason", "working_days_lost")),
        ("asye", models.AsyeProgramme.objects.filter(**by_worker),
         ("worker__pseudonym", "cohort", "start_date", "review_3_months", "review_6_months",
          "review_12_months", "outcome", "outcome_date", "extended_to")),
        ("scheme", models.SchemeMembership.objects.filter(**by_worker),
         ("worker__pseudonym", "scheme", "start_date", "end_date")),
        ("user_access", models.UserAccess.objects.filter(authority=a),
         ("user__username", "role", "service__name", "team__name", "worker__pseudonym")),
        ("allocation", Allocation.objects.filter(authority=a),
         ("child", "start_date", "end_date", "age_band", "worker__pseudonym", "team__name",
          "case_type", "complexity", "sibling_group", "end_reason")),
    ]  # fmt: skip


def store_digest(authority: models.Authority) -> str:
    """SHA-256 (hex) of a canonical, ordered dump of every workforce table for ``authority``."""
    digest = hashlib.sha256()
    for table, rows, columns in _tables(authority):
        lines = sorted(
            "\t".join(_canonical(value) for value in row)
            for row in rows.order_by().values_list(*columns).iterator(chunk_size=5000)
        )
        digest.update(f"# {table} {len(lines)}\n".encode())
        for line in lines:
            digest.update(line.encode())
            digest.update(b"\n")
    return digest.hexdigest()
