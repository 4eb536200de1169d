"""Session hygiene: signed-in pages are never stored, and sessions end when idle or old.

Every response to a signed-in user (the pages name people) carries ``Cache-Control: no-store``,
so neither the browser nor a proxy keeps a copy. A session ends after
``THRIVE_SESSION_IDLE_MINUTES`` without a request, and ``THRIVE_SESSION_HOURS`` after signing
in however active it is; the user is signed out and told why on the sign-in page. Static files
never reach this (WhiteNoise answers them first).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from thrive.web import downloads, inputs

OWN_VIEWS = "thrive.web.views."
# Session keys: when this session was signed in, and the last request seen (epoch seconds).
STARTED = "thrive_started"
LAST_SEEN = "thrive_last_seen"
# The last request is written back at most once a minute (not a database write per page).
SEEN_EVERY = 60


class SessionHygieneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = request.user.is_authenticated
        if signed_in:
            ended = _ended(request, time.time())
            if ended:
                logout(request)
                messages.info(request, ended)
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)  # no-store, no-cache, must-revalidate, private
            response["Pragma"] = "no-cache"
        return response


def _ended(request: HttpRequest, now: float) -> str:
    """Why this signed-in session has ended ("" if it has not); notes the request otherwise."""
    session = request.session
    started = session.get(STARTED)
    last_seen = session.get(LAST_SEEN)
    if not isinstance(started, int | float) or not isinstance(last_seen, int | float):
        session[STARTED] = session[LAST_SEEN] = int(now)
        return ""
    idle = settings.THRIVE_SESSION_IDLE_SECONDS
    if now - last_seen > idle:
        return f"You were signed out after {idle // 60} minutes without activity: sign in again."
    if now - started > settings.SESSION_COOKIE_AGE:
        hours = settings.SESSION_COOKIE_AGE / 3600
        return f"You were signed out {hours:g} hours after signing in: sign in again."
    if now - last_seen >= SEEN_EVERY:
        session[LAST_SEEN] = int(now)
    return ""


class KnownParametersMiddleware:
    """Refuse, before a page of Thrive's own starts, a query parameter it does not declare
    (:func:`thrive.web.inputs.accepts`): the styled 400 page names it. Django's own views (sign
    in, the admin) are left to themselves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: object,
        kwargs: object,
    ) -> None:
        if getattr(view, "__module__", "").startswith(OWN_VIEWS) and request.GET:
            inputs.unknown_parameters(request, view)
            if "download" in request.GET:  # a bad format is refused before the page is made
                downloads.asked_for(request)
