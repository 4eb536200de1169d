"""Why people leave, where they go, and after how long: the year's leavers by the census reason
for leaving (``ReasonLeave``), by destination (``LeaverDestination``) and by whole years with the
council, each group as a share of the leavers. Sliced by team or grade, each group sits under the
post the leaver left, so "leavers by reason in each grade" is one call."""

from __future__ import annotations

import polars as pl

from thrive.codes import LeaverDestination, ReasonLeave
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, senior_per_worker
from thrive.metrics.registry import Basis, Kind, Unit, register
from thrive.metrics.workers import TENURE_GROUPS, tenure_band

NOT_RECORDED = "Not recorded"


def _labelled(column: str, codes: type[ReasonLeave] | type[LeaverDestination]) -> pl.Expr:
    """A census code's label; 'Not recorded' when empty, 'Code n' for one the list lacks."""
    code = pl.col(column)
    labels = {int(c): c.label for c in codes}
    return (
        pl.when(code.is_null())
        .then(pl.lit(NOT_RECORDED))
        .otherwise(
            code.replace_strict(labels, default=pl.format("Code {}", code), return_dtype=pl.String)
        )
    )


def _leavers(ctx: Context) -> pl.DataFrame:
    """One row per leaver at each point (their more senior post if they left two), with the
    reason, destination and tenure band as labels."""

    def build() -> pl.DataFrame:
        return senior_per_worker(ctx.leaver_spells).with_columns(
            _labelled("reason_leave", ReasonLeave).alias("reason"),
            _labelled("leaver_destination", LeaverDestination).alias("destination"),
            tenure_band(pl.col("service_start"), pl.col("end_date")),
        )

    return ctx.memo("leavers:why", build)


def _breakdown(ctx: Context, by: str | None, group: str) -> pl.DataFrame:
    leavers = _leavers(ctx)
    groups = count(leavers, by, group=group)
    whole = count(leavers, by, "denominator")
    return groups.join(whole, on=["point", "slice"], nulls_equal=True)


ONCE = (
    "Each leaver counts once, in the post they left (a worker leaving two posts at once: the "
    "more senior, with its reason and destination), so the groups add up to "
    "leavers_headcount, for the whole council and in every slice."
)
COMMON = (w.YEAR, ONCE, w.AGENCY_NOT_LEAVERS, w.MOVES_NOT_LEAVERS, w.SLICE_BY_SPELL, w.SUPPRESSION)
SOURCE = w.DFE_SOURCE + "; " + w.north_somerset(13)


@register(
    "leavers_by_reason",
    label="Leavers by reason for leaving",
    section=w.LEAVING,
    formula="For each census reason for leaving (ReasonLeave: "
    + ", ".join(r.label for r in ReasonLeave)
    + "): the number of leavers in the year with that reason / the number of leavers in the "
    "year x 100.",
    numerator="leavers in the year with the reason",
    denominator="leavers in the year (leavers_headcount)",
    source=SOURCE + " (census ReasonLeave)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.PERIOD,
    breakdown="reason",
    edge_cases=(
        *COMMON,
        "Every leaver has a reason (a spell ending without one is a move, not a leaver); the "
        "census's own 'Not known' and 'Not yet collected' are shown as such, and a leaver whose "
        f"reason is missing would show as '{NOT_RECORDED}'.",
    ),
    suppressible=True,
    groups=(*(r.label for r in ReasonLeave), NOT_RECORDED),
)
def leavers_by_reason(ctx: Context, by: str | None) -> pl.DataFrame:
    return _breakdown(ctx, by, "reason")


@register(
    "leavers_by_destination",
    label="Leavers by destination",
    section=w.LEAVING,
    formula="For each census leaver destination (LeaverDestination: "
    + ", ".join(d.label for d in LeaverDestination)
    + "): the number of leavers in the year going there / the number of leavers in the year "
    "x 100.",
    numerator="leavers in the year with the destination",
    denominator="leavers in the year (leavers_headcount)",
    source=SOURCE + " (census LeaverDestination)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.PERIOD,
    breakdown="destination",
    edge_cases=(
        *COMMON,
        f"A leaver with no destination recorded is '{NOT_RECORDED}' (the census needs one for "
        "every leaver: a record to complete before the return).",
    ),
    suppressible=True,
    groups=(*(d.label for d in LeaverDestination), NOT_RECORDED),
)
def leavers_by_destination(ctx: Context, by: str | None) -> pl.DataFrame:
    return _breakdown(ctx, by, "destination")


@register(
    "leavers_by_tenure_band",
    label="Leavers by years with the council",
    section=w.LEAVING,
    formula="For each band of whole years with the council on leaving ("
    + ", ".join(TENURE_GROUPS)
    + "): the number of leavers in the year in the band / the number of leavers in the year "
    "x 100.",
    numerator="leavers in the year in the band",
    denominator="leavers in the year (leavers_headcount)",
    source=SOURCE + "; " + w.north_somerset(9) + " (years in service)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.PERIOD,
    breakdown="tenure_band",
    edge_cases=(
        *COMMON,
        "Years with the council run from the start of the leaver's continuous time with it (as "
        "in average_years_in_service: a move inside the council does not restart it, a leaver "
        "who came back starts again, agency time before joining does not count) to the day "
        "after their last day, in whole years counted as an age is: someone who started on 1 "
        "October 2015 and left on 30 September 2016 served 1 year (band '1 year to under 2').",
        "The bands are Thrive's own (neither the census nor the strategies band length of "
        "service): the first year (an ASYE's), the second, years 3 to 5, 6 to 10, and longer.",
    ),
    suppressible=True,
    groups=TENURE_GROUPS,
)
def leavers_by_tenure_band(ctx: Context, by: str | None) -> pl.DataFrame:
    return _breakdown(ctx, by, "tenure_band")
