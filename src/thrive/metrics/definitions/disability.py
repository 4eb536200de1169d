"""Disability in the workforce: how many social workers say whether they are disabled, and of
those who do, the share who are, set beside the local population's share where the council
enters it. A worker's own declaration, which the census return does not carry."""

from __future__ import annotations

import polars as pl

from thrive.codes.disability import Disability
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, pair, total
from thrive.metrics.registry import Basis, Kind, Unit, register

DECLARED = (Disability.YES.label, Disability.NO.label)
WHO = "directly employed workers in post at the as-at date"
SOURCE = (
    "Disability Confident (the strategies' commitment to disabled applicants) and the Equality "
    "Act 2010's duty to know the workforce; the worker's own declaration in the staff extract "
    "(not in the census return)"
)
NOT_DECLARED = (
    "'Prefer not to say' and 'Not known' (nothing recorded) are not declarations: such workers "
    "count in the declaration rate's denominator only."
)
NO_DEFAULT_POPULATION = (
    "Thrive ships no population figure: the council enters its area's share of working-age "
    "people who are disabled (for example from the 2021 Census for its area) as the target of "
    "the Disabled group: `[population.disability] Disabled = ...` in its targets file, or a "
    "measure target with group Disabled in the admin. It is shown beside the workforce's share, "
    "without a red/amber/green status."
)


def _people(ctx: Context) -> pl.DataFrame:
    """Each directly employed worker in post at each point, with their answer's label."""

    def build() -> pl.DataFrame:
        labels = {d.value: d.label for d in Disability}
        answers = ctx.frames.workers.select(
            "worker_id",
            pl.col("disability")
            .replace_strict(labels, default=Disability.NOT_KNOWN.label, return_dtype=pl.String)
            .alias("disability"),
        )
        people = ctx.employed_workers.join(answers, on="worker_id", how="left")
        return people.with_columns(
            pl.col("disability").fill_null(Disability.NOT_KNOWN.label),
        ).with_columns(pl.col("disability").is_in(DECLARED).alias("declared"))

    return ctx.memo("people:disability", build)


@register(
    "workforce_by_disability",
    label="Workforce by disability",
    section=w.REPRESENTATIVE,
    formula=f"For each answer ({', '.join(DECLARED)}): the number of {WHO} who gave it / the "
    f"number of {WHO} who said whether they are disabled (either answer) x 100.",
    numerator=f"{WHO} giving the answer",
    denominator=f"{WHO} who said whether they are disabled",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.AS_AT,
    breakdown="disability",
    edge_cases=(
        w.SUPPRESSION,
        NOT_DECLARED,
        "Read it beside the declaration rate: a share of few declarations says little.",
        w.TWO_ROLES_HEADCOUNT,
        "Agency workers are not included (their employer holds their details).",
        NO_DEFAULT_POPULATION,
    ),
    suppressible=True,
    groups=DECLARED,
    population=True,
)
def workforce_by_disability(ctx: Context, by: str | None) -> pl.DataFrame:
    people = _people(ctx).filter(pl.col("declared"))
    groups = count(people, by, group="disability")
    whole = count(people, by, "denominator")
    return groups.join(whole, on=["point", "slice"], nulls_equal=True)


@register(
    "disability_declaration_rate",
    label="Disability declaration rate",
    section=w.REPRESENTATIVE,
    formula=f"The number of {WHO} who said whether they are disabled (yes or no) / the number "
    f"of {WHO} x 100.",
    numerator=f"{WHO} who said whether they are disabled",
    denominator=WHO,
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(
        w.IN_POST,
        NOT_DECLARED,
        w.TWO_ROLES_HEADCOUNT,
        "Agency workers are not included (their employer holds their details).",
    ),
    share_of_people=True,
)
def disability_declaration_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    people = _people(ctx)
    return pair(
        total(people, by, pl.col("declared").cast(pl.Float64)),
        count(people, by, "denominator"),
    )
