"""A team's children's allocations and the allocation planner's proposals for those waiting.

A team's managers (and HR) see the team's children by pseudonymous id only, each worker's
weighted load against their cap, which children have had two or more changes of social worker in
the year and why, who is waiting and for how long, and who the planner proposes
should take each waiting child (only the team's own workers, so no other team is named);
leadership sees counts only, small ones withheld; anyone else is refused (403), as on the
team page. Every view naming workers is audited.
"""

from __future__ import annotations

import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from thrive.metrics.caseload_weights import caseload_weights
from thrive.summaries.allocation_inputs import open_on
from thrive.summaries.allocation_plan import allocation_plan, team_allocations
from thrive.summaries.child_changes import team_changes
from thrive.summaries.scope import OutOfScopeError, TeamAccess
from thrive.summaries.suppression import shown_count
from thrive.web import audit
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.models import AuditEvent
from thrive.web.views.common import page_request, render_page


@accepts(*DOWNLOADS)
@login_required
def team_allocation_plan(request: HttpRequest, team_id: int) -> HttpResponse:
    """One team's allocations "as at" a date, its children's changes of social worker in the
    year, and the plan for its waiting children."""
    page = page_request(request)
    scope, frames = page.scope, page.frames
    found = frames.teams.filter(pl.col("team_id") == team_id)
    if found.is_empty():
        raise Http404("No such team")
    access = scope.team_access(team_id, found["service_id"][0])
    if access is TeamAccess.DENIED:
        raise OutOfScopeError("This team is outside the part of the council you manage.")
    team = found.row(0, named=True)
    spells = open_on(frames.allocations, page.as_at).filter(pl.col("team_id") == team_id)
    waiting_n = spells.filter(pl.col("worker_id").is_null()).height
    named = access is TeamAccess.NAMED
    stability = team_changes(frames, team_id, page.as_at)
    causes = stability.causes()
    context: dict[str, object] = {
        "team": team,
        "named": named,
        "held_count": shown_count(spells.height - waiting_n, named=named),
        "waiting_count": shown_count(waiting_n, named=named),
        "weights": caseload_weights(),
        "stability": stability,
        "counted_count": shown_count(stability.counted, named=named),
        "too_many_count": shown_count(
            len(stability.too_many), named=named, within=stability.counted
        ),
        "left_count": shown_count(causes["worker_left"], named=named),
        "internal_count": shown_count(causes["internal_move"], named=named),
        "other_count": shown_count(causes["other"], named=named),
    }
    if named:
        plan = allocation_plan(frames, page.as_at, team_id=team_id, own_team_only=True)
        loads = plan.workers
        openable = scope.named_workers(frames, page.as_at)
        names = {w.pseudonym: w.name for w in loads}
        context |= {
            "plan": plan,
            "loads": [(w, w.worker_id in openable) for w in loads],
            "held": [
                (h, names.get(h.worker, h.worker))
                for h in team_allocations(frames, team_id, page.as_at)
            ],
            "proposals": [(p, names.get(p.worker, p.worker)) for p in plan.proposals],
        }
        if loads or stability.children:
            audit.record(
                request,
                scope,
                AuditEvent.Action.VIEW_TEAM,
                f"Allocations of {team['team']} as at {page.as_at:%-d %B %Y} "
                f"({len(loads)} named workers; {stability.counted} children's changes of "
                "social worker)",
                [w.pseudonym for w in loads],
            )
    return render_page(request, page, "thrive/allocation_plan.html", "teams", context)
