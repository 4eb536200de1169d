"""Pay and reward: base salary by grade (median and quartiles), recruitment and retention
payments (who gets them and what they cost), whether those who get one stay, and the cost of
agency cover beside directly employed pay. Read from the census's pay (``thrive.metrics.pay``).
"""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, total
from thrive.metrics.pay import agency_rated, paid, stayers
from thrive.metrics.registry import Basis, Kind, Unit, register

SOURCE = (
    "Department for Education children's social work workforce census (BaseSalary, "
    "RRPayments); issue 19 (pay and reward)"
)
CENSUS = (
    "Read from the last census on or before the as-at date (its census date, 30 September): "
    "directly employed (permanent or fixed-term) social workers in post that day with a base "
    "salary returned for that collection year, each in the post they held that day (the more "
    "senior if two), so a slice by grade is the grade on the census date."
)
NO_PAY = "No census with pay returned for that year (or nobody with a base salary): no figure."
FULL_TIME = (
    "The return describes BaseSalary only as 'annual base salary in pounds'; Thrive takes it as "
    "the full-time annual figure (as pay scales are written), so part-time workers count at "
    "their full-time rate. A council that returns part-time workers' actual pay lowers these "
    "figures: check what your return holds."
)
QUARTILES = (
    "Quartiles and the median interpolate between the two nearest salaries (a spreadsheet's "
    "QUARTILE.INC): of 30,000 and 40,000 the median is 35,000."
)
PEOPLE = "pay_records_headcount"
REGION = (
    "No regional comparison: the Department's published workforce statistics that Thrive holds "
    "(the children's social work workforce indicators, 2017 to 2024) carry no pay figures, so "
    "no region's salary is shown beside the council's."
)
RETAINED = (
    "Of the directly employed social workers in post on the census date a year before, with a "
    "base salary returned that year: those still directly employed on the later census date."
)
ASSOCIATION = (
    "An association, not a cause: payments go to hard-to-fill posts and to people the council "
    "most wants to keep, so a difference between the two groups is not the payment's effect."
)


def _salary(ctx: Context, by: str | None, q: float) -> pl.DataFrame:
    salaries = (
        paid(ctx)
        .group_by("point", Context.slice_expr(by))
        .agg(pl.col("base_salary").quantile(q, interpolation="linear").alias("numerator"))
    )
    return only_numerator(salaries)


@register(
    "pay_records_headcount",
    label="Social workers with pay returned",
    section=w.PAY,
    formula="Count the directly employed social workers in post on the last census date on or "
    "before the as-at date with a base salary returned for that year.",
    numerator="directly employed social workers in post on the census date with a base salary",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(CENSUS, "No census with pay returned for that year: 0.", w.SUPPRESSION),
)
def pay_records_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(paid(ctx), by))


def _register_salary(name: str, label: str, q: float, described: str) -> None:
    @register(
        name,
        label=label,
        section=w.PAY,
        formula=f"The {described} of the base salaries of the social workers counted in "
        "pay_records_headcount.",
        numerator=f"the {described} base salary",
        denominator=None,
        source=SOURCE,
        unit=Unit.POUNDS,
        kind=Kind.STATISTIC,
        higher_is_better=None,
        basis=Basis.AS_AT,
        edge_cases=(
            CENSUS,
            FULL_TIME,
            QUARTILES,
            NO_PAY,
            "Its change on the year before compares the census a year earlier (each year's "
            "salaries as returned, not adjusted for inflation).",
            "Withheld outside HR wherever pay_records_headcount is 1 to 4: a median of a few "
            "people's pay is close to their own.",
            REGION,
        ),
        adds_up=False,
        people=PEOPLE,
    )
    def salary(ctx: Context, by: str | None) -> pl.DataFrame:
        return _salary(ctx, by, q)


_register_salary("median_base_salary", "Median base salary", 0.5, "median")
_register_salary(
    "base_salary_lower_quartile", "Base salary, lower quartile", 0.25, "lower quartile"
)
_register_salary(
    "base_salary_upper_quartile", "Base salary, upper quartile", 0.75, "upper quartile"
)


def _rewarded(ctx: Context) -> pl.DataFrame:
    return paid(ctx).filter(pl.col("rr_payments") > 0)


@register(
    "rr_payment_headcount",
    label="Social workers given recruitment or retention payments",
    section=w.PAY,
    formula="Of those counted in pay_records_headcount, count those whose recruitment and "
    "retention payments for the year are more than 0.",
    numerator="social workers with pay returned and a recruitment or retention payment",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(
        CENSUS,
        "A worker with no RRPayments returned counts as having none.",
        w.SUPPRESSION,
    ),
)
def rr_payment_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(_rewarded(ctx), by))


@register(
    "rr_payment_share",
    label="Share given recruitment or retention payments",
    section=w.PAY,
    formula="rr_payment_headcount / pay_records_headcount x 100.",
    numerator="social workers with a recruitment or retention payment (rr_payment_headcount)",
    denominator="social workers with pay returned (pay_records_headcount)",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(CENSUS, NO_PAY, w.SUPPRESSION),
    people=("rr_payment_headcount", PEOPLE),
)
def rr_payment_share(ctx: Context, by: str | None) -> pl.DataFrame:
    return pair(count(_rewarded(ctx), by), count(paid(ctx), by, "denominator"))


@register(
    "rr_payment_cost",
    label="Cost of recruitment and retention payments",
    section=w.PAY,
    formula="Add up the recruitment and retention payments returned for the year of the social "
    "workers counted in pay_records_headcount.",
    numerator="pounds of recruitment and retention payments in the census year",
    denominator=None,
    source=SOURCE,
    unit=Unit.POUNDS,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(
        CENSUS,
        "Payments are as returned for the collection year (what was paid in it), not "
        "annualised; employer's on-costs are not added.",
        "Withheld outside HR wherever rr_payment_headcount is 1 to 4 (it would tell them "
        "what those few were paid).",
    ),
    people="rr_payment_headcount",
)
def rr_payment_cost(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(total(paid(ctx), by, pl.col("rr_payments")))


def _register_retained(name: str, label: str, rewarded: bool) -> None:
    who = "with" if rewarded else "without"

    @register(
        name,
        label=label,
        section=w.PAY,
        formula=f"{RETAINED} Of those {who} a recruitment or retention payment in the earlier "
        "year: the number still here / the number x 100.",
        numerator=f"those {who} a payment a year before who are still directly employed",
        denominator=f"those {who} a payment a year before",
        source=SOURCE,
        unit=Unit.PERCENT,
        kind=Kind.RATE,
        higher_is_better=True,
        basis=Basis.PERIOD,
        edge_cases=(
            "The two census dates are the last on or before the as-at date and the one a year "
            "before it; each worker is placed (and sliced) in the post they held on the earlier.",
            "Still here means in any directly employed post (a move inside the council is "
            "staying); gone to agency work here is leaving.",
            "No census with pay a year before: no figure.",
            ASSOCIATION,
            w.SUPPRESSION,
        ),
        caveat=ASSOCIATION,
        share_of_people=True,
    )
    def retained(ctx: Context, by: str | None) -> pl.DataFrame:
        cohort = stayers(ctx).filter(pl.col("rewarded") == rewarded)
        return pair(count(cohort.filter(pl.col("stayed")), by), count(cohort, by, "denominator"))


_register_retained(
    "retained_with_rr_payment", "Still here a year on: with a payment", rewarded=True
)
_register_retained(
    "retained_without_rr_payment", "Still here a year on: without a payment", rewarded=False
)


@register(
    "agency_rated_headcount",
    label="Agency social workers with a day rate",
    section=w.PAY,
    formula="Count the agency social workers in post on the last census date on or before the "
    "as-at date whose spell has a day rate.",
    numerator="agency social workers in post on the census date with a day rate",
    denominator=None,
    source="Council's agency records (day rate); issue 19 (pay and reward)",
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(
        "Each agency worker counts once (the more senior post if two); agency spells without "
        "a day rate are left out.",
        w.SUPPRESSION,
    ),
)
def agency_rated_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(agency_rated(ctx), by))


def agency_year_cost(ctx: Context, by: str | None, name: str = "numerator") -> pl.DataFrame:
    days = float(ctx.options.working_days_per_year)
    return total(agency_rated(ctx), by, pl.col("day_rate") * days, name)


@register(
    "agency_cost_per_fte",
    label="Agency cover: a year's cost for one FTE",
    section=w.PAY,
    formula="For the agency social workers counted in agency_rated_headcount: add up each day "
    "rate x working days a year, and divide by their number (the average day rate x working "
    "days a year).",
    numerator="day rates x working days a year, added up",
    denominator="agency social workers with a day rate (agency_rated_headcount)",
    source="Council's agency records (day rate); issue 19 (pay and reward)",
    unit=Unit.POUNDS,
    kind=Kind.RATIO,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(
        "Working days a year is the working_days_per_year option (253 unless the targets file "
        "says otherwise); the day rate is what the council pays the agency, its fees included.",
        "No agency worker with a day rate on the census date: no figure.",
    ),
    adds_up=False,
    people="agency_rated_headcount",
)
def agency_cost_per_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return pair(agency_year_cost(ctx, by), count(agency_rated(ctx), by, "denominator"))


def employed_year_cost(ctx: Context, by: str | None, name: str = "numerator") -> pl.DataFrame:
    rate = 1.0 + ctx.options.pay_on_cost_rate
    return total(paid(ctx), by, pl.col("base_salary") * rate, name)


ON_COSTS = (
    "On-costs (employer's National Insurance and pension) are an assumption, the "
    "pay_on_cost_rate option: 30% of base salary unless the targets file's [options] says "
    "otherwise."
)


@register(
    "employed_cost_per_fte",
    label="Directly employed: a year's cost for one FTE",
    section=w.PAY,
    formula="For the social workers counted in pay_records_headcount: add up each base salary "
    "x (1 + on-cost rate), and divide by their number.",
    numerator="base salaries with on-costs, added up",
    denominator="social workers with pay returned (pay_records_headcount)",
    source=SOURCE,
    unit=Unit.POUNDS,
    kind=Kind.RATIO,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(CENSUS, FULL_TIME, ON_COSTS, NO_PAY),
    adds_up=False,
    people=PEOPLE,
)
def employed_cost_per_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return pair(employed_year_cost(ctx, by), count(paid(ctx), by, "denominator"))


@register(
    "agency_cost_premium",
    label="Agency cover's extra cost for one FTE a year",
    section=w.PAY,
    formula="agency_cost_per_fte - employed_cost_per_fte: what a year of agency cover costs "
    "beyond a year of directly employed pay in the same slice (by grade: the same grade).",
    numerator="a year's agency cover for one FTE (agency_cost_per_fte)",
    denominator="a year's directly employed pay for one FTE (employed_cost_per_fte)",
    source=SOURCE + "; council's agency records (day rate)",
    unit=Unit.POUNDS,
    kind=Kind.DIFFERENCE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(
        ON_COSTS,
        "No figure where either side has none (no agency worker with a day rate, or nobody "
        "with pay returned, in the slice).",
        "An agency worker's grade is the post they cover, so by grade the two sides are the "
        "same posts.",
    ),
    adds_up=False,
    people=("agency_rated_headcount", PEOPLE),
)
def agency_cost_premium(ctx: Context, by: str | None) -> pl.DataFrame:
    agency = pair(agency_year_cost(ctx, by), count(agency_rated(ctx), by, "denominator"))
    employed = pair(employed_year_cost(ctx, by), count(paid(ctx), by, "denominator"))
    mean = pl.when(pl.col("denominator") > 0).then(pl.col("numerator") / pl.col("denominator"))
    a = agency.select("point", "slice", mean.alias("numerator"))
    e = employed.select("point", "slice", mean.alias("denominator"))
    both = a.join(e, on=["point", "slice"], how="full", coalesce=True, nulls_equal=True)
    if by is not None:
        return both
    # Every point has its row, empty where a side has no figure (not a difference of 0).
    whole = ctx.points.select("point", pl.lit(None, dtype=pl.String).alias("slice"))
    return whole.join(both, on=["point", "slice"], how="left", nulls_equal=True)
