"""What every signed-in page does first: its centre (the user's scope, the frames, the "as at"
date).

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

from thrive.centre.centre import Centre
from thrive.codes import Role
from thrive.frames import cache as frames_cache
from thrive.summaries.periods import BadDateError
from thrive.summaries.scope import Scope
from thrive.web import audit, downloads, inputs
from thrive.web.models import AuditEvent

SESSION_PAGE_SECONDS = 600
# Marks a page that is still working a result out: never kept, never cached by the browser.
WORKING_HEADER = "X-Thrive-Working"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool
    # an administration page (HR's data, audit log, API tokens): offered in the header, beside
    # the user's name, so the pages that answer questions fit the navigation bar
    admin: bool = False


# Next year is a council-wide planning page: a team manager sees their own team.
NEXT_YEAR_ROLES = frozenset({Role.HR_ADMIN, Role.LEADERSHIP, Role.SERVICE_MANAGER})
# Children's continuity is read council-wide or by service (a team manager's own team's children
# are for the allocation pages).
CHILDREN_ROLES = NEXT_YEAR_ROLES

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
    ("Children", "children", CHILDREN_ROLES),
    ("Forecast", "forecast", None),
    ("Next year", "next_year", NEXT_YEAR_ROLES),
    ("Feedback", "feedback", None),
    ("Pay and reward", "pay", frozenset({Role.HR_ADMIN, Role.LEADERSHIP})),
    ("Reports", "reports", frozenset({Role.HR_ADMIN, Role.LEADERSHIP})),
    ("Action plan", "action_plan", frozenset({Role.HR_ADMIN, Role.LEADERSHIP})),
    ("Data", "data", frozenset({Role.HR_ADMIN})),
    ("Audit log", "audit", frozenset({Role.HR_ADMIN})),
    ("API tokens", "api_tokens", frozenset({Role.HR_ADMIN})),
)
_ADMINISTRATION = frozenset({"data", "audit", "api_tokens"})


def navigation(scope: Scope, current: str) -> list[NavItem]:
    """The pages this user's role may open, with the current one marked."""
    items = []
    for label, name, roles in _NAVIGATION:
        if roles is not None and scope.role not in roles:
            continue
        try:
            items.append(NavItem(label, reverse(name), name == current, name in _ADMINISTRATION))
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
class ServiceChoice:
    """The service a council-wide page is for ('' in the filter, None here: the whole council),
    and whether the viewer may see names in it: HR always; a service manager in their own."""

    service: str | None
    named: bool
    filter: Filter


def service_choice(request: HttpRequest, page: Centre) -> ServiceChoice:
    """The ``service`` asked for; with none asked, a service manager's own service first."""
    services = sorted(page.frames.teams["service"].unique().drop_nulls().to_list())
    own_service = page.own_service
    if "service" in request.GET:  # "" is the whole council
        service = inputs.choice(request, "service", services, "") or None
    else:
        service = own_service if own_service in services else None
    scope = page.scope
    named = scope.is_hr_admin or (scope.role is Role.SERVICE_MANAGER and service == own_service)
    options = [("", "Whole council"), *[(s, s) for s in services]]
    return ServiceChoice(service, named, Filter("service", "Service", options, service or ""))


def page_request(request: HttpRequest) -> Centre:
    """The signed-in user's centre, "as at" the date asked for (raises PermissionDenied with no
    role, and :class:`~thrive.web.inputs.BadInputError`, a 400, for a date it cannot show)."""
    try:
        return Centre.for_user(request.user, inputs.text(request, "as_at"))
    except BadDateError as problem:
        raise inputs.BadInputError(str(problem)) from problem


def named_workers(page: Centre, as_at: date | None = None) -> frozenset[int]:
    """The workers this viewer may see named "as at" ``as_at`` (the page's date by default),
    worked out once for each scope, the viewer's own record, date and store version."""
    when = as_at or page.as_at
    return page.remembered(
        f"named-workers:{page.scope.own_worker_id}:{when}",
        lambda: page.scope.named_workers(page.frames, when),
    )


def kept_for_session(
    view: Callable[..., HttpResponse] | None = None, *, also: Callable[[], str] | None = None
) -> Any:
    """Serve a page this browser session has already been shown, until the data change.

    For the aggregate pages only (pages showing named workers are audited on every view). The
    key is the session, so the kept page's sign-out token stays valid for the browser that got
    it; a page with a message to show is never kept or served from the keep. ``also``: a
    fingerprint of anything else the page shows that the store version does not follow (the
    Overview's action plan), used as ``@kept_for_session(also=...)``.
    """
    if view is None:
        return lambda wrapped: _kept(wrapped, also)
    return _kept(view, also)


def _kept(
    view: Callable[..., HttpResponse], also: Callable[[], str] | None
) -> Callable[..., HttpResponse]:

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = request.session.session_key
        if (
            not frames_cache.caching_on()
            or request.method != "GET"
            or "download" in request.GET
            or not session
            or len(messages.get_messages(request))
        ):
            return view(request, *args, **kwargs)
        version = frames_cache.current_version()
        key = f"page:{session}:{request.get_full_path()}{':' + also() if also else ''}"
        page = frames_cache.kept(key, version=version)
        if page is not None:
            return HttpResponse(page)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.has_header(WORKING_HEADER)
        ):
            frames_cache.keep(key, response.content, version=version, timeout=SESSION_PAGE_SECONDS)
        return response

    return wrapper


def render_page(
    request: HttpRequest,
    page: Centre,
    template: str,
    current: str,
    context: dict[str, Any],
    status: int = 200,
    *,
    downloadable: bool = True,
) -> HttpResponse:
    """Render a signed-in page with the navigation and the user's role beside the content.

    Asked for with ``?download=csv|xlsx`` (:mod:`thrive.web.downloads`), the page's tables come
    back as that file instead, read from the page as rendered for this user (a download of a
    page that names people is written to the audit log); otherwise each table has the links to
    download it.
    """
    wanted = downloads.asked_for(request) if downloadable else None
    context = {
        "navigation": navigation(page.scope, current),
        "authority_name": page.authority,
        "role_label": page.scope.role.label,
        "as_at": page.as_at,
        "latest": page.latest,
        **context,
    }
    response = render(request, template, context, status=status)
    if status != 200 or request.method != "GET":
        return response
    if wanted is None:
        response.content = downloads.with_links(request, response.content.decode()).encode()
        return response
    file, subject = downloads.respond(
        request, response.content, page=current, authority=page.authority, as_at=page.as_at
    )
    named = getattr(request, audit.NAMED_ON_PAGE, [])
    if named:  # as the page's view was audited, with the same workers
        audit.record(request, page.scope, AuditEvent.Action.DOWNLOAD, subject, set(named))
    return file


def working_page(request: HttpRequest, page: Centre, current: str, title: str) -> HttpResponse:
    """The page while its figures are worked out in the background: says so in words and asks
    again every two seconds (htmx), replacing itself with the page when it is ready."""
    # Asked for a download: it asks again for the page itself, whose links then give the file.
    again = downloads.without_download(request) if "download" in request.GET else None
    response = render_page(
        request,
        page,
        "thrive/working.html",
        current,
        {"title": title, "again": again},
        downloadable=False,
    )
    response[WORKING_HEADER] = "1"
    response["Cache-Control"] = "no-store"
    return response
