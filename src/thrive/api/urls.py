"""``/api/v1/``: the API object, its errors in words, and its routes (included by thrive.urls).

Every answer is JSON; a refusal is ``{"detail": "..."}`` with 400 (a parameter it cannot use,
or one it does not know: :mod:`thrive.api.parameters`),
401 (no token, or a wrong, expired or revoked one), 403 (outside the user's scope), 404 (no
such measure, team, service, batch or upload), 409 (a batch that cannot be undone), 413 (an
upload too large) or 429 (too many calls this minute), never a 500 for bad input. An upload
taken is a 202 with its status address (:mod:`thrive.api.imports`). Answers carry
``Cache-Control: no-store``: they may name people.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, ValidationError

from thrive.api import forecast, imports, measures, people, retention
from thrive.api.auth import BearerToken, RateLimitedError
from thrive.api.common import RETRY_SECONDS, BadInputError, NotFoundError, WorkingError
from thrive.api.parameters import known_parameters
from thrive.metrics import MetricsError
from thrive.summaries.feed import UnknownMeasureError
from thrive.summaries.periods import BadDateError


class ThriveAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kw: Any) -> Any:
        response = super().create_response(request, data, *args, **kw)
        add_never_cache_headers(response)
        return response


api = ThriveAPI(
    title="Thrive API",
    version="1",
    description=(
        "The figures Thrive's pages show, for a council's other systems (Power BI and the like), "
        "with the same scope and small-number suppression. Send `Authorization: Bearer <token>` "
        "(an HR admin issues tokens: `thrive api token issue`). See docs/api.md."
    ),
    auth=BearerToken(),
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
# An unknown query parameter name is a 400 naming it (before Ninja reads the known ones).
api.add_decorator(known_parameters, mode="view")
api.add_router("/", measures.router)
api.add_router("/", people.router)
api.add_router("/", imports.router)
api.add_router("/", retention.router)
api.add_router("/", forecast.router)


def _problem(request: HttpRequest, status: int, detail: str, **headers: str) -> HttpResponse:
    response = api.create_response(request, {"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, error: Exception) -> HttpResponse:
    return _problem(
        request,
        401,
        "Send a valid token: Authorization: Bearer thrive_... (ask your HR admin for one)",
        **{"WWW-Authenticate": 'Bearer realm="thrive"'},
    )


@api.exception_handler(RateLimitedError)
def _too_many(request: HttpRequest, error: RateLimitedError) -> HttpResponse:
    return _problem(request, 429, str(error), **{"Retry-After": str(error.retry_after)})


@api.exception_handler(WorkingError)
def _working(request: HttpRequest, error: WorkingError) -> HttpResponse:
    return _problem(request, 202, str(error), **{"Retry-After": str(RETRY_SECONDS)})


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    said = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'input'}: {e.get('msg', 'invalid')}"
        for e in error.errors[:5]
    )
    return _problem(request, 400, said or "The input is not valid")


def _bad(request: HttpRequest, error: Any) -> HttpResponse:
    return _problem(request, 400, str(error))


def _missing(request: HttpRequest, error: Any) -> HttpResponse:
    return _problem(request, 404, str(error) or "Not found")


def _refused(request: HttpRequest, error: Any) -> HttpResponse:
    return _problem(request, 403, str(error) or "Outside your scope")


BAD: tuple[type[Exception], ...] = (BadInputError, BadDateError, MetricsError)
MISSING: tuple[type[Exception], ...] = (NotFoundError, UnknownMeasureError, Http404)
for kind in BAD:
    api.add_exception_handler(kind, _bad)
for kind in MISSING:
    api.add_exception_handler(kind, _missing)
api.add_exception_handler(PermissionDenied, _refused)
