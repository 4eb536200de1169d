"""Thrive's own error pages (400, 403, 404, 500, 503 and a refused form), in the house style.

Django calls these for a request it refuses (``handler400`` ... in :mod:`thrive.urls`, and
``CSRF_FAILURE_VIEW``). A page a signed-in user is refused (403), or a record a page was asked
for that their council does not hold (404 from a view), is written to the audit log. None of
them works anything out: they answer at once. A request that fails on a database that is down,
locked, read-only or on a full disk (:func:`thrive.faults.in_words`) gets a 503 page in words
instead of a 500; neither shows a traceback (that goes to the server's log, see ``LOGGING``).
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string

from thrive.faults import in_words
from thrive.web import audit
from thrive.web.inputs import BadInputError


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the address asks for something no page can show; says what, when Thrive knows."""
    reason = str(exception) if isinstance(exception, BadInputError) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the page is outside the user's role or scope (audited)."""
    reason = str(exception) if exception is not None else ""
    audit.refused(request, f"Refused {request.path[:150]}: {reason or 'not in their role'}")
    return render(request, "403.html", {"exception": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: no such page, or no such team, worker or batch in the user's council (that last
    audited: a record asked for by its number or pseudonym that the user's council lacks)."""
    if getattr(request, "resolver_match", None) is not None:
        audit.refused(request, f"Not found {request.path[:150]}: {exception or 'no such record'}")
    return render(request, "404.html", status=404)


RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 for a fault of the machine: rendered without the request's context (which
    may be what failed), without touching the database or the session."""
    error = sys.exc_info()[1]
    fault = in_words(error) if error is not None else None
    if fault is None:
        return HttpResponse(loader.get_template("500.html").render(), status=500)
    heading = (
        "Thrive cannot reach its database"
        if fault.unreachable
        else "Thrive cannot save or read its records just now"
    )
    page = render_to_string("503.html", {"heading": heading, "words": fault.words})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form sent without its security token (an old page, or from elsewhere)."""
    audit.refused(request, f"Refused a form on {request.path[:150]}: {reason}")
    return render(request, "403_csrf.html", status=403)
