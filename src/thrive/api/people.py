"""``/api/v1/workforce`` (teams in scope, and the workers this token's user may see named) and
``/api/v1/imports`` (import batches and their problems, HR admins only).

Every call that answers with named people is written to the audit log (action ``api_named``),
with their pseudonyms, as a page that names them is.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from thrive.api.common import ANSWERS, DATE, EXAMPLE, NotFoundError, centre_for
from thrive.api.schemas import (
    Batch,
    BatchProblems,
    Imports,
    QuarantinedRow,
    Workforce,
)
from thrive.audit import AuditEvent, write
from thrive.centre.centre import Centre
from thrive.import_records.models import ImportBatch
from thrive.summaries.roster import UnknownTeamIdError, roster
from thrive.summaries.scope import OutOfScopeError

router = Router(tags=["people"])
MOST_BATCHES = 200
MOST_PROBLEMS = 1000


def _audit(request: HttpRequest, centre: Centre, subject: str, workers: list[str]) -> None:
    write(
        user_id=request.user.pk,
        username=centre.scope.username,
        action=AuditEvent.Action.API_NAMED,
        authority_id=centre.authority_id,
        subject=f"API: {subject}",
        path=request.get_full_path(),
        workers=workers,
    )


@router.get("/workforce", response={200: Workforce, **ANSWERS}, summary="The workforce in scope")
def workforce(
    request: HttpRequest,
    as_at: str | None = Query(
        None, pattern=DATE, examples=[EXAMPLE], description="YYYY-MM-DD; default the latest"
    ),
    team_id: int | None = Query(None, ge=1, le=2**31 - 1, description="Only this team"),
) -> Workforce:
    """Each team the user may open, with its headcount, and the workers in post the user may see
    named (HR: everyone; leadership: managers; a manager: their team or service)."""
    centre = centre_for(request, as_at)
    try:
        found = roster(centre.frames, centre.as_at, centre.scope, team_id)
    except UnknownTeamIdError as missing:
        raise NotFoundError(str(missing)) from missing
    if found.workers:
        _audit(
            request,
            centre,
            f"workforce as at {centre.as_at}" + (f", team {team_id}" if team_id else ""),
            [w.pseudonym for w in found.workers],
        )
    return Workforce(
        authority=centre.authority,
        as_at=centre.as_at,
        teams=list(found.teams),
        workers=list(found.workers),
    )


def _hr_admin(request: HttpRequest) -> Centre:
    centre = centre_for(request, None)
    if not centre.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can read the imports.")
    return centre


def _batches(centre: Centre) -> Q:
    return Q(authority_id=centre.authority_id) | Q(authority__isnull=True)


@router.get("/imports", response={200: Imports, **ANSWERS}, summary="Import batches (HR admin)")
def imports(request: HttpRequest, limit: int = Query(50, ge=1, le=MOST_BATCHES)) -> Imports:
    """The latest import batches into the authority, newest first, as the Data page lists them."""
    centre = _hr_admin(request)
    batches = ImportBatch.objects.filter(_batches(centre)).order_by("-imported_at", "-pk")
    return Imports(
        authority=centre.authority,
        batches=[Batch.from_orm(b) for b in batches[:limit]],
    )


@router.get(
    "/imports/{batch_id}",
    response={200: BatchProblems, **ANSWERS},
    summary="One import batch and its quarantined rows (HR admin)",
)
def import_batch(request: HttpRequest, batch_id: int) -> BatchProblems:
    """One batch, with the rows it quarantined and the problems found in each (the first 1,000)."""
    centre = _hr_admin(request)
    if not 1 <= batch_id <= 2**63 - 1:
        raise NotFoundError(f"No import batch {batch_id}")
    batch = ImportBatch.objects.filter(_batches(centre), pk=batch_id).first()
    if batch is None:
        raise NotFoundError(f"No import batch {batch_id}")
    rows = list(batch.quarantine.all()[:MOST_PROBLEMS])
    if rows:
        _audit(request, centre, f"problems of import batch {batch_id}", [])
    return BatchProblems(
        batch=Batch.from_orm(batch),
        problems=[
            QuarantinedRow(location=r.location, values=r.values, errors=r.errors) for r in rows
        ],
    )
