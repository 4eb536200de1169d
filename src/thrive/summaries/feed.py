"""The measures as data for another system (the API): the Overview's figures, as numbers.

The same measures the Overview lists (:func:`~thrive.summaries.overview.overview_measures`),
computed by the registry exactly as ``thrive metrics --format json`` computes them, with what a
viewer who may not see the people named gets withheld decided by
:mod:`thrive.summaries.suppression`, as on the pages: a withheld figure is ``None`` with
``suppressed`` set, and takes its workings, status, change and year-ago figure with it.
Results keep :class:`~thrive.metrics.Result`'s shape, so its ``as_dict`` is the JSON the
command writes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from thrive import metrics
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Measure, Result, Targets
from thrive.metrics.periods import month_ends, year_before
from thrive.metrics.registry import ALL_DIMENSIONS
from thrive.metrics.staff_groups import STAFF_GROUP
from thrive.summaries.overview import overview_measures
from thrive.summaries.suppression import (
    figure_withheld,
    group_size,
    group_sizes,
    group_withheld,
    people_result,
    with_people,
    workings_withheld,
)

# The slices offered: the workforce dimensions and each staff group (withheld as they are).
SLICES: tuple[str, ...] = (*ALL_DIMENSIONS, STAFF_GROUP)
MOST_MONTHS = 120  # a trend of ten years at most: one call, one answer in seconds


class UnknownMeasureError(LookupError):
    """A measure the feed does not offer; the message lists the ones it does."""


def feed_measures(names: Sequence[str] | None = None) -> list[Measure]:
    """The measures offered (the Overview's), or those ``names``: an unknown one is refused."""
    offered = {m.name: m for m in overview_measures()}
    if not names:
        return list(offered.values())
    unknown = [n for n in names if n not in offered]
    if unknown:
        raise UnknownMeasureError(f"No measure {unknown[0]!r}: see /api/v1/measures for the list")
    return [offered[n] for n in dict.fromkeys(names)]


def _withheld(r: Result) -> Result:
    return r._replace(
        value=None,
        status=None,
        numerator=None,
        denominator=None,
        previous=None,
        suppressed=True,
        detail=None,
    )


def shown(
    m: Measure,
    r: Result,
    named: bool,
    *,
    group_small: bool,
    people: Mapping[str, Result | None] | None = None,
) -> Result:
    """``r`` as this viewer may see it (``people``: see :func:`figure_withheld`)."""
    if figure_withheld(m, r, named, group_small=group_small, people=people):
        return _withheld(r)
    if workings_withheld(r, named):
        r = r._replace(numerator=None, denominator=None, detail=None)
    return r


def measures_as_at(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    named: bool,
    service: str | None = None,
    names: Sequence[str] | None = None,
) -> list[Result]:
    """Each measure as at ``as_at`` for the authority or one service, with its year-ago value."""
    chosen = feed_measures(names)
    wanted = {"service": service} if service else None
    by = "service" if service else None
    picked = [m.name for m in chosen]
    computed = with_people(picked)
    found = {
        r.name: r
        for r in metrics.compute(frames, as_at, by=by, names=computed, targets=targets, hr=named)
        if r.slice == wanted
    }
    now = [r for r in found.values() if r.name in picked]
    year_ago = year_before(as_at)
    before = {
        r.name: r
        for r in metrics.compute(
            frames, year_ago, by=by, names=computed, targets=targets, hr=named, compare=False
        )
        if r.slice == wanted
    }
    small_now = group_withheld(group_size(frames, as_at, service=service), named=named)
    small_then = group_withheld(group_size(frames, year_ago, service=service), named=named)
    registry = metrics.measures()
    out = []
    for r in now:
        m = registry[r.name]
        then = before.get(r.name)
        if then is not None and figure_withheld(
            m, then, named, group_small=small_then, people=people_result(m, before)
        ):
            r = r._replace(previous=None)
        out.append(shown(m, r, named, group_small=small_now, people=people_result(m, found)))
    return out


def measures_by(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    by: str,
    named: bool,
    names: Sequence[str] | None = None,
) -> list[Result]:
    """Each measure offered for every slice of ``by`` (team, service, grade, contract, route or
    staff group) as at ``as_at``: the slices ``thrive metrics --by`` writes, computed by the
    same call. For a viewer who may not see the people named, each slice's figures are withheld
    as the Overview withholds a service's (a small slice, a small count, an FTE of few people),
    so a slice never tells them more than the whole would. The whole authority's figures are
    :func:`measures_as_at`'s."""
    if by not in SLICES:
        raise UnknownMeasureError(f"No slice {by!r}: by takes {', '.join(SLICES)}")
    picked = [m.name for m in feed_measures(names)]
    found = metrics.compute(
        frames, as_at, by=by, names=with_people(picked), targets=targets, hr=named
    )
    sliced: dict[str, dict[str, Result]] = {}
    for r in found:
        if r.slice is not None:
            sliced.setdefault(json.dumps(r.slice, sort_keys=True), {})[r.name] = r
    sizes = group_sizes(frames, as_at, by)
    registry = metrics.measures()
    out = []
    for r in found:
        if r.slice is None or r.name not in picked:
            continue
        m = registry[r.name]
        small = group_withheld(sizes.get(r.slice.get(by, ""), 0), named=named)
        same = sliced[json.dumps(r.slice, sort_keys=True)]
        out.append(shown(m, r, named, group_small=small, people=people_result(m, same)))
    return out


def measure_trend(
    frames: WorkforceFrames,
    name: str,
    start: date,
    end: date,
    targets: Targets,
    *,
    named: bool,
    service: str | None = None,
    by: str | None = None,
) -> list[Result]:
    """One measure at every month end from ``start`` to ``end``, each point withheld or shown
    as it would be on its own date. With ``by`` (team, service, grade, contract, route or staff
    group), the
    whole authority's point at each date is followed by each slice's, computed by the same call
    as ``thrive metrics trend --by`` and withheld slice by slice as :func:`measures_by`
    withholds them."""
    if by is not None and by not in SLICES:
        raise UnknownMeasureError(f"No slice {by!r}: by takes {', '.join(SLICES)}")
    m = feed_measures([name])[0]
    dates = month_ends(start, end)
    if len(dates) > MOST_MONTHS:
        raise metrics.PeriodError(
            f"A trend covers at most {MOST_MONTHS} months; {start} to {end} is {len(dates)}"
        )
    dim = "service" if service else by
    results = metrics.series(
        frames,
        dates,
        by=dim,
        names=with_people([name]),
        targets=targets,
        hr=named,
        compare=False,
    )
    # Each point by date and slice (None: the whole authority), in the order computed.
    on_date: dict[tuple[date, str | None], dict[str, Result]] = {}
    for r in results:
        where = None if r.slice is None or dim is None else r.slice.get(dim)
        if service is not None and where != service:
            continue
        if service is None and by is None and r.slice is not None:
            continue
        on_date.setdefault((r.as_at, where), {})[r.name] = r
    sizes: dict[date, dict[str, int]] = {}
    out = []
    for (day, where), found in sorted(on_date.items(), key=lambda item: item[0][0]):
        point = found.get(name)
        if point is None:
            continue
        if where is None or service is not None:
            people = group_size(frames, day, service=service)
        else:
            if day not in sizes:
                sizes[day] = group_sizes(frames, day, by or "")
            people = sizes[day].get(where, 0)
        small = group_withheld(people, named=named)
        out.append(shown(m, point, named, group_small=small, people=people_result(m, found)))
    return out


def breakdown_measures() -> list[Measure]:
    """The registry's breakdown measures (leavers by reason, by destination, by years with
    the council, the workforce by ethnicity, ...): one figure per group."""
    return [m for m in metrics.measures().values() if m.breakdown is not None]


def breakdowns_as_at(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    named: bool,
    service: str | None = None,
    by: str | None = None,
) -> list[Result]:
    """Every breakdown measure's groups as at ``as_at``: for the whole authority (and each
    slice of ``by``), or for one ``service``; the groups ``thrive metrics --format json``
    writes, computed by the same call.

    For a viewer who may not see the people named, the parts are withheld together as the
    Leavers page withholds them: the registry's suppression (:mod:`thrive.metrics.suppression`:
    a group of 1 to 4 hidden, the next smallest with it when only one is, the total when the
    hidden group is the only one), then, part by part, :func:`shown` (every part of a small
    slice or service, every share of fewer leavers than the threshold). A part's year-ago
    figure is left out for them, as the page shows none."""
    dim = "service" if service else by
    if dim is not None and dim not in SLICES:
        raise UnknownMeasureError(f"No slice {dim!r}: by takes {', '.join(SLICES)}")
    chosen = breakdown_measures()
    picked = {m.name for m in chosen}
    found = metrics.compute(
        frames, as_at, by=dim, names=with_people(list(picked)), targets=targets, hr=named
    )
    registry = metrics.measures()

    def where(r: Result) -> str | None:
        """The slice ``r`` is of (None: the whole authority)."""
        return None if dim is None or r.slice is None else r.slice.get(dim)

    # The counts of people a part is made from are the same slice's whole figures.
    wholes: dict[str | None, dict[str, Result]] = {}
    for r in found:
        if r.name not in picked:
            wholes.setdefault(where(r), {})[r.name] = r
    sizes = group_sizes(frames, as_at, dim) if dim else {}
    whole_small = group_withheld(group_size(frames, as_at), named=named)
    out = []
    for r in found:
        if r.name not in picked:
            continue
        slice_ = where(r)
        if service is not None and slice_ != service:
            continue
        m = registry[r.name]
        small = whole_small if slice_ is None else group_withheld(sizes.get(slice_, 0), named=named)
        r = shown(m, r, named, group_small=small, people=people_result(m, wholes.get(slice_, {})))
        out.append(r if named else r._replace(previous=None))
    return out
