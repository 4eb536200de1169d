"""``/api/v1/measures``, a measure's trend, and the published comparisons: the Overview's figures.

Each answer is what the Overview shows the token's user: HR admins (and a service manager asking
about their own service) see every figure; anyone else has small groups withheld, exactly as on
the page (:mod:`thrive.summaries.feed`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router
from pydantic import WithJsonSchema

from thrive.api.common import (
    ANSWERS,
    DATE,
    EXAMPLE,
    LA_NUMBER,
    BadInputError,
    centre_for,
    service_of,
)
from thrive.api.schemas import (
    Comparator,
    ComparatorFigure,
    Compared,
    Comparisons,
    Figure,
    Measures,
    Trend,
)
from thrive.centre.centre import Centre, as_at_range
from thrive.codes import Role
from thrive.summaries import feed
from thrive.summaries.comparison import compared_figures, published_figures
from thrive.summaries.periods import parse_as_at
from thrive.workforce.models import Authority

router = Router(tags=["measures"])
# The measures offered, listed in the contract; an unknown one is a 404 saying where the list is.
OFFERED = {"type": "string", "enum": [m.name for m in feed.feed_measures()]}
Slicing = Literal["team", "service", "grade", "contract", "route", "staff_group"]


def _named(centre: Centre, service: str | None) -> bool:
    scope = centre.scope
    return scope.is_hr_admin or (
        scope.role is Role.SERVICE_MANAGER and service is not None and service == centre.own_service
    )


@router.get("/measures", response={200: Measures, **ANSWERS}, summary="Every measure as at a date")
def measures(
    request: HttpRequest,
    as_at: str | None = Query(
        None, pattern=DATE, examples=[EXAMPLE], description="YYYY-MM-DD; default the latest"
    ),
    service: str | None = Query(None, max_length=150, description="One service; default all"),
    measure: list[str] | None = Query(None, description="Only these measures (repeatable)"),
    by: Slicing | None = Query(
        None,
        description="Each team, service, grade, contract, route or staff group as well, as "
        "`thrive metrics --by` gives them (not with service; staff_group: the council's other "
        "staff beside social workers, the whole authority staying the social workers')",
    ),
    breakdowns: bool = Query(
        False,
        description="The breakdown measures' groups as well (leavers by reason, by destination, "
        "by years with the council, ...): one figure per group, its group in `slice`",
    ),
) -> Measures:
    """The Overview's measures for the authority (or one service), as at a date; with ``by``,
    each slice's figures too (``slice`` says which); with ``breakdowns``, every breakdown
    measure's groups after them (for the slices too), withheld together as on the Leavers
    page."""
    centre = centre_for(request, as_at)
    chosen = service_of(centre, service)
    if measure and len(measure) > 100:
        raise BadInputError("measure is given too many times: at most 100")
    if by and chosen:
        raise BadInputError("Give service or by, not both")
    results = centre.remembered(
        f"api:measures:{chosen}:{_named(centre, chosen)}:{','.join(measure or [])}",
        lambda: feed.measures_as_at(
            centre.frames,
            centre.as_at,
            centre.targets(),
            named=_named(centre, chosen),
            service=chosen,
            names=measure,
        ),
    )
    if by:
        named = centre.scope.is_hr_admin
        results = results + centre.remembered(
            f"api:measures-by:{by}:{named}:{','.join(measure or [])}",
            lambda: feed.measures_by(
                centre.frames, centre.as_at, centre.targets(), by=by, named=named, names=measure
            ),
        )
    if breakdowns:
        named = _named(centre, chosen)
        results = results + centre.remembered(
            f"api:breakdowns:{chosen}:{by}:{named}",
            lambda: feed.breakdowns_as_at(
                centre.frames, centre.as_at, centre.targets(), named=named, service=chosen, by=by
            ),
        )
    return Measures(
        authority=centre.authority,
        la_number=centre.la_number,
        as_at=centre.as_at,
        service=chosen,
        by=by,
        measures=[Figure(**r.as_dict()) for r in results],
    )


@router.get(
    "/measures/{key}/trend",
    response={200: Trend, **ANSWERS},
    summary="One measure at every month end over a period",
)
def measure_trend(
    request: HttpRequest,
    key: Annotated[str, WithJsonSchema(OFFERED)] = Path(..., description="A measure's name"),
    start: str | None = Query(
        None, pattern=DATE, examples=[EXAMPLE], description="YYYY-MM-DD; default a year back"
    ),
    end: str | None = Query(
        None, pattern=DATE, examples=[EXAMPLE], description="YYYY-MM-DD; default the latest"
    ),
    service: str | None = Query(None, max_length=150),
    by: Slicing | None = Query(
        None,
        description="Each team, service, grade, contract, route or staff group's points as "
        "well, as `thrive metrics trend --by` gives them (not with service)",
    ),
) -> Trend:
    """The measure ``key`` at every month end from ``start`` to ``end`` (at most 120 months);
    with ``by``, each slice's point after the whole authority's at each month end (``slice``
    says which), withheld slice by slice as in ``/measures?by=``."""
    centre = centre_for(request, end)
    m = feed.feed_measures([key])[0]
    chosen = service_of(centre, service)
    if by and chosen:
        raise BadInputError("Give service or by, not both")
    earliest, last = as_at_range(centre.authority_id, centre.version, centre.latest)
    last_day = centre.as_at
    first_day = parse_as_at(start, _default_start(last_day), earliest, last)
    if first_day > last_day:
        raise BadInputError(f"The trend starts ({first_day}) after it ends ({last_day})")
    points = feed.measure_trend(
        centre.frames,
        key,
        first_day,
        last_day,
        centre.targets(),
        named=_named(centre, chosen),
        service=chosen,
        by=by,
    )
    return Trend(
        authority=centre.authority,
        measure=m.name,
        label=m.label,
        unit=str(m.unit),
        service=chosen,
        by=by,
        start=first_day,
        end=last_day,
        points=[Figure(**r.as_dict()) for r in points],
    )


def _default_start(end: date) -> date:
    """The first of the month eleven months before ``end``: a year of month ends."""
    months = end.year * 12 + end.month - 1 - 11
    return date(months // 12, months % 12 + 1, 1)


@router.get("/comparisons", response={200: Comparisons, **ANSWERS}, summary="Beside England")
def comparisons(
    request: HttpRequest,
    as_at: str | None = Query(None, pattern=DATE, examples=[EXAMPLE]),
    compare: list[str] | None = Query(None, description="Comparators' LA numbers (repeatable)"),
) -> Comparisons:
    """The authority beside England, its region and comparators (the Department's statistics)."""
    centre = centre_for(request, as_at)
    if compare and (len(compare) > 160 or not all(LA_NUMBER.fullmatch(c) for c in compare)):
        raise BadInputError("compare takes at most 160 LA numbers of three digits, e.g. 999")
    authority = Authority.objects.get(pk=centre.authority_id)
    found = compared_figures(
        centre.frames,
        authority.la_number,
        authority.region,
        centre.as_at,
        centre.targets(),
        published_figures(),
        compare or (),
    )
    if found is None:
        return Comparisons(
            authority=centre.authority,
            as_at=centre.as_at,
            year=None,
            region=None,
            comparators=[],
            figures=[],
        )
    return Comparisons(
        authority=centre.authority,
        as_at=centre.as_at,
        year=found.year,
        region=found.region,
        comparators=[Comparator(la_number=n, name=name) for n, name in found.comparators],
        figures=[
            Compared(
                measure=f.measure,
                label=f.label,
                unit=f.unit,
                ours=f.ours,
                england=f.england,
                region=f.region,
                comparators=[ComparatorFigure(la_number=n, value=v) for n, v in f.comparators],
            )
            for f in found.figures
        ],
    )
