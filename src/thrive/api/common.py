"""What every endpoint shares: the errors it may answer, and the centre it starts from."""

from __future__ import annotations

import re

from django.http import HttpRequest

from thrive.api.schemas import Problem
from thrive.audit import AuditEvent, write
from thrive.centre.centre import Centre

DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
EXAMPLE = "2025-03-31"  # a date, for the docs and the contract's tests
LA_NUMBER = re.compile(r"[0-9]{3}")
# Every endpoint may answer these, each with a Problem saying why in words.
ANSWERS: dict[int, type[Problem]] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    429: Problem,
}


class BadInputError(ValueError):
    """A parameter the API cannot use: a 400 saying why."""


class WorkingError(Exception):
    """A result being worked out in the background: a 202 asking again after ``RETRY`` s."""


RETRY_SECONDS = 5


class NotFoundError(LookupError):
    """Something asked for by id that is not there (or not this authority's): a 404."""


def centre_for(request: HttpRequest, as_at: str | None) -> Centre:
    """The token user's centre "as at" the date asked for (the latest when none is)."""
    return Centre.for_user(request.user, as_at)


def service_of(centre: Centre, service: str | None) -> str | None:
    """``service`` if it is one of the authority's services (None: the whole authority)."""
    if not service:
        return None
    services = set(centre.frames.teams["service"].unique().to_list())
    if service not in services:
        raise NotFoundError(f"No service {service[:40]!r} in {centre.authority}")
    return service


def audit_named(request: HttpRequest, centre: Centre, subject: str, workers: list[str]) -> None:
    """Write the audit row of a call that answered with named people (``api_named``)."""
    write(
        user_id=request.user.pk,
        username=centre.scope.username,
        action=AuditEvent.Action.API_NAMED,
        authority_id=centre.authority_id,
        subject=f"API: {subject}",
        path=request.get_full_path(),
        workers=workers,
    )
