"""The Try Before You Apply visits of an authority, as rows of their import template (``thrive
export records``). Each visit's candidate goes out with its requisition, so the candidate is
never ambiguous when the file comes back (after the applicants: ``record_export.LAST``)."""

from __future__ import annotations

from thrive.ingest.development_exports import Rows, _row
from thrive.lifecycle.models import Visit
from thrive.workforce import models as wf


def visit_rows(authority: wf.Authority) -> Rows:
    visits = Visit.objects.filter(authority=authority).select_related(
        "team", "candidate__requisition"
    )
    for visit in visits.order_by("pk"):
        candidate = visit.candidate
        yield _row(
            "visits",
            visit=visit.reference,
            date=visit.date,
            career_stage=visit.career_stage,
            source=visit.source or None,
            team=visit.team.name if visit.team else None,
            candidate=candidate.reference if candidate else None,
            requisition=candidate.requisition.reference if candidate else None,
        )
