"""The Retention page (who stays how long, what goes with leaving) and "Who to talk to".

The Retention page is aggregate: its body is kept per store version like the other aggregate
pages. "Who to talk to" names people, so it is never served whole from a keep: it shows each
viewer only the people they manage (their part of the council's ranked list, kept per scope,
date and store version), reads their latest stay conversations on every request, and writes each
view of names to the audit log.
"""

from __future__ import annotations

import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.codes import Role
from thrive.summaries import kept_results
from thrive.summaries.at_risk import (
    ViewerList,
    at_risk_page,
    conversations_needed,
    viewer_list,
)
from thrive.summaries.leaving_risk import risk_section
from thrive.summaries.periods import in_post
from thrive.summaries.retention import COHORT_CHOICES, curves_section
from thrive.summaries.scope import Scope
from thrive.web import audit, inputs
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.models import AuditEvent
from thrive.web.views.common import (
    Centre,
    Filter,
    kept_for_session,
    page_request,
    render_page,
    working_page,
)

DEFAULT_COHORT = "route_in"


@accepts("by", *DOWNLOADS)
@login_required
@kept_for_session
def retention(request: HttpRequest) -> HttpResponse:
    """Retention curves by the cohort the user picks, and the leaving-risk model."""
    page = page_request(request)
    scope = page.scope
    choices = dict(COHORT_CHOICES)
    by = inputs.choice(request, "by", choices, DEFAULT_COHORT)
    named = scope.is_hr_admin

    def build() -> SafeString:
        curves = kept_results.retention_curves(page, by, page.as_at, named=named)
        risk = kept_results.leaving_risk(page, page.as_at)
        context = {
            "curves": (
                curves_section(None, by, curves.reason)
                if isinstance(curves, kept_results.Unavailable)
                else curves_section(curves, by)
            ),
            "risk": (
                risk_section(None, risk.reason)
                if isinstance(risk, kept_results.Unavailable)
                else risk_section(risk)
            ),
            "named": named,
            "may_see_list": scope.role is not Role.LEADERSHIP,
        }
        return mark_safe(render_to_string("thrive/partials/retention_body.html", context))

    body = page.when_ready(f"retention:{by}:{named}", build)
    if body is None:
        return working_page(request, page, "retention", "Who stays, and what goes with leaving")
    cohort = Filter("by", "Compare by", list(COHORT_CHOICES), by)
    return render_page(
        request, page, "thrive/retention.html", "retention", {"body": body, "filters": [cohort]}
    )


def managed_workers(page: Centre) -> set[int] | None:
    """The people in post whose place on the list this viewer may see (None: everyone).

    HR admins see everyone; team and service managers the people in post in their teams, not
    themselves; leadership (and anyone else) no one.
    """
    scope: Scope = page.scope
    if scope.is_hr_admin:
        return None
    if scope.role not in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        return set()
    teams = list(scope.named_teams(page.frames.teams))
    here = in_post(page.frames.spells, page.as_at).filter(pl.col("team_id").is_in(teams))
    return set(here["worker_id"].to_list()) - {scope.own_worker_id}


def _managed_workers(page: Centre) -> frozenset[int] | None:
    """:func:`managed_workers`, worked out once for each scope, own record, date and version."""
    if page.scope.is_hr_admin:
        return None
    return page.remembered(
        f"managed-workers:{page.scope.own_worker_id}",
        lambda: frozenset(managed_workers(page) or ()),
    )


@accepts(*DOWNLOADS)
@login_required
def at_risk(request: HttpRequest) -> HttpResponse:
    """Who to talk to this month: the people most likely to leave, with the reasons."""
    page = page_request(request)
    visible = _managed_workers(page)
    # The list and the model's out-of-time test (which decides whether anyone is named) are
    # kept once for the authority by kept_results; this only says whether they are there yet
    # (and starts working them out in the background if not).
    ready = page.when_ready(
        f"at-risk-ready:{page.as_at}",
        lambda: (
            bool(kept_results.people_at_risk(page, page.as_at))
            and bool(kept_results.leaving_risk(page, page.as_at))
        ),
        for_authority=True,
    )
    if ready is None:
        return working_page(request, page, "at_risk", "Who to talk to")
    kept_risk = kept_results.leaving_risk(page, page.as_at)
    risk = None if isinstance(kept_risk, kept_results.Unavailable) else kept_risk

    def viewers_part() -> ViewerList | kept_results.Unavailable:
        found = kept_results.people_at_risk(page, page.as_at)
        return found if isinstance(found, kept_results.Unavailable) else viewer_list(found, visible)

    # this viewer's part of the whole list, kept per scope, own record, date and store version
    part = page.remembered(f"at-risk-part:{page.scope.own_worker_id}", viewers_part)
    if isinstance(part, kept_results.Unavailable):
        view = at_risk_page(None, page.as_at, visible, {}, {}, risk, unavailable=part.reason)
    else:
        ids = [p.worker_id for p in part.shown]
        workers = page.frames.workers.filter(pl.col("worker_id").is_in(ids))
        names = {
            w: name or pseudonym
            for w, name, pseudonym in workers.select("worker_id", "name", "pseudonym").iter_rows()
            if visible is None or w in visible
        }
        talks = kept_results.latest_conversations(conversations_needed(part))
        view = at_risk_page(part, page.as_at, visible, names, talks, risk)
    if view.rows:
        audit.record(
            request,
            page.scope,
            AuditEvent.Action.VIEW_TEAM,
            f"Leaving-risk list as at {page.as_at:%-d %B %Y} ({len(view.rows)} named workers)",
            [row.pseudonym for row in view.rows],
        )
    return render_page(request, page, "thrive/at_risk.html", "at_risk", {"page": view})
