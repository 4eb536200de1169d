"""What every signed-in page does first: find the user's scope, the frames and the "as at" date.

Also the navigation each role sees, so a page never offers a link its user would be refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from thrive.codes import Role
from thrive.web import store
from thrive.web.periods import BadDateError, last_recorded_date, parse_as_at
from thrive.web.scope import Scope, scope_for
from thrive.workforce.frame_schema import WorkforceFrames
from thrive.workforce.models import Authority, Service

SESSION_PAGE_SECONDS = 600


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, URL name, roles that see it; None = every role)
_NAVIGATION: tuple[tuple[str, str, frozenset[Role] | None], ...] = (
    ("Overview", "overview", None),
    ("Teams", "teams", None),
    ("Workforce", "workforce", None),
    ("ASYE and careers", "careers", None),
    ("Leavers", "leavers", None),
    ("Retention", "retention", None),
    (
        "Who to talk to",
        "at_risk",
        frozenset({Role.HR_ADMIN, Role.SERVICE_MANAGER, Role.TEAM_MANAGER}),
    ),
    ("Recruitment", "recruitment", None),
    ("Forecast", "forecast", None),
    ("Feedback", "feedback", None),
    ("Data", "data", frozenset({Role.HR_ADMIN})),
    ("Audit log", "audit", frozenset({Role.HR_ADMIN})),
)


def navigation(scope: Scope, current: str) -> list[NavItem]:
    """The pages this user's role may open, with the current one marked."""
    items = []
    for label, name, roles in _NAVIGATION:
        if roles is not None and scope.role not in roles:
            continue
        try:
            items.append(NavItem(label, reverse(name), name == current))
        except NoReverseMatch:  # a page not built in this version
            continue
    return items


@dataclass(frozen=True)
class Filter:
    """A drop-down beside the "as at" date (e.g. the service), as the filter form shows it."""

    name: str
    label: str
    options: list[tuple[str, str]]
    chosen: str


@dataclass(frozen=True)
class PageRequest:
    """A signed-in request's scope, its authority's frames, and the date the page is "as at"."""

    scope: Scope
    authority: str
    own_service: str | None
    frames: WorkforceFrames
    latest: date
    as_at: date
    as_at_error: str | None
    version: str


def page_request(request: HttpRequest) -> PageRequest:
    """Scope, frames and "as at" date for a page (raises PermissionDenied with no role)."""
    if not request.user.is_authenticated:
        scope_for(request.user)  # raises: no one signed in
    version = store.current_version() if store.caching_on() else "uncached"
    # A user's scope only changes when their access record does, which moves the version.
    scope, authority, own_service = store.remembered(
        f"who:{request.user.pk}", lambda: _who(request), version=version
    )
    frames = store.frames_for(scope.authority_id, version)
    today = timezone.localdate()
    latest = store.remembered(
        f"latest:{scope.authority_id}:{today}",
        lambda: last_recorded_date(frames, today),
        version=version,
    )
    error = None
    try:
        as_at = parse_as_at(request.GET.get("as_at"), latest)
    except BadDateError as problem:
        as_at, error = latest, str(problem)
    return PageRequest(
        scope=scope,
        authority=authority,
        own_service=own_service,
        frames=frames,
        latest=latest,
        as_at=as_at,
        as_at_error=error,
        version=version,
    )


def kept_for_session(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a page this browser session has already been shown, until the data change.

    For the aggregate pages only (pages showing named workers are audited on every view). The
    key is the session, so the kept page's sign-out token stays valid for the browser that got
    it; a page with a message to show is never kept or served from the keep.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = request.session.session_key
        if (
            not store.caching_on()
            or request.method != "GET"
            or not session
            or len(messages.get_messages(request))
        ):
            return view(request, *args, **kwargs)
        version = store.current_version()
        key = f"page:{session}:{request.get_full_path()}"
        page = store.kept(key, version=version)
        if page is not None:
            return HttpResponse(page)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            store.keep(key, response.content, version=version, timeout=SESSION_PAGE_SECONDS)
        return response

    return wrapper


def _who(request: HttpRequest) -> tuple[Scope, str, str | None]:
    """The user's scope, their authority's name and (for a service manager) their service's."""
    scope = scope_for(request.user)
    authority = Authority.objects.filter(pk=scope.authority_id).values_list("name", flat=True)
    service = (
        Service.objects.filter(pk=scope.service_id).values_list("name", flat=True).first()
        if scope.service_id
        else None
    )
    return scope, authority.first() or "", service


def render_page(
    request: HttpRequest,
    page: PageRequest,
    template: str,
    current: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a signed-in page with the navigation and the user's role beside the content."""
    context = {
        "navigation": navigation(page.scope, current),
        "authority_name": page.authority,
        "role_label": page.scope.role.label,
        "as_at": page.as_at,
        "latest": page.latest,
        "as_at_error": page.as_at_error,
        **context,
    }
    return render(request, template, context, status=status)
