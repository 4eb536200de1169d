"""Vacancies in the establishment, and the agency workers who fill posts.

A post's vacancy at a date is its funded FTE less the FTE of the directly employed spells
occupying it, never below 0. Agency workers in a post do not fill the vacancy (the Department
counts the post as vacant and the agency worker as covering it).
"""

from __future__ import annotations

import polars as pl

from thrive.metrics import formulas
from thrive.metrics.context import FAR_FUTURE, Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, senior_per_worker, total
from thrive.metrics.definitions.staffing import fte_in_post_totals
from thrive.metrics.registry import ORGANISATION_DIMENSIONS, Basis, Kind, Unit, register

POST_EDGE_CASES = (
    "A post is open from its start date to its end date inclusive.",
    "A post filled beyond its funded FTE has no vacancy (never a negative one).",
    "Agency workers in a post do not fill its vacancy.",
    "Sliced by the post's team, service and grade; vacancies have no contract type or route, "
    "so slicing by them gives the whole-authority figure only.",
)


def posts_at(ctx: Context) -> pl.DataFrame:
    """Each open post at each point with its funded, employed-occupied and agency FTE."""

    def build() -> pl.DataFrame:
        posts = ctx.frames.posts.join(ctx.teams, on="team_id", how="left").with_columns(
            pl.col("end_date").fill_null(FAR_FUTURE).alias("open_until")
        )
        open_posts = ctx.points.select("point", "as_at").join_where(
            posts, pl.col("start_date") <= pl.col("as_at"), pl.col("open_until") >= pl.col("as_at")
        )
        occupied = (
            ctx.in_post.filter(pl.col("post_id").is_not_null())
            .group_by("point", "post_id")
            .agg(
                pl.col("fte").filter(~pl.col("is_agency")).sum().alias("employed_fte"),
                pl.col("fte").filter(pl.col("is_agency")).sum().alias("agency_fte"),
            )
        )
        joined = open_posts.join(occupied, on=["point", "post_id"], how="left").with_columns(
            pl.col("employed_fte").fill_null(0.0), pl.col("agency_fte").fill_null(0.0)
        )
        vacancy = (pl.col("funded_fte") - pl.col("employed_fte")).clip(lower_bound=0.0)
        uncovered = (vacancy - pl.col("agency_fte")).clip(lower_bound=0.0)
        return joined.with_columns(
            vacancy.alias("vacancy_fte"),
            uncovered.alias("uncovered_fte"),
            pl.lit(None, dtype=pl.String).alias("contract_type"),
            pl.lit(None, dtype=pl.String).alias("route"),
        )

    return ctx.memo("posts_at", build)


@register(
    "vacancy_fte",
    label="FTE vacancies",
    section=w.DFE,
    formula="For each open establishment post: funded FTE - FTE of directly employed spells in "
    "post that occupy it (at least 0); add them up.",
    numerator="FTE of funded posts not filled by directly employed social workers",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    edge_cases=POST_EDGE_CASES,
)
def vacancy_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(total(posts_at(ctx), by, pl.col("vacancy_fte")))


@register(
    "vacancy_rate",
    label="Vacancy rate (FTE)",
    section=w.DFE,
    formula="FTE vacancies / (FTE vacancies + FTE social workers in post) x 100.",
    numerator="FTE vacancies (vacancy_fte)",
    denominator="FTE vacancies + FTE social workers in post (vacancy_fte + fte_in_post)",
    source=w.DFE_SOURCE + "; " + w.north_somerset(2),
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    edge_cases=(
        *POST_EDGE_CASES,
        "The FTE in post below the line counts every directly employed worker, in a post or not.",
    ),
)
def vacancy_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    both = pair(
        total(posts_at(ctx), by, pl.col("vacancy_fte")), fte_in_post_totals(ctx, by, "denominator")
    )
    numerator, denominator = formulas.vacancy_rate(pl.col("numerator"), pl.col("denominator"))
    return both.with_columns(numerator.alias("numerator"), denominator.alias("denominator"))


@register(
    "unfilled_vacancy_rate",
    label="Unfilled vacancies, not covered by agency (% of FTE)",
    section=w.STRATEGY,
    formula="For each open post: vacancy FTE - FTE of agency workers in it (at least 0); add "
    "them up, / (FTE vacancies + FTE social workers in post) x 100.",
    numerator="FTE of vacancies nobody covers",
    denominator="FTE vacancies + FTE social workers in post (as in vacancy_rate)",
    source=w.north_somerset(2),
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    edge_cases=POST_EDGE_CASES,
)
def unfilled_vacancy_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    posts = posts_at(ctx)
    below = pair(
        total(posts, by, pl.col("vacancy_fte"), "numerator"),
        fte_in_post_totals(ctx, by, "denominator"),
    )
    below = below.select("point", "slice", (pl.col("numerator") + pl.col("denominator")).alias("d"))
    return pair(total(posts, by, pl.col("uncovered_fte")), below.rename({"d": "denominator"}))


@register(
    "agency_in_posts",
    label="Agency workers occupying establishment posts",
    section=w.STRATEGY,
    formula="Count the agency workers in post at the as-at date whose spell occupies an "
    "establishment post.",
    numerator="agency workers in an establishment post",
    denominator=None,
    source=w.north_somerset(6),
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_HEADCOUNT),
)
def agency_in_posts(ctx: Context, by: str | None) -> pl.DataFrame:
    in_posts = ctx.agency_in_post.filter(pl.col("post_id").is_not_null())
    return only_numerator(count(senior_per_worker(in_posts), by))


@register(
    "agency_fte_in_posts",
    label="FTE agency workers occupying establishment posts",
    section=w.STRATEGY,
    formula="Add up the FTE of agency spells in post at the as-at date that occupy an "
    "establishment post.",
    numerator="FTE of agency spells in an establishment post",
    denominator=None,
    source=w.north_somerset(6),
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_FTE),
)
def agency_fte_in_posts(ctx: Context, by: str | None) -> pl.DataFrame:
    in_posts = ctx.agency_in_post.filter(pl.col("post_id").is_not_null())
    return only_numerator(total(in_posts, by, pl.col("fte")))
