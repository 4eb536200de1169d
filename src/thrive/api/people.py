"""``/api/v1/workforce``: teams in scope, and the workers this token's user may see named.

Every call that answers with named people is written to the audit log (action ``api_named``),
with their pseudonyms, as a page that names them is. The import batches are
:mod:`thrive.api.imports`.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from thrive.api.common import ANSWERS, DATE, EXAMPLE, NotFoundError, audit_named, centre_for
from thrive.api.schemas import Workforce
from thrive.summaries.roster import UnknownTeamIdError, roster

router = Router(tags=["people"])


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
        audit_named(
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
