"""The page shown when a request fails: a fault of the machine in words (503), else a plain 500.

Django calls :func:`server_error` while the exception is being handled, so it can tell a
database that is down, locked, read-only or on a full disk (:func:`thrive.faults.in_words`) from
a bug. Neither page shows a traceback (that goes to the server's log, see ``LOGGING``), and
neither touches the database or the session: it is rendered without the request's context.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from thrive.faults import in_words

RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    fault = in_words(error) if error is not None else None
    if fault is None:
        return HttpResponse(render_to_string("500.html"), status=500)
    heading = (
        "Thrive cannot reach its database"
        if fault.unreachable
        else "Thrive cannot save or read its records just now"
    )
    page = render_to_string("503.html", {"heading": heading, "words": fault.words})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
