"""Small-number suppression, decided here once: what a page may show about a group of people.

A figure about a group of people can identify them when the group is small ("the one leaver in
Fostering this year"). Pages show such figures only to users who may see the group's people
named (``named``: HR; a manager for their own team or service, see
:mod:`thrive.summaries.scope`); everyone else gets them withheld. The threshold is the
``THRIVE_SMALL_NUMBER`` setting, default 5, as the Department suppresses its own tables.

What is withheld from a viewer outside the named scope (``docs/metrics.md``, "Small numbers"):

- a count of 1 to 4 people ("fewer than 5"); zero is shown, it identifies nobody;
- every figure from a **group** of 1 to 4 people (a one-person team or service): its counts,
  zeros included (a 0 beside "fewer than 5" tells the reader the rest), its FTE, its rates and
  ratios (sickness absence, agency rate), their status against target, their change on a year
  ago and their trend history (:func:`group_withheld`);
- every figure made from a count of 1 to 4 people (``Measure.people``): the FTE of 2 starters,
  a turnover rate from 3 leavers, an agency rate or permanent share with 1 agency worker, the
  stock-and-flow difference beside 2 leavers, with their status, change and trend; one group
  of such a figure's breakdown (the fixed-term staff's stock and flow) goes wherever any part of
  its own workings is under the threshold, as the counts at hand are the whole's;
- a **complementary** count: a part shown beside its whole is withheld when the rest of the
  whole is 1 to 4 (12 of 14 gives away 2), and when only one part of a breakdown is small the
  next smallest goes too, so the small one can't be worked out from the total
  (:func:`shown_parts`);
- a rate's workings, status, change and trend when the rate itself is withheld
  (:func:`figure_withheld`); the change also when the year-ago figure would have been withheld.

A count withheld for its own smallness reads "fewer than 5"; one withheld because of its group
or to protect another reads "not shown", whatever its size, so the two wordings give nothing
away. Templates only print what these functions decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl
from django.conf import settings

from thrive import metrics
from thrive.frames.dates import overlaps
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Measure, Result
from thrive.metrics.periods import period_start
from thrive.summaries.periods import in_post

NOT_SHOWN = "not shown"


def threshold() -> int:
    """Counts from 1 up to one less than this are suppressed outside a user's named scope."""
    return int(getattr(settings, "THRIVE_SMALL_NUMBER", 5))


def is_small(count: float | None, below: int | None = None) -> bool:
    """A number of people from 1 to one below the threshold (zero and None are not small)."""
    limit = threshold() if below is None else below
    return count is not None and 0 < count < limit


def group_withheld(people: int | None, *, named: bool) -> bool:
    """Whether every figure from a group of ``people`` is withheld from this viewer."""
    return not named and is_small(people)


def group_size(
    frames: WorkforceFrames,
    on: date,
    *,
    service: str | None = None,
    team: str | None = None,
    grade: str | None = None,
) -> int:
    """How many people the figures "as at" ``on`` are about: the council, a service, a team
    or a grade (its code, as the spells hold it).

    The smaller of those in post on the day and those in post at any time in the year to it
    (each counted once, agency workers included), leaving out a count of nobody: a service
    with one person in post but six over the year is a group of one for its as-at figures.
    """
    spells = frames.spells
    teams = frames.teams
    if service is not None or team is not None:
        if service is not None:
            teams = teams.filter(pl.col("service") == service)
        if team is not None:
            teams = teams.filter(pl.col("team") == team)
        spells = spells.filter(pl.col("team_id").is_in(teams["team_id"].to_list()))
    if grade is not None:
        spells = spells.filter(pl.col("grade") == grade)
    on_day = in_post(spells, on)["worker_id"].n_unique()
    in_year = spells.filter(overlaps(period_start(on), on))["worker_id"].n_unique()
    counted = [n for n in (on_day, in_year) if n > 0]
    return min(counted) if counted else 0


def group_sizes(frames: WorkforceFrames, on: date, by: str) -> dict[str, int]:
    """:func:`group_size` for every team, service, grade, contract, route or staff group
    (``by``) at once: one pass over the spells rather than one filter a group, for pages (and
    the API's slices) that withhold group by group. A staff group's size is counted from its own
    spells (``all_spells``), as its figures are."""
    spells = frames.all_spells if by == "staff_group" else frames.spells
    if by in ("team", "service"):
        spells = spells.join(frames.teams.select("team_id", by), on="team_id", how="inner")
    elif by == "contract":
        spells = spells.rename({"contract_type": "contract"})
    elif by == "route":
        spells = spells.join(frames.workers.select("worker_id", "route"), on="worker_id")

    def people(found: pl.DataFrame) -> dict[str, int]:
        counted = found.group_by(by).agg(pl.col("worker_id").n_unique().alias("people"))
        return {code: n for code, n in counted.iter_rows() if code is not None}

    on_day = people(in_post(spells, on))
    in_year = people(spells.filter(overlaps(period_start(on), on)))
    sizes = {}
    for code in on_day.keys() | in_year.keys():
        counted = [n for n in (on_day.get(code, 0), in_year.get(code, 0)) if n > 0]
        sizes[code] = min(counted) if counted else 0
    return sizes


def withheld_text(count: int | None = None) -> str:
    """How a withheld count reads: "fewer than 5" for a small one, "not shown" otherwise."""
    return f"fewer than {threshold()}" if is_small(count) else NOT_SHOWN


@dataclass(frozen=True)
class ShownCount:
    """A count as a page shows it: the number, or a phrase saying it was withheld."""

    value: int | None
    below: int
    text: str = ""

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def is_one(self) -> bool:
        """For wording: "1 worker occupies", but "fewer than 5 workers occupy"."""
        return self.value == 1

    def __str__(self) -> str:
        if self.value is None:
            return self.text or f"fewer than {self.below}"
        return f"{self.value:,}"


def shown_count(
    count: int, *, named: bool, below: int | None = None, within: int | None = None
) -> ShownCount:
    """``count`` as shown to a user who may (``named``) or may not see the people counted.

    ``within``: the size of the group the count is part of (a team's headcount for its
    "supervision overdue"). The count is then withheld, zero included, when that group is small,
    and when the rest of the group (``within - count``) is small.
    """
    limit = threshold() if below is None else below
    if named:
        return ShownCount(count, limit)
    if within is not None and (
        is_small(within, limit) or (count <= within and is_small(within - count, limit))
    ):
        return ShownCount(None, limit, NOT_SHOWN)
    if is_small(count, limit):
        return ShownCount(None, limit)
    return ShownCount(count, limit)


def withheld_count() -> ShownCount:
    """A count withheld because of its group, whatever its size: reads "not shown"."""
    return ShownCount(None, threshold(), NOT_SHOWN)


def shown_parts(
    counts: Sequence[int],
    *,
    named: bool,
    total_shown: bool = True,
    total: int | None = None,
    below: int | None = None,
) -> list[ShownCount]:
    """Counts that add up to a whole (a breakdown), with primary and secondary suppression.

    Each small count is withheld; when exactly one is and the whole is shown beside them
    (``total_shown``; ``total``, when given, is the whole, and the parts are taken to add up to
    it only when they do), the next smallest non-zero count is withheld too ("not shown"), so
    the small one can't be worked out by subtraction.
    """
    limit = threshold() if below is None else below
    if named:
        return [ShownCount(c, limit) for c in counts]
    small = [is_small(c, limit) for c in counts]
    secondary: set[int] = set()
    adds_up = total is None or sum(counts) == total
    if total_shown and adds_up and sum(small) == 1:
        others = [(c, i) for i, c in enumerate(counts) if not small[i] and c > 0]
        if others:
            secondary.add(min(others)[1])
    out = []
    for i, c in enumerate(counts):
        if small[i]:
            out.append(ShownCount(None, limit))
        elif i in secondary:
            out.append(ShownCount(None, limit, NOT_SHOWN))
        else:
            out.append(ShownCount(c, limit))
    return out


def figure_withheld(
    m: Measure,
    r: Result,
    named: bool,
    *,
    group_small: bool = False,
    people: Mapping[str, Result | None] | None = None,
) -> bool:
    """Whether a measure's figure is withheld from a viewer who may not name its people.

    A count of people from 1 to one below the threshold is withheld; so is a rate or ratio
    over fewer people (or FTE) than the threshold, which would describe one or two people; so
    is every figure of a group that is itself small (``group_small``, see
    :func:`group_withheld`), whatever its unit: a one-person service's sickness absence rate,
    FTE or cases held.

    A figure made from counts of people (``Measure.people``: the FTE of starters, a turnover
    rate from leavers and those in post, an agency rate, the stock-and-flow difference) goes
    wherever any of those counts does: 2 leavers of 40 in post withhold the turnover rate,
    which would give the 2 away. ``people`` holds those counts' results for the same part of
    the council and date, by measure name (:func:`people_result`). A count not at hand is
    judged from the figure itself: an FTE, or a rate's numerator or denominator, below the
    threshold is withheld, as it may be of fewer people than the threshold.

    A share of people with no count of its own (``Measure.share_of_people``: the retention rate,
    supervision, ASYE pass rate) goes wherever those counted or those not counted are 1 to 4:
    38 of 40 retained would say that 2 left.
    """
    if r.suppressed:
        return True
    if named:
        return False
    if group_small:
        return True
    kind = str(m.kind)
    if m.people:
        if _one_group_of_few(m, r):
            return True
        for name in m.people:
            count = (people or {}).get(name)
            if count is None:
                if _may_be_few(m, r):
                    return True
            elif figure_withheld(metrics.measure(name), count, named):
                return True
        return kind in {"rate", "ratio"} and is_small(r.denominator)
    if kind == "count" and str(m.unit) == "people":
        return is_small(r.value)
    if kind in {"rate", "ratio"}:
        return is_small(r.denominator) or (m.share_of_people and _few_either_way(r))
    return False


def _few_either_way(r: Result) -> bool:
    """Whether those a share of people counts, or those it does not, are 1 to 4."""
    if r.numerator is None or r.denominator is None:
        return False
    return is_small(r.numerator) or is_small(round(r.denominator - r.numerator, 6))


def _one_group_of_few(m: Measure, r: Result) -> bool:
    """Whether ``r`` is one group of a measure's breakdown (the stock and flow of fixed-term
    staff) whose own figures may be of fewer people than the threshold.

    The counts of people at hand (``Measure.people``) are the whole's, not the group's, so they
    can't speak for it: the group is judged from its own figure and workings instead. Any part of
    them (FTE in post at the start or the end, starters, leavers, moves, changes of hours) that is
    more than 0 but under the threshold may be one to four people, and withholds the figure.
    """
    if m.breakdown is None or not r.slice or m.breakdown not in r.slice:
        return False
    parts = [r.numerator, r.denominator, *(r.detail or {}).values()]
    return any(is_small(abs(part)) for part in parts if part is not None)


def _may_be_few(m: Measure, r: Result) -> bool:
    """Whether a figure of people, its counts not at hand, may be of fewer than the threshold."""
    if str(m.kind) == "count":
        return is_small(r.value)
    return is_small(r.numerator) or is_small(r.denominator)


def people_result(m: Measure, results: Mapping[str, Result | None]) -> dict[str, Result | None]:
    """The counts of people ``m`` is made from (``Measure.people``), from ``results`` (one
    part of the council on one date, by measure name); empty for other measures."""
    return {name: results.get(name) for name in m.people}


def with_people(names: Sequence[str]) -> list[str]:
    """``names`` and the counts of people their figures are made from
    (:func:`figure_withheld`), to compute together."""
    registry = metrics.measures()
    partners = [p for n in names if n in registry for p in registry[n].people]
    return list(dict.fromkeys([*names, *partners]))


def curve_points_shown(
    points: pl.DataFrame, *, named: bool, below: int | None = None
) -> tuple[pl.DataFrame, dict[str, float]]:
    """A retention curve's points (cohort, years, at_risk, ...) a viewer may see, and for each
    cohort whose curve is cut short the years where it stops.

    Outside the named scope a curve is shown only where at least ``below`` (the threshold)
    people are at risk of leaving: it stops at the first point, once that many were, where fewer
    are (a step down among 3 still here would be one of those 3 leaving), and the points
    before that many have entered (people in post when the records begin enter late) are left
    out too.
    """
    if named or points.is_empty():
        return points, {}
    limit = threshold() if below is None else below
    enough = pl.col("at_risk") >= limit
    reached = enough.cast(pl.Int64).cum_sum().over("cohort") > 0
    ordered = points.sort("cohort", "years").with_columns(reached.alias("_reached"))
    fallen = (pl.col("_reached") & ~enough).cast(pl.Int64).cum_sum().over("cohort")
    marked = ordered.with_columns(fallen.alias("_fallen"))
    stops = marked.filter(pl.col("_fallen") == 1).group_by("cohort").agg(pl.col("years").min())
    shown = marked.filter(pl.col("_reached") & (pl.col("_fallen") == 0))
    cut = {str(cohort): float(years) for cohort, years in stops.iter_rows()}
    return shown.drop("_reached", "_fallen"), cut


def workings_withheld(r: Result, named: bool) -> bool:
    """A rate's workings would reveal a small count (3 leavers of 250) to an unnamed viewer."""
    return not named and (is_small(r.numerator) or is_small(r.denominator))
