"""The one list of measures: each with its name, label, formula, source, unit and function.

A measure is data (a :class:`Measure`) plus one function that, given a
:class:`~thrive.metrics.context.Context` and an optional slicing dimension, returns its
numerator and denominator for every evaluation point and slice. How the value follows from them
is the measure's :class:`Kind`, so the value is always checkable by hand from the two numbers.
``docs/metrics.md`` is generated from this registry (``python -m thrive.metrics.docs``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import polars as pl

from thrive.metrics.errors import UnknownMeasureError

if TYPE_CHECKING:
    from thrive.metrics.context import Context

MeasureFunction = Callable[["Context", "str | None"], pl.DataFrame]

# The dimensions a measure can be sliced by, and the column each reads in the working frames.
DIMENSIONS: dict[str, str] = {
    "team": "team",
    "service": "service",
    "grade": "grade",
    "contract": "contract_type",
    "route": "route",
    # Children's measures only (their frames describe a child, not a worker).
    "case_type": "case_type",
    # Each staff group's figures beside social workers' (thrive.metrics.staff_groups).
    "staff_group": "staff_group",
}
# The dimensions of the workforce measures (every measure's slices unless it says otherwise).
ALL_DIMENSIONS: tuple[str, ...] = ("team", "service", "grade", "contract", "route")
CHILD_DIMENSIONS: tuple[str, ...] = ("team", "service", "case_type")
ORGANISATION_DIMENSIONS: tuple[str, ...] = ("team", "service", "grade")


class Kind(StrEnum):
    """How a measure's value follows from its numerator and denominator."""

    COUNT = "count"  # value = numerator (no denominator)
    RATE = "rate"  # value = 100 x numerator / denominator
    RATIO = "ratio"  # value = numerator / denominator
    MAXIMUM = "maximum"  # value = numerator, the largest single figure
    DIFFERENCE = "difference"  # value = numerator - denominator
    STATISTIC = "statistic"  # value = numerator, a median or quartile of individual figures

    def apply(self, numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
        """The value as a Polars expression; null where a rate or ratio has nothing below."""
        if self is Kind.RATE:
            return pl.when(denominator > 0).then(100.0 * numerator / denominator)
        if self is Kind.RATIO:
            return pl.when(denominator > 0).then(numerator / denominator)
        if self is Kind.DIFFERENCE:
            return numerator - denominator
        return numerator

    @property
    def rule(self) -> str:
        return {
            Kind.COUNT: "value = numerator",
            Kind.RATE: "value = 100 x numerator / denominator",
            Kind.RATIO: "value = numerator / denominator",
            Kind.MAXIMUM: "value = numerator (the largest single figure)",
            Kind.DIFFERENCE: "value = numerator - denominator",
            Kind.STATISTIC: "value = numerator (a median or quartile of the people's figures)",
        }[self]


class Unit(StrEnum):
    """What a value is measured in. ``decimals`` is how it is rounded for display."""

    PERCENT = "%"
    FTE = "FTE"
    PEOPLE = "people"
    CASES = "cases"
    CASES_PER_FTE = "cases per FTE"
    DAYS = "working days"
    POUNDS = "£"
    YEARS = "years"
    REPORTS = "reports per manager"
    CHANGES = "changes per child"
    CALENDAR_DAYS = "days"
    POINTS = "weighted points per FTE"
    VISITS = "visits"

    @property
    def decimals(self) -> int:
        return {
            Unit.PERCENT: 1,
            Unit.FTE: 2,
            Unit.PEOPLE: 0,
            Unit.CASES: 0,
            Unit.CASES_PER_FTE: 1,
            Unit.DAYS: 1,
            Unit.POUNDS: 0,
            Unit.YEARS: 1,
            Unit.REPORTS: 1,
            Unit.CHANGES: 2,
            Unit.CALENDAR_DAYS: 1,
            Unit.POINTS: 1,
            Unit.VISITS: 0,
        }[self]


class Basis(StrEnum):
    """Whether a measure is a snapshot on the as-at date or a count over the year to it."""

    AS_AT = "as_at"
    PERIOD = "period"


@dataclass(frozen=True)
class Measure:
    """One measure of success, described well enough to recompute it in a spreadsheet.

    A *breakdown* measure gives one figure per group (``breakdown`` names the grouping,
    ``groups`` its groups in their natural order: results and pages list them so, others
    after). ``population``: the local population's share of each group is shown as its target
    (the representative-workforce measures). ``people``: for the FTE of a flow or group of
    people (FTE starters), the measure counting those people (starters by headcount): the FTE
    is withheld wherever that count is, or it would give the count away ("1.00 FTE" beside
    "fewer than 5"). A rate or difference names every count of people it is made from (the
    turnover rate: leavers and those in post), and is withheld wherever any of them is.
    ``share_of_people``: a rate whose numerator counts people (or their appraisals) among the
    people its denominator counts, with no count measure of its own: withheld wherever those
    counted, or those not counted, are 1 to 4 (38 of 40 retained says 2 left).
    """

    name: str
    label: str
    section: str
    formula: str
    numerator: str
    denominator: str | None
    source: str
    unit: Unit
    kind: Kind
    higher_is_better: bool | None
    basis: Basis
    function: MeasureFunction
    slices: tuple[str, ...] = ALL_DIMENSIONS
    breakdown: str | None = None
    edge_cases: tuple[str, ...] = ()
    caveat: str | None = None
    suppressible: bool = False
    detail: tuple[str, ...] = field(default=())
    adds_up: bool = True
    groups: tuple[str, ...] = ()
    population: bool = False
    people: tuple[str, ...] = ()
    share_of_people: bool = False
    reads: tuple[str, ...] = ()

    @property
    def additive(self) -> bool:
        """Whether the whole authority's figure is its slices' added up (a maximum: their
        largest), so it can be derived from them. Breakdowns and measures whose numerator
        depends on the slice (the stability index) are not."""
        return self.adds_up and self.breakdown is None

    @property
    def direction(self) -> str:
        if self.higher_is_better is None:
            return "neither: context for the other measures"
        return "higher is better" if self.higher_is_better else "lower is better"


REGISTRY: dict[str, Measure] = {}


def register(
    name: str,
    *,
    label: str,
    section: str,
    formula: str,
    numerator: str,
    denominator: str | None,
    source: str,
    unit: Unit,
    kind: Kind,
    higher_is_better: bool | None,
    basis: Basis,
    slices: tuple[str, ...] = ALL_DIMENSIONS,
    breakdown: str | None = None,
    edge_cases: tuple[str, ...] = (),
    caveat: str | None = None,
    suppressible: bool = False,
    detail: tuple[str, ...] = (),
    adds_up: bool = True,
    groups: tuple[str, ...] = (),
    population: bool = False,
    people: str | tuple[str, ...] = (),
    share_of_people: bool = False,
    reads: tuple[str, ...] = (),
) -> Callable[[MeasureFunction], MeasureFunction]:
    """Decorator: add the decorated function to the registry as the measure ``name``.

    ``people``: the measure (or measures) counting the people the figure is made from.
    ``share_of_people``: see :class:`Measure`.
    ``reads``: the frames read on first use (``READ_ON_FIRST_USE`` in
    :mod:`thrive.frames.workforce`: the children's allocations) the measure needs; they are read
    before the measures run side by side, by the thread that asked for them.
    """

    def add(function: MeasureFunction) -> MeasureFunction:
        if name in REGISTRY:
            raise ValueError(f"Measure {name!r} is registered twice")
        REGISTRY[name] = Measure(
            name=name,
            label=label,
            section=section,
            formula=formula,
            numerator=numerator,
            denominator=denominator,
            source=source,
            unit=unit,
            kind=kind,
            higher_is_better=higher_is_better,
            basis=basis,
            function=function,
            slices=slices,
            breakdown=breakdown,
            edge_cases=edge_cases,
            caveat=caveat,
            suppressible=suppressible,
            detail=detail,
            adds_up=adds_up,
            groups=groups,
            population=population,
            people=(people,) if isinstance(people, str) else tuple(people),
            share_of_people=share_of_people,
            reads=reads,
        )
        return function

    return add


def measures() -> dict[str, Measure]:
    """Every registered measure, by name, in the order they are documented."""
    import thrive.metrics.definitions  # noqa: F401  (registers them all)

    return REGISTRY


def measure(name: str) -> Measure:
    """The measure called ``name``, or :class:`UnknownMeasureError`."""
    known = measures()
    if name not in known:
        raise UnknownMeasureError(name, list(known))
    return known[name]
