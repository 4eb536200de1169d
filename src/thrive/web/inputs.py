"""What a page takes from its address: each query parameter typed and bounded, or refused.

Every view reads its query parameters through these functions (the "as at" date through
:func:`thrive.web.views.common.page_request`, which asks :class:`thrive.centre.centre.Centre`
for the dates a page may show). A value a page cannot use (not one of its choices, too long,
not a whole number, a control character) raises :class:`BadInputError`, which Django turns into
the styled 400 page saying why in words (:mod:`thrive.web.views.errors`): no page quietly shows
something other than what was asked for, and none works out figures for an absurd input.

Each page declares the parameters it reads with :func:`accepts` ("as at" is every page's);
:class:`thrive.web.middleware.KnownParametersMiddleware` refuses any other name before the
page starts (:func:`unknown_parameters`), so a mistyped choice is not quietly ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TypeVar

from django.core.exceptions import BadRequest
from django.http import HttpRequest

# Longer than any name, pseudonym or choice Thrive has; far shorter than anything abusive.
MAX_LENGTH = 150
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


# Every page may be given the "as at" date (links carry it from page to page).
EVERY_PAGE = frozenset({"as_at"})
ACCEPTS = "thrive_query_parameters"
View = TypeVar("View", bound=Callable[..., object])


def accepts(*names: str) -> Callable[[View], View]:
    """Declare the query parameters a view reads besides "as at" (its filters, form fields,
    page number). Kept as an attribute, which the decorators around a view copy outwards."""

    def mark(view: View) -> View:
        setattr(view, ACCEPTS, frozenset(names))
        return view

    return mark


def unknown_parameters(request: HttpRequest, view: Callable[..., object]) -> None:
    """Refuse a query parameter the view does not declare (a page of Thrive's own only)."""
    known = EVERY_PAGE | getattr(view, ACCEPTS, frozenset())
    unknown = sorted(name for name in request.GET if name not in known)
    if unknown:
        listed = ", ".join(_shown(name) for name in unknown[:5])
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        offered = ", ".join(sorted(known))
        raise BadInputError(
            f"This page does not know the choice {listed}{more} in its address; "
            f"it takes only: {offered}"
        )


class BadInputError(BadRequest):
    """A query parameter a page cannot use; the message says why, in words, on the 400 page."""


def _shown(value: str) -> str:
    value = _CONTROL.sub("?", value)
    return repr(value if len(value) <= 40 else value[:40] + "...")


def text(request: HttpRequest, name: str, *, max_length: int = MAX_LENGTH) -> str:
    """The parameter's value, stripped ("" when absent); refused if given twice, too long, or
    holding a control or direction character."""
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise BadInputError(f"{name} is given {len(values)} times: give it once")
    value = values[0].strip() if values else ""
    if len(value) > max_length:
        raise BadInputError(f"{name} is {len(value):,} characters long: at most {max_length}")
    if _CONTROL.search(value):
        raise BadInputError(f"{name} {_shown(value)} holds a control character")
    return value


def choice(request: HttpRequest, name: str, options: Collection[str], default: str) -> str:
    """One of ``options``, or ``default`` when the parameter is absent or empty."""
    value = text(request, name)
    if not value:
        return default
    if value not in options:
        listed = ", ".join(sorted(o for o in options if o))
        raise BadInputError(f"{name} {_shown(value)} is not one of the choices: {listed}")
    return value


def choices(request: HttpRequest, name: str, pattern: re.Pattern[str], *, most: int) -> list[str]:
    """Every value given for a parameter that may repeat (a checkbox), each matching
    ``pattern``, at most ``most`` of them; distinct and sorted."""
    values = request.GET.getlist(name)
    if len(values) > most:
        raise BadInputError(f"{name} is given {len(values):,} times: at most {most}")
    for value in values:
        if not pattern.fullmatch(value):
            raise BadInputError(f"{name} {_shown(value)} is not a value this page offers")
    return sorted(set(values))


def page_number(request: HttpRequest, name: str = "page") -> int:
    """A page number: a whole number from 1 (1 when absent); the view checks the last page."""
    value = text(request, name, max_length=9)
    if not value:
        return 1
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise BadInputError(f"{name} {_shown(value)} is not a page number: use 1, 2, 3...")
    return int(value)
