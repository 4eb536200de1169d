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
from thrive.metrics.definitions.shape import (
    combine,
    count,
    only_numerator,
    pair,
    running,
    senior_per_worker,
    total,
)
from thrive.metrics.definitions.staffing import fte_in_post_totals
from thrive.metrics.registry import ORGANISATION_DIMENSIONS, Basis, Kind, Unit, register

POST_EDGE_CASES = (
    "A post is open from its start date to its end date inclusive.",
    "A post filled beyond its funded FTE has no vacancy (never a negative one).",
    "Agency workers in a post do not fill its vacancy.",
    "Sliced by the post's team, service and grade; vacancies have no contract type or route, "
    "so slicing by them gives the whole-authority figure only.",
)


def _post_steps(ctx: Context) -> pl.DataFrame:
    """Each day any post's vacancy changes, with the change: (date, post's slice columns,
    d_vacancy, d_uncovered). A post's vacancy is a step function of time (it changes only when
    the post opens or closes or a spell in it starts or leaves the stock), so summing these
    changes up to a date gives every post's vacancy at it without visiting each post at each
    date."""

    def build() -> pl.DataFrame:
        posts = ctx.frames.posts
        spells = ctx.spells.filter(pl.col("post_id").is_not_null())
        never = pl.col("removal") < FAR_FUTURE
        parts = [
            posts.select("post_id", pl.col("start_date").alias("date"), pl.lit(1.0).alias("open")),
            posts.filter(pl.col("end_date").is_not_null()).select(
                "post_id",
                (pl.col("end_date") + pl.duration(days=1)).alias("date"),
                pl.lit(-1.0).alias("open"),
            ),
        ]
        for kind, which in (("employed", ~pl.col("is_agency")), ("agency", pl.col("is_agency"))):
            parts.append(
                spells.filter(which).select(
                    "post_id", pl.col("start_date").alias("date"), pl.col("fte").alias(kind)
                )
            )
            parts.append(
                spells.filter(which & never).select(
                    "post_id", pl.col("removal").alias("date"), (-pl.col("fte")).alias(kind)
                )
            )
        changes = (
            pl.concat(parts, how="diagonal_relaxed")
            .with_columns(pl.col("open", "employed", "agency").fill_null(0.0))
            .group_by("post_id", "date")
            .agg(pl.col("open", "employed", "agency").sum())
            .sort("post_id", "date")
        )
        first = (pl.col("post_id") != pl.col("post_id").shift(1)).fill_null(True)
        steps = changes.with_columns(
            first.alias("first"),
            running("open", first).alias("open_now"),
            running("employed", first).alias("employed_now"),
            running("agency", first).alias("agency_now"),
        ).join(posts.select("post_id", "team_id", "grade", "funded_fte"), on="post_id")
        vacancy = (pl.col("funded_fte") * pl.col("open_now") - pl.col("employed_now")).round(6)
        steps = steps.with_columns(vacancy.clip(lower_bound=0.0).alias("vacancy"))
        steps = steps.with_columns(
            (pl.col("vacancy") - pl.col("agency_now"))
            .round(6)
            .clip(lower_bound=0.0)
            .alias("uncovered")
        )
        earlier = [
            pl.when(pl.col("first")).then(0.0).otherwise(pl.col(c).shift(1))
            for c in ("vacancy", "uncovered")
        ]
        return steps.with_columns(
            (pl.col("vacancy") - earlier[0]).alias("d_vacancy"),
            (pl.col("uncovered") - earlier[1]).alias("d_uncovered"),
            pl.col("open").alias("d_open"),
            pl.lit(None, dtype=pl.String).alias("contract_type"),
            pl.lit(None, dtype=pl.String).alias("route"),
        ).join(ctx.teams, on="team_id", how="left")

    return ctx.memo("post_steps", build)


def vacancy_totals(ctx: Context, by: str | None) -> pl.DataFrame:
    """(point, slice, vacancy_fte, uncovered_fte): every open post's vacancy added up.

    With many points the posts' vacancies are swept through time (:func:`_post_steps`); with
    few, each open post is looked at on each date (:func:`_posts_on`). Both give the same.
    """
    return ctx.memo(
        f"vacancies:{by}",
        lambda: _swept_vacancies(ctx, by) if ctx.many_points else _posts_on(ctx, by),
    )


def _posts_on(ctx: Context, by: str | None) -> pl.DataFrame:
    """Each open post on each date with the FTE in it, added up by slice."""

    def build() -> pl.DataFrame:
        posts = ctx.frames.posts.join(ctx.teams, on="team_id", how="left").with_columns(
            pl.col("end_date").fill_null(FAR_FUTURE).alias("open_until"),
            pl.lit(None, dtype=pl.String).alias("contract_type"),
            pl.lit(None, dtype=pl.String).alias("route"),
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
        vacancy = (pl.col("funded_fte") - pl.col("employed_fte")).round(6).clip(lower_bound=0.0)
        uncovered = (vacancy - pl.col("agency_fte")).round(6).clip(lower_bound=0.0)
        return joined.with_columns(vacancy.alias("vacancy_fte"), uncovered.alias("uncovered_fte"))

    posts = ctx.memo("posts_on", build)
    return posts.group_by("point", Context.slice_expr(by)).agg(
        pl.col("vacancy_fte", "uncovered_fte").sum().round(6)
    )


def _swept_vacancies(ctx: Context, by: str | None) -> pl.DataFrame:
    label = Context.slice_expr(by) if by is not None else pl.lit("").alias("slice")
    changes = (
        _post_steps(ctx)
        .filter(pl.col("date") <= ctx.points["as_at"].max())
        .group_by(label, "date")
        .agg(pl.col("d_vacancy", "d_uncovered", "d_open").sum())
        .sort("slice", "date")
    )
    first = (pl.col("slice") != pl.col("slice").shift(1)).fill_null(True)
    levels = changes.select(
        "slice",
        "date",
        running("d_vacancy", first).round(6).alias("vacancy_fte"),
        running("d_uncovered", first).round(6).alias("uncovered_fte"),
        running("d_open", first).round(6).alias("open_posts"),
    ).sort("date")
    grid = (
        ctx.points.select("point", "as_at")
        .join(levels.select("slice").unique(), how="cross")
        .sort("as_at")
    )
    found = grid.join_asof(
        levels, left_on="as_at", right_on="date", by="slice", check_sortedness=False
    ).filter(pl.col("open_posts") > 0)  # as the direct count: slices with a post open
    slice_ = pl.col("slice") if by is not None else pl.lit(None, dtype=pl.String).alias("slice")
    return found.select("point", slice_, "vacancy_fte", "uncovered_fte")


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
    return only_numerator(
        vacancy_totals(ctx, by).rename({"vacancy_fte": "numerator"}).drop("uncovered_fte")
    )


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
    vacancies = vacancy_totals(ctx, by).select(
        "point", "slice", pl.col("vacancy_fte").alias("numerator")
    )
    both = pair(vacancies, fte_in_post_totals(ctx, by, "denominator"))
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
    both = combine(vacancy_totals(ctx, by), fte_in_post_totals(ctx, by, "in_post"))
    return both.select(
        "point",
        "slice",
        pl.col("uncovered_fte").alias("numerator"),
        (pl.col("vacancy_fte") + pl.col("in_post")).alias("denominator"),
    )


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
    people="agency_in_posts",
)
def agency_fte_in_posts(ctx: Context, by: str | None) -> pl.DataFrame:
    in_posts = ctx.agency_in_post.filter(pl.col("post_id").is_not_null())
    return only_numerator(total(in_posts, by, pl.col("fte")))
