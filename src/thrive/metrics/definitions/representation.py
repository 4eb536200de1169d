"""A representative workforce: who is in post, who starts and who leaves, by ethnicity, sex and
age band, each group as a share of the whole (set beside the local population where entered)."""

from __future__ import annotations

import polars as pl

from thrive.codes import Sex
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, senior_per_worker
from thrive.metrics.registry import Basis, Kind, Unit, register
from thrive.metrics.workers import AGE_GROUPS

GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ethnicity": (
        "broad ethnic group",
        ("White", "Mixed", "Asian", "Black", "Other", "Unknown"),
    ),
    "sex": ("sex", (Sex.FEMALE.label, Sex.MALE.label, Sex.NOT_KNOWN.label)),
    "age_band": ("age band", AGE_GROUPS),
}
POPULATIONS = {
    "workforce": (
        "directly employed workers in post at the as-at date",
        Basis.AS_AT,
        "age on the as-at date",
    ),
    "starters": ("workers who started in the year", Basis.PERIOD, "age on their start date"),
    "leavers": ("workers who left in the year", Basis.PERIOD, "age on their leaving date"),
}


def _people(ctx: Context, population: str) -> pl.DataFrame:
    """One row per person in the population at each point, with their groups."""

    def build() -> pl.DataFrame:
        if population == "workforce":
            return ctx.demographics(ctx.employed_workers, "as_at")
        if population == "starters":
            return ctx.demographics(senior_per_worker(ctx.starter_spells), "start_date")
        return ctx.demographics(senior_per_worker(ctx.leaver_spells), "end_date")

    return ctx.memo(f"people:{population}", build)


def _breakdown(ctx: Context, by: str | None, population: str, group: str) -> pl.DataFrame:
    people = _people(ctx, population)
    groups = count(people, by, group=group)
    whole = count(people, by, "denominator")
    return groups.join(whole, on=["point", "slice"], nulls_equal=True)


def _register(population: str, group: str) -> None:
    who, basis, age_on = POPULATIONS[population]
    described, groups = GROUPS[group]
    edge_cases = [
        w.SUPPRESSION,
        "Ethnicity is grouped as the Department publishes it; 'Refused' and 'Information not "
        "yet obtained' are 'Unknown'.",
        f"Age bands use the {age_on}.",
        "Sex is shown by its label; a worker with none recorded is 'Not known or not specified'.",
        w.TWO_ROLES_HEADCOUNT,
        "Agency workers are not included (their employer holds their details).",
        "Where the local population's profile is entered (targets file or admin), each group's "
        "population share is shown as its target, without a red/amber/green status.",
    ]
    if basis is Basis.PERIOD:
        edge_cases.insert(0, w.YEAR)

    @register(
        f"{population}_by_{group}",
        label=f"{population.capitalize()} by {group.replace('_', ' ')}",
        section=w.REPRESENTATIVE,
        formula=f"For each {described} ({', '.join(groups)}): the number of {who} in the group "
        f"/ the number of {who} x 100.",
        numerator=f"{who} in the group",
        denominator=f"all {who}",
        source="North Somerset and Somerset strategies (a workforce that reflects the "
        "communities it serves); Department for Education census (ethnicity, sex, age)",
        unit=Unit.PERCENT,
        kind=Kind.RATE,
        higher_is_better=None,
        basis=basis,
        breakdown=group,
        edge_cases=tuple(edge_cases),
        suppressible=True,
        groups=groups,
        population=True,
    )
    def breakdown(ctx: Context, by: str | None) -> pl.DataFrame:
        return _breakdown(ctx, by, population, group)


for _population in POPULATIONS:
    for _group in GROUPS:
        _register(_population, _group)
