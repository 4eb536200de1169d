"""The Team page's view model: a team manager's week in one table.

Who is in the team, each worker's caseload against their cap (ASYE caseloads are protected, so
their cap is lower), who has had no supervision in the last four weeks, whose appraisal is due,
the manager's span of control, and who started and left this collection year. These are facts
about named people, read from the frames; a user who may see the team only in aggregate gets the
counts (withheld as :mod:`thrive.summaries.suppression` decides) and no rows at all, so no name
can reach the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

from thrive.codes import CareerGrade, ContractType, LeaverDestination, ReasonLeave, StartOrigin
from thrive.frames.dates import in_post_on
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Options, Targets, direct_reports
from thrive.summaries.periods import collection_year, collection_year_start, in_post
from thrive.summaries.scope import TeamAccess
from thrive.summaries.suppression import ShownCount, group_withheld, shown_count, withheld_count

SUPERVISION_WINDOW = timedelta(weeks=4)
APPRAISAL_NOTICE = timedelta(days=30)
APPRAISAL_CYCLE = timedelta(days=365)


@dataclass(frozen=True)
class Caps:
    """The caseload caps and span of control the strategy sets (the metrics registry's targets)."""

    caseload: float = 14.0
    asye_caseload: float = 12.0
    span_of_control: float = 6.0
    caseload_lookback_days: int = 31

    @classmethod
    def from_targets(cls, targets: Targets) -> Caps:
        """The authority's own figures, as the metrics registry applies them to its measures."""
        options = targets.apply_to(Options())
        return cls(
            caseload=options.caseload_target,
            asye_caseload=options.asye_caseload_cap,
            span_of_control=options.span_of_control_target,
            caseload_lookback_days=options.caseload_lookback_days,
        )


@dataclass(frozen=True)
class TeamMember:
    """One worker in the team on the "as at" date, as the team's manager sees them."""

    pseudonym: str
    name: str
    grade: str
    contract: str
    fte: float
    is_asye: bool
    cases: int | None
    caseload_date: date | None
    cap: float | None
    over_cap: bool
    last_supervision: date | None
    supervision_overdue: bool
    appraisal_due: date | None
    appraisal_overdue: bool
    may_open: bool


@dataclass(frozen=True)
class Mover:
    """A starter or leaver this collection year."""

    pseudonym: str
    name: str
    on: date
    grade: str
    contract: str
    detail: str
    may_open: bool


@dataclass(frozen=True)
class TeamPage:
    """Everything the Team page shows, holding only what the viewer may see."""

    team_id: int
    team: str
    service: str
    as_at: date
    year: int
    access: TeamAccess
    caps: Caps
    manager_name: str | None
    manager_reports: int | None
    headcount: ShownCount
    fte: float | None
    asye: ShownCount
    over_cap: ShownCount
    supervision_overdue: ShownCount
    appraisals_due: ShownCount
    starters_count: ShownCount
    leavers_count: ShownCount
    members: list[TeamMember] = field(default_factory=list)
    starters: list[Mover] = field(default_factory=list)
    leavers: list[Mover] = field(default_factory=list)

    @property
    def named(self) -> bool:
        return self.access is TeamAccess.NAMED

    @property
    def year_label(self) -> str:
        return f"1 October {self.year - 1} to {self.as_at:%-d %B %Y}"

    @property
    def fte_note(self) -> str:
        return "FTE not shown" if self.fte is None else f"{self.fte:g} FTE"

    @property
    def cap_note(self) -> str:
        return f"cap {self.caps.caseload:g}, ASYE {self.caps.asye_caseload:g}"

    @property
    def span_text(self) -> str:
        return "–" if self.manager_reports is None else str(self.manager_reports)

    @property
    def span_note(self) -> str:
        whose = f" of {self.manager_name}" if self.manager_name else ""
        return f"direct reports{whose}; target at most {self.caps.span_of_control:g}"

    @property
    def span_over_target(self) -> bool:
        return self.manager_reports is not None and self.manager_reports > self.caps.span_of_control


class UnknownTeamError(LookupError):
    """No team with this id in the authority's records."""


def team_page(
    frames: WorkforceFrames,
    team_id: int,
    as_at: date,
    access: TeamAccess,
    named: frozenset[int],
    openable: frozenset[int],
    caps: Caps | None = None,
) -> TeamPage:
    """Build the Team page for one team "as at" a date.

    ``named`` are the workers whose names this viewer may see; ``openable`` those whose record
    they may open. With ``access`` AGGREGATE the page carries counts only.
    """
    caps = caps or Caps()
    teams = frames.teams.filter(pl.col("team_id") == team_id)
    if teams.is_empty():
        raise UnknownTeamError(team_id)
    team = teams.row(0, named=True)
    members = _members(frames, team_id, as_at, caps, named, openable)
    starters, leavers = _movers(frames, team_id, as_at, named, openable)
    manager_id, reports = _span_of_control(frames, team_id, as_at)
    manager_name = _name(frames, manager_id) if manager_id in named else None
    show = access is TeamAccess.NAMED
    asye = sum(m.is_asye for m in members)
    size = len(members)
    # Outside the named scope a team of fewer than the threshold shows no figure at all (a 0
    # beside "fewer than 5" would give the others away), and a part is withheld when the rest
    # of the team is small: see thrive.summaries.suppression.
    small = group_withheld(size, named=show)

    def part(count: int) -> ShownCount:
        return shown_count(count, named=show, within=size)

    return TeamPage(
        team_id=team_id,
        team=team["team"],
        service=team["service"],
        as_at=as_at,
        year=collection_year(as_at),
        access=access,
        caps=caps,
        manager_name=manager_name,
        manager_reports=reports,
        headcount=shown_count(size, named=show),
        fte=None if small else round(sum(m.fte for m in members), 2),
        asye=part(asye),
        over_cap=part(sum(m.over_cap for m in members)),
        supervision_overdue=part(sum(m.supervision_overdue for m in members)),
        appraisals_due=part(sum(m.appraisal_due is not None for m in members)),
        starters_count=_movers_count(len(starters), show, small),
        leavers_count=_movers_count(len(leavers), show, small),
        members=members if show else [],
        starters=starters if show else [],
        leavers=leavers if show else [],
    )


def _movers_count(count: int, named: bool, small_team: bool) -> ShownCount:
    """Starters or leavers over the year: withheld (zero too) when the team is small."""
    return withheld_count() if small_team else shown_count(count, named=named)


def _name(frames: WorkforceFrames, worker_id: int | None) -> str | None:
    if worker_id is None:
        return None
    found = frames.workers.filter(pl.col("worker_id") == worker_id)
    return None if found.is_empty() else (found["name"][0] or found["pseudonym"][0])


def _members(
    frames: WorkforceFrames,
    team_id: int,
    as_at: date,
    caps: Caps,
    named: frozenset[int],
    openable: frozenset[int],
) -> list[TeamMember]:
    current = in_post(frames.spells, as_at).filter(pl.col("team_id") == team_id)
    if current.is_empty():
        return []
    # A worker with two posts in the team appears once, in the more senior.
    ranks = {str(g): g.rank for g in CareerGrade}
    current = (
        current.with_columns(pl.col("grade").replace_strict(ranks, default=-1).alias("rank"))
        .sort(["worker_id", "rank", "fte"], descending=[False, True, True])
        .group_by("worker_id", maintain_order=True)
        .agg(pl.col("grade").first(), pl.col("contract_type").first(), pl.col("fte").sum())
    )
    ids = current["worker_id"].to_list()
    asye_now = _in_asye(frames, ids, as_at)
    caseloads = _latest_caseloads(frames, ids, as_at, caps.caseload_lookback_days)
    supervised = _last_supervision(frames, ids, as_at)
    appraisals = _appraisals_due(frames, ids, as_at)
    first_days = _first_days(frames, ids, as_at)
    people = frames.workers.filter(pl.col("worker_id").is_in(ids))
    names = dict(zip(people["worker_id"], people["name"].fill_null(""), strict=True))
    pseudonyms = dict(zip(people["worker_id"], people["pseudonym"], strict=True))
    rows: list[TeamMember] = []
    for worker_id, grade, contract, fte in current.iter_rows():
        is_asye = grade == str(CareerGrade.ASYE) or worker_id in asye_now
        # Managers hold no cases of their own: no cap to be over.
        cap = None if CareerGrade(grade).is_manager else caps.caseload
        cap = caps.asye_caseload if is_asye else cap
        cases, counted_on = caseloads.get(worker_id, (None, None))
        last = supervised.get(worker_id)
        settled = first_days.get(worker_id, as_at) <= as_at - SUPERVISION_WINDOW
        overdue = settled and (last is None or last <= as_at - SUPERVISION_WINDOW)
        due = appraisals.get(worker_id)
        rows.append(
            TeamMember(
                pseudonym=pseudonyms[worker_id],
                name=(names[worker_id] or pseudonyms[worker_id]) if worker_id in named else "",
                grade=CareerGrade(grade).label,
                contract=ContractType(contract).label,
                fte=round(fte, 2),
                is_asye=is_asye,
                cases=cases,
                caseload_date=counted_on,
                cap=cap,
                over_cap=cases is not None and cap is not None and cases > cap,
                last_supervision=last,
                supervision_overdue=overdue,
                appraisal_due=due,
                appraisal_overdue=due is not None and due < as_at,
                may_open=worker_id in openable,
            )
        )
    return sorted(rows, key=lambda m: (not m.over_cap, -(m.cases or 0), m.name, m.pseudonym))


def _in_asye(frames: WorkforceFrames, ids: list[int], as_at: date) -> set[int]:
    """Workers on their ASYE on the date: started, and no outcome yet (or extended past it)."""
    asye = frames.asye.filter(pl.col("worker_id").is_in(ids) & (pl.col("start_date") <= as_at))
    ongoing = asye.filter(
        pl.col("outcome_date").is_null()
        | (pl.col("outcome_date") > as_at)
        | (pl.col("extended_to").is_not_null() & (pl.col("extended_to") >= as_at))
    )
    return set(ongoing["worker_id"].to_list())


def _latest_caseloads(
    frames: WorkforceFrames, ids: list[int], as_at: date, lookback_days: int
) -> dict[int, tuple[int, date]]:
    since = as_at - timedelta(days=lookback_days)
    counts = (
        frames.caseloads.filter(
            pl.col("worker_id").is_in(ids) & (pl.col("date") <= as_at) & (pl.col("date") > since)
        )
        .sort("date")
        .group_by("worker_id")
        .agg(pl.col("cases").last(), pl.col("date").last())
    )
    return {w: (c, d) for w, c, d in counts.iter_rows()}


def _last_supervision(frames: WorkforceFrames, ids: list[int], as_at: date) -> dict[int, date]:
    last = (
        frames.supervisions.filter(pl.col("worker_id").is_in(ids) & (pl.col("date") <= as_at))
        .group_by("worker_id")
        .agg(pl.col("date").max())
    )
    return dict(last.iter_rows())


def _appraisals_due(frames: WorkforceFrames, ids: list[int], as_at: date) -> dict[int, date]:
    """Each worker's latest appraisal due by 30 days ahead, if not completed by the date.

    Only this cycle counts (due in the year before the date or the next 30 days): an appraisal
    missed years ago is not "due" now, its cycle is over.
    """
    latest = (
        frames.appraisals.filter(
            pl.col("worker_id").is_in(ids)
            & (pl.col("due_date") <= as_at + APPRAISAL_NOTICE)
            & (pl.col("due_date") > as_at - APPRAISAL_CYCLE)
        )
        .sort("due_date")
        .group_by("worker_id")
        .agg(pl.col("due_date").last(), pl.col("completed_date").last())
    )
    outstanding = latest.filter(
        pl.col("completed_date").is_null() | (pl.col("completed_date") > as_at)
    )
    return dict(outstanding.select("worker_id", "due_date").iter_rows())


def _first_days(frames: WorkforceFrames, ids: list[int], as_at: date) -> dict[int, date]:
    """When each worker's current time with the council began (a new starter is not overdue)."""
    spells = frames.spells.filter(pl.col("worker_id").is_in(ids) & (pl.col("start_date") <= as_at))
    began = spells.filter(pl.col("start_origin").is_not_null())
    firsts = began.group_by("worker_id").agg(pl.col("start_date").max())
    earliest = spells.group_by("worker_id").agg(pl.col("start_date").min().alias("earliest"))
    joined = earliest.join(firsts, on="worker_id", how="left")
    return {
        w: (started if started is not None else first) for w, first, started in joined.iter_rows()
    }


def _movers(
    frames: WorkforceFrames,
    team_id: int,
    as_at: date,
    named: frozenset[int],
    openable: frozenset[int],
) -> tuple[list[Mover], list[Mover]]:
    start = collection_year_start(as_at)
    spells = frames.spells.filter(pl.col("team_id") == team_id)
    started = spells.filter(
        pl.col("start_origin").is_not_null() & pl.col("start_date").is_between(start, as_at)
    )
    left = spells.filter(
        pl.col("reason_leave").is_not_null() & pl.col("end_date").is_between(start, as_at)
    )
    people = frames.workers.select("worker_id", "pseudonym", "name")

    def movers(rows: pl.DataFrame, on: str, detail: str) -> list[Mover]:
        joined = rows.join(people, on="worker_id", how="left").sort(on)
        out = []
        for row in joined.iter_rows(named=True):
            code = row[detail]
            if detail == "start_origin":
                text = StartOrigin(code).label
            else:
                text = ReasonLeave(code).label
                if row["leaver_destination"] is not None:
                    text += f"; went to: {LeaverDestination(row['leaver_destination']).label}"
            out.append(
                Mover(
                    pseudonym=row["pseudonym"],
                    name=(row["name"] or row["pseudonym"]) if row["worker_id"] in named else "",
                    on=row[on],
                    grade=CareerGrade(row["grade"]).label,
                    contract=ContractType(row["contract_type"]).label,
                    detail=text,
                    may_open=row["worker_id"] in openable,
                )
            )
        return out

    return movers(started, "start_date", "start_origin"), movers(left, "end_date", "reason_leave")


def _span_of_control(
    frames: WorkforceFrames, team_id: int, as_at: date
) -> tuple[int | None, int | None]:
    """The team's manager on the date and how many direct reports they had."""
    managing = frames.team_managers.filter((pl.col("team_id") == team_id) & in_post_on(as_at)).sort(
        "start_date"
    )
    if managing.is_empty():
        return None, None
    manager_id = managing["manager_id"][-1]
    return manager_id, direct_reports(frames, manager_id, as_at)
