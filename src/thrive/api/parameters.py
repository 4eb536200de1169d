"""Unknown query parameter names are refused, as the pages refuse them (400, naming it).

Django Ninja reads the query parameters an operation declares and silently ignores the rest, so
``/api/v1/measures?servcie=Fostering`` would answer for the whole council as if asked nothing.
:func:`known_parameters` wraps every operation (an API-wide "view" decorator, so it runs before
Ninja reads the parameters): the names it accepts are those of the operation's own declared
query schema (the same models the OpenAPI document is made from), so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

MOST_NAMED = 5
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def declared_query_names(operation: Any) -> frozenset[str]:
    """The query parameter names ``operation`` declares (by alias, flattened schemas opened)."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flat: dict[str, Any] = getattr(model, "__ninja_flatten_map__", {}) or {}
        for name in flat or model.model_fields:
            field = model.model_fields.get(name)
            names.add(field.alias if field is not None and field.alias else name)
    return frozenset(names)


def _shown(name: str) -> str:
    name = _CONTROL.sub("?", name)
    return repr(name[:40] + ("..." if len(name) > 40 else ""))


def refusal(unknown: list[str], known: frozenset[str]) -> str:
    """The 400's words: the unknown names (the first few) and the names the call takes."""
    listed = ", ".join(_shown(name) for name in unknown[:MOST_NAMED])
    more = f" and {len(unknown) - MOST_NAMED:,} more" if len(unknown) > MOST_NAMED else ""
    offered = ", ".join(sorted(known)) or "no query parameters"
    return f"This call does not know the parameter {listed}{more}; it takes only: {offered}"


def known_parameters(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap an operation's ``run``: a query parameter name it does not declare is a 400."""
    operation = run.__self__  # type: ignore[attr-defined]
    known = declared_query_names(operation)

    @functools.wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unknown = sorted(name for name in request.GET if name not in known)
        if unknown:
            response: HttpResponse = operation.api.create_response(
                request, {"detail": refusal(unknown, known)}, status=400
            )
            return response
        return run(request, *args, **kwargs)

    return checked
