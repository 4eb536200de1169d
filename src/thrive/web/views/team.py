"""The Teams list and a Team page; a worker's record. Each view of named workers is audited."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from thrive.centre.centre import Centre
from thrive.codes import Role
from thrive.codes.children import CaseType
from thrive.summaries import kept_pages, kept_results
from thrive.summaries.allocation_inputs import children_of
from thrive.summaries.scope import OutOfScopeError, TeamAccess
from thrive.summaries.team import Caps, UnknownTeamError, team_page
from thrive.summaries.team_index import DEFAULT_SORT, SORTS, team_rows
from thrive.summaries.team_reminders import Reminder, team_reminders
from thrive.summaries.team_training import team_training
from thrive.summaries.worker import UnknownWorkerError, worker_id_for, worker_record
from thrive.summaries.workforce import workforce_page
from thrive.web import audit, conversations, inputs
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.models import AuditEvent
from thrive.web.views.common import (
    kept_for_session,
    named_workers,
    page_request,
    render_page,
    working_page,
)


@accepts("sort", *DOWNLOADS)
@login_required
@kept_for_session
def teams(request: HttpRequest) -> HttpResponse:
    """The teams this user may open, compared side by side (sortable by ``?sort=``, so without
    JavaScript); a team manager goes straight to their own team. In aggregate (no one named):
    kept for the browser session until the data change, like the other aggregate pages."""
    page = page_request(request)
    scope = page.scope
    if scope.role is Role.TEAM_MANAGER and scope.team_id is not None:
        return redirect("team", team_id=scope.team_id)
    sort = inputs.choice(request, "sort", SORTS, DEFAULT_SORT)
    visible = scope.visible_teams(page.frames.teams)
    named_ids = scope.named_teams(page.frames.teams)
    named_teams = {
        name for team_id, name in page.frames.teams.select("team_id", "team").iter_rows()
        if team_id in named_ids
    }  # fmt: skip
    hr = scope.is_hr_admin
    # The figures are the same for every viewer: kept once for the authority (kept_pages).
    ready = page.when_ready(
        f"teams-ready:{page.as_at}:{hr}",
        lambda: (
            bool(kept_pages.team_index(page, page.as_at))
            and bool(kept_pages.workforce(page, page.as_at, hr=hr))
        ),
        for_authority=True,
    )
    if ready is None:
        return working_page(request, page, "teams", "Teams")
    workforce = workforce_page(
        kept_pages.workforce(page, page.as_at, hr=hr), named_teams=named_teams, hr=hr
    )
    rows = team_rows(
        kept_pages.team_index(page, page.as_at),
        list(visible.iter_rows(named=True)),
        scope.team_access,
        {row.name: row for row in workforce.vacancies_by_team},
        sort,
    )
    as_at = inputs.text(request, "as_at")
    columns = [
        (key, label, "?" + urlencode({"sort": key, **({"as_at": as_at} if as_at else {})}),
         key == sort)
        for key, label in SORTS.items()
    ]  # fmt: skip
    context = {"rows": rows, "columns": columns, "sort_label": SORTS[sort].lower()}
    return render_page(request, page, "thrive/teams.html", "teams", context)


@dataclass(frozen=True)
class TeamShown:
    """A team page's body as one scope sees it "as at" a date, and what its view is audited
    with: kept per store version (:meth:`Centre.remembered`), never the audit row itself."""

    team: str
    service: str
    body: str
    subject: str
    shown: tuple[str, ...]  # the pseudonyms of the named workers on the page


@accepts(*DOWNLOADS)
@login_required
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    """One team "as at" a date: named for its managers and HR, in aggregate for leadership.

    The page's body is worked out once for each scope (role, service, team and the viewer's own
    record, which they may always see named), "as at" date and store version, and kept; every
    view that shows named workers is still written to the audit log.
    """
    page = page_request(request)
    scope, frames = page.scope, page.frames
    found = frames.teams.filter(frames.teams["team_id"] == team_id)
    if found.is_empty():
        raise Http404("No such team")
    access = scope.team_access(team_id, found["service_id"][0])
    if access is TeamAccess.DENIED:
        raise OutOfScopeError("This team is outside the part of the council you manage.")
    try:
        shown = page.remembered(
            f"team:{team_id}:{scope.own_worker_id}", lambda: _team_shown(page, team_id, access)
        )
    except UnknownTeamError as missing:
        raise Http404("No such team") from missing
    if shown.shown:
        audit.record(request, scope, AuditEvent.Action.VIEW_TEAM, shown.subject, shown.shown)
    context = {"team_name": shown.team, "service": shown.service, "body": mark_safe(shown.body)}
    return render_page(request, page, "thrive/team.html", "teams", context)


def _team_shown(page: Centre, team_id: int, access: TeamAccess) -> TeamShown:
    scope, frames = page.scope, page.frames
    named = scope.named_workers(frames, page.as_at)
    openable = named if scope.role is not Role.LEADERSHIP else frozenset()
    caps = Caps.from_targets(page.targets())
    view = team_page(frames, team_id, page.as_at, access, named, openable, caps)
    reminders = _reminders(page, view.team, named, openable) if view.named else []
    shown = {m.pseudonym for m in view.members} | {m.pseudonym for m in view.starters}
    shown |= {m.pseudonym for m in view.leavers} | {r.pseudonym for r in reminders}
    training = team_training(frames, team_id, page.as_at, named, openable, view.named)
    shown |= {r.pseudonym for r in training.rows} if training else set()
    context = {"page": view, "reminders": reminders, "training": training}
    return TeamShown(
        view.team,
        view.service,
        render_to_string("thrive/partials/team_body.html", context),
        f"Team {view.team} as at {page.as_at:%-d %B %Y} ({len(shown)} named workers)",
        tuple(sorted(shown)),
    )


def _reminders(
    page: Centre, team_name: str, named: frozenset[int], openable: frozenset[int]
) -> list[Reminder]:
    """Registration, CPD and ASYE reviews due in the team (kept per store version)."""
    found = kept_results.registration_summary(page, page.as_at, team_name)
    if isinstance(found, kept_results.Unavailable):
        return []
    people = page.frames.workers.filter(pl.col("worker_id").is_in(list(named)))
    names = {
        w: name or pseudonym
        for w, name, pseudonym in people.select("worker_id", "name", "pseudonym").iter_rows()
    }
    return team_reminders(found.reminders, page.as_at, named, openable, names)


@accepts(*DOWNLOADS)
@login_required
def worker(request: HttpRequest, pseudonym: str) -> HttpResponse:
    """A worker's record, for HR, their managers, and themselves. Every view is audited."""
    page = page_request(request)
    try:
        worker_id = worker_id_for(page.frames, pseudonym)
    except UnknownWorkerError as missing:
        raise Http404("No such worker") from missing
    # an HR admin may open every record and see every name: no set of named workers to read
    hr = page.scope.is_hr_admin
    named = None if hr else named_workers(page)
    if not page.scope.may_open_record(page.frames, worker_id, page.as_at, named):
        raise OutOfScopeError("This worker's record is outside the part of the council you manage.")
    # the record as at the date is the same for everyone who may open it: kept once
    record = page.remembered(
        f"worker-record:{worker_id}:{page.as_at}",
        lambda: worker_record(page.frames, worker_id, page.as_at),
        for_authority=True,
    )
    # stay conversations are for the worker's managers and HR, not for the worker themself
    talks = None
    named_latest = None if hr else named_workers(page, page.latest)
    if conversations.may_record(page.scope, page.frames, worker_id, page.latest, named_latest):

        def names_of(holders: set[int]) -> dict[int, str]:
            shown = holders if named is None else holders & named
            people = page.frames.workers.filter(pl.col("worker_id").is_in(list(shown)))
            return {
                w: name or pseudonym
                for w, name, pseudonym in people.select(
                    "worker_id", "name", "pseudonym"
                ).iter_rows()
            }

        talks = conversations.conversations_of(worker_id, names_of)
    audit.record(
        request,
        page.scope,
        AuditEvent.Action.VIEW_WORKER,
        f"Worker {record.pseudonym} as at {page.as_at:%-d %B %Y}",
        [record.pseudonym],
    )
    context = {"record": record, "conversations": talks, **_if_leaves(page, worker_id)}
    return render_page(request, page, "thrive/worker.html", "teams", context)


def _if_leaves(page: Centre, worker_id: int) -> dict[str, object]:
    """The children who would change social worker if this worker left, by case type (none
    shown where the council keeps no allocation records)."""
    if page.frames.allocations.is_empty():
        return {"if_leaves": None}
    held = page.remembered(
        f"children-of:{worker_id}:{page.as_at}",
        lambda: children_of(page.frames, worker_id, page.as_at),
        for_authority=True,
    )
    return {
        "if_leaves": [(CaseType(k).label, n) for k, n in held.items()],
        "if_leaves_total": sum(held.values()),
    }
