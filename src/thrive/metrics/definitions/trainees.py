"""Students and trainees: the pipeline before qualifying. Students on placement with the
council's teams (by university and placement type), the share of final-placement students who
joined the council, apprentices and sponsored trainees in training, due to qualify within a
year, and how many withdraw. Not sliced: students and trainees are not workers yet."""

from __future__ import annotations

import polars as pl

from thrive.codes.trainees import PlacementType, TraineeRoute
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, total
from thrive.metrics.pipeline import (
    WITHDREW,
    in_training_on,
    placements_in_period,
    training_ends,
)
from thrive.metrics.registry import Basis, Kind, Unit, register

SOURCE = (
    "The council's own records of social work students on placement and of its apprentices "
    "and sponsored trainees (issue 19: the pipeline before qualifying)"
)
PLACED = (
    "A placement counts in the year when it ran on any day from the start of the year to the "
    "as-at date (no end date: still running). A student counts once however many placements "
    "they had in the year."
)
IN_TRAINING_WHO = (
    "In training on a day: started on or before it and not yet qualified or withdrawn (the "
    "status date is the first day no longer in training); status in_training counts whatever "
    "the expected qualification date says."
)
NOT_SLICED = "Not sliced: students and trainees are not workers of the council yet."
EMPTY = "0 when the store holds no students or trainees."
DUE_MONTHS = 12


def _students(ctx: Context) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        placed = placements_in_period(ctx.points, ctx.frames.placements)
        return placed.unique(["point", "student", "placement_type", "university"])

    return ctx.memo("students on placement", build)


def _in_training(ctx: Context) -> pl.DataFrame:
    return ctx.memo(
        "trainees in training", lambda: in_training_on(ctx.points, ctx.frames.trainees, "as_at")
    )


@register(
    "students_on_placement",
    label="Students on placement",
    section=w.PIPELINE,
    formula="Count the social work students with a placement in one of the council's teams on "
    "any day of the year to the as-at date.",
    numerator="Students on placement in the year",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.PERIOD,
    slices=(),
    edge_cases=(PLACED, NOT_SLICED, EMPTY),
)
def students_on_placement(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(_students(ctx).unique(["point", "student"]), by))


@register(
    "students_on_placement_by_type",
    label="Students on placement, by placement type",
    section=w.PIPELINE,
    formula="For each placement type (first, final, fast-track, other): count the students with "
    "a placement of that type on any day of the year to the as-at date.",
    numerator="Students on placement of the type in the year",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.PERIOD,
    slices=(),
    breakdown="placement type",
    groups=tuple(str(t.value) for t in PlacementType),
    edge_cases=(PLACED, "A student with placements of two types counts in both.", w.SUPPRESSION),
    suppressible=True,
)
def students_on_placement_by_type(ctx: Context, by: str | None) -> pl.DataFrame:
    placed = _students(ctx).unique(["point", "student", "placement_type"])
    return only_numerator(count(placed, by, group="placement_type"))


@register(
    "students_on_placement_by_university",
    label="Students on placement, by university",
    section=w.PIPELINE,
    formula="For each university: count its students with a placement in one of the council's "
    "teams on any day of the year to the as-at date.",
    numerator="The university's students on placement in the year",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.PERIOD,
    slices=(),
    breakdown="university",
    edge_cases=(PLACED, "Universities as the file names them.", w.SUPPRESSION),
    suppressible=True,
)
def students_on_placement_by_university(ctx: Context, by: str | None) -> pl.DataFrame:
    placed = _students(ctx).unique(["point", "student", "university"])
    return only_numerator(count(placed, by, group="university"))


@register(
    "final_placement_students_joined",
    label="Final-placement students who joined the council",
    section=w.PIPELINE,
    formula="Students whose final placement here ended in the year to the as-at date and who "
    "took a post with the council / students whose final placement here ended in the year x 100.",
    numerator="Final-placement students who took a post",
    denominator="Students whose final placement ended in the year",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    slices=(),
    edge_cases=(
        "Took a post: took_post is yes, or the placement names the worker they became. A "
        "placement still running (no end date) is not counted yet; one whose outcome is not "
        "recorded counts as not joined.",
        NOT_SLICED,
        "Empty (no figure) when no final placement ended in the year.",
    ),
    share_of_people=True,
)
def final_placement_students_joined(ctx: Context, by: str | None) -> pl.DataFrame:
    ended = (
        _students(ctx)
        .filter(
            (pl.col("placement_type") == PlacementType.FINAL.value)
            & pl.col("end_date").is_between(pl.col("period_start"), pl.col("as_at"))
        )
        .with_columns(
            (pl.col("took_post").fill_null(False) | pl.col("worker_id").is_not_null()).alias(
                "joined"
            )
        )
        .group_by("point", "student")
        .agg(pl.col("joined").any())
    )
    return pair(
        total(ended, by, pl.col("joined").cast(pl.Float64)), count(ended, by, "denominator")
    )


@register(
    "trainees_in_training",
    label="Apprentices and sponsored trainees in training",
    section=w.PIPELINE,
    formula="Count the apprentices and sponsored trainees in training at the as-at date.",
    numerator="Trainees in training",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    slices=(),
    edge_cases=(IN_TRAINING_WHO, NOT_SLICED, EMPTY),
)
def trainees_in_training(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(_in_training(ctx), by))


@register(
    "trainees_in_training_by_route",
    label="Apprentices and sponsored trainees in training, by route",
    section=w.PIPELINE,
    formula="For each route (degree apprenticeship, sponsored degree or masters, Step Up, "
    "Frontline, other): count the trainees on it in training at the as-at date.",
    numerator="Trainees on the route in training",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    slices=(),
    breakdown="route",
    groups=tuple(str(r.value) for r in TraineeRoute),
    edge_cases=(IN_TRAINING_WHO, w.SUPPRESSION),
    suppressible=True,
)
def trainees_in_training_by_route(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(_in_training(ctx), by, group="route"))


@register(
    "trainees_due_to_qualify",
    label="Trainees due to qualify in the next 12 months",
    section=w.PIPELINE,
    formula="Count the apprentices and sponsored trainees in training at the as-at date whose "
    f"expected qualification date falls in the {DUE_MONTHS} months after it.",
    numerator="Trainees due to qualify within 12 months",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    slices=(),
    edge_cases=(
        IN_TRAINING_WHO,
        "A trainee past their expected date and still in training is not counted (their date "
        "is not in the next 12 months): the record wants updating.",
        NOT_SLICED,
        EMPTY,
    ),
)
def trainees_due_to_qualify(ctx: Context, by: str | None) -> pl.DataFrame:
    due = _in_training(ctx).filter(
        (pl.col("expected_qualification") > pl.col("as_at"))
        & (pl.col("expected_qualification") <= pl.col("as_at").dt.offset_by(f"{DUE_MONTHS}mo"))
    )
    return only_numerator(count(due, by))


@register(
    "trainee_withdrawal_rate",
    label="Trainees who withdrew",
    section=w.PIPELINE,
    formula="Apprentices and sponsored trainees who withdrew in the year to the as-at date / "
    "those in training on any day of that year x 100.",
    numerator="Trainees who withdrew in the year",
    denominator="Trainees in training during the year",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.PERIOD,
    slices=(),
    edge_cases=(
        IN_TRAINING_WHO,
        "Withdrew in the year: status withdrew with its status date in the year.",
        NOT_SLICED,
        "Empty (no figure) when no trainee was in training in the year.",
    ),
    share_of_people=True,
)
def trainee_withdrawal_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    during = (
        ctx.points.select("point", "period_start", "as_at")
        .join_where(
            ctx.frames.trainees.with_columns(training_ends().alias("_ends")),
            pl.col("start_date") <= pl.col("as_at"),
            pl.col("_ends") >= pl.col("period_start"),
        )
        .with_columns(
            (
                (pl.col("status") == WITHDREW)
                & pl.col("status_date").is_between(pl.col("period_start"), pl.col("as_at"))
            ).alias("withdrew")
        )
    )
    return pair(
        total(during, by, pl.col("withdrew").cast(pl.Float64)), count(during, by, "denominator")
    )
