"""Social Work England registration, CPD, and the reminders a team page shows.

The registration year runs 1 December to 30 November and is named by the year it ends in.
Renewal for the next year is made between 1 September and 30 November; at least two CPD records
are expected in each registration year. The reminders gather, for the people in post, what is
due soon: a renewal not yet made, CPD short as the year closes, an ASYE review due or overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from thrive.codes.lifecycle import RegistrationEvent
from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.workforce import WorkforceFrames
from thrive.retention.careers import asye_progress, in_post

CPD_PER_YEAR = 2
CPD_WARNING_DAYS = 90
REVIEW_WARNING_DAYS = 30
_HELD = (str(RegistrationEvent.REGISTERED), str(RegistrationEvent.RENEWED))
_LOST = (str(RegistrationEvent.LAPSED), str(RegistrationEvent.REMOVED))


def registration_year(on: date) -> int:
    """The registration year a day falls in (1 December Y-1 to 30 November Y is year Y)."""
    return on.year + 1 if on.month == 12 else on.year


def registration_status(
    frames: WorkforceFrames, lifecycle: LifecycleFrames, on: date
) -> pl.DataFrame:
    """For each person in post: registered this year, renewed for next, CPD so far, status.

    ``status`` is one of: ``renewed`` (renewed for the next year), ``renewal due`` (the window
    is open and no renewal yet), ``registered`` (window not open yet), ``lapsed`` (lapsed or
    removed this year) or ``not recorded`` (no registration record for this year).
    """
    year = registration_year(on)
    window_opens = date(year, 9, 1)
    year_starts = date(year - 1, 12, 1)
    records = lifecycle.registrations
    held = (
        records.filter(pl.col("event").is_in(_HELD))
        .group_by("worker_id")
        .agg(
            this_year=(pl.col("registration_year") == year).any(),
            next_year=(pl.col("registration_year") == year + 1).any(),
        )
    )
    lost = (
        records.filter(pl.col("event").is_in(_LOST) & (pl.col("registration_year") == year))
        .select("worker_id", lost=pl.lit(True))
        .unique()
    )
    cpd = (
        lifecycle.cpd.filter((pl.col("date") >= year_starts) & (pl.col("date") <= on))
        .group_by("worker_id")
        .agg(cpd_this_year=pl.len())
    )
    status = (
        pl.when(pl.col("lost"))
        .then(pl.lit("lapsed"))
        .when(pl.col("next_year"))
        .then(pl.lit("renewed"))
        .when(~pl.col("this_year"))
        .then(pl.lit("not recorded"))
        .when(pl.lit(on >= window_opens))
        .then(pl.lit("renewal due"))
        .otherwise(pl.lit("registered"))
    )
    return (
        in_post(frames, on)
        .join(frames.workers.select("worker_id", "swe_number"), on="worker_id", how="left")
        .join(held, on="worker_id", how="left")
        .join(lost, on="worker_id", how="left")
        .join(cpd, on="worker_id", how="left")
        .with_columns(
            pl.col("this_year", "next_year", "lost").fill_null(False),
            pl.col("cpd_this_year").fill_null(0),
            registration_year=pl.lit(year),
            renew_by=pl.lit(date(year, 11, 30)),
        )
        .with_columns(status=status, cpd_short=pl.col("cpd_this_year") < CPD_PER_YEAR)
    )


def reminders(
    frames: WorkforceFrames, lifecycle: LifecycleFrames, on: date, team: str | None = None
) -> pl.DataFrame:
    """What is due for the people in post (optionally one team), soonest first.

    Columns: ``worker_id``, ``pseudonym``, ``name``, ``team``, ``kind``, ``due`` and ``text``.
    """
    status = registration_status(frames, lifecycle, on)
    year_ends = date(registration_year(on), 11, 30)
    parts = [
        status.filter(pl.col("status") == "renewal due").with_columns(
            kind=pl.lit("registration"),
            due=pl.col("renew_by"),
            text=pl.format("Renew Social Work England registration by {}", pl.col("renew_by")),
        ),
        status.filter(pl.col("status") == "lapsed").with_columns(
            kind=pl.lit("registration"),
            due=pl.lit(on),
            text=pl.lit("Registration has lapsed: may not practise as a social worker"),
        ),
        status.filter(
            pl.col("cpd_short") & pl.lit(year_ends - on <= timedelta(days=CPD_WARNING_DAYS))
        ).with_columns(
            kind=pl.lit("cpd"),
            due=pl.lit(year_ends),
            text=pl.format(
                "{} of {} CPD records this registration year", "cpd_this_year", pl.lit(CPD_PER_YEAR)
            ),
        ),
    ]
    asye = asye_progress(frames, on).filter(
        pl.col("in_post")
        & pl.col("next_review_due").is_not_null()
        & (pl.col("next_review_due") <= on + timedelta(days=REVIEW_WARNING_DAYS))
    )
    people = in_post(frames, on).select("worker_id", "name")
    parts.append(
        asye.join(people, on="worker_id").with_columns(
            kind=pl.lit("asye"),
            due=pl.col("next_review_due"),
            text=pl.when(pl.col("next_review_due") < on)
            .then(pl.format("ASYE review overdue since {}", "next_review_due"))
            .otherwise(pl.format("ASYE review due {}", "next_review_due")),
        )
    )
    columns = ["worker_id", "pseudonym", "name", "team", "kind", "due", "text"]
    table = pl.concat([part.select(columns) for part in parts])
    if team is not None:
        table = table.filter(pl.col("team") == team)
    return table.sort("due", "pseudonym")
