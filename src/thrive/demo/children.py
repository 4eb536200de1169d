"""The demo council's children: allocation spells that agree with the simulated caseloads.

Derived after the workforce is simulated, month end by month end, from the caseload snapshots:
each case holder's open allocations on a snapshot date equal the cases the snapshot gives them.
Between two month ends, in this order:

1. a child whose worker has gone (left the council, stopped holding cases, or moved team) ends
   that allocation (``worker_left`` if the worker has no spell any more, else ``rebalancing``)
   and waits in the team's pool for another worker;
2. each other child may close (``case_closed``) or move on a stage (``stage_transfer``: child in
   need -> child protection -> looked after -> care leaver), into a team of the next kind's pool;
3. a worker holding more children than the snapshot gives them passes the surplus to the pool
   (``rebalancing``), chosen at random;
4. a worker holding fewer takes children from their team's pool first (a change of social
   worker), then new referrals (some after a short wait unallocated, some as sibling pairs);
5. children left in a pool are closed; on the last date, though, no one takes a child from the
   pool (workers take new referrals), so a leaver's caseload stays waiting unallocated, with a
   few new referrals per team still waiting too: the allocation planner's work.

So changes of social worker *emerge* from the workforce's turnover, moves and caseload changes;
the monthly closing and stage rates are the only knobs (docs/demo.md gives the figures they
were checked against: the Children's Commissioner's Stability Index).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from thrive.children.models import Allocation
from thrive.codes import ContractType
from thrive.codes.children import AgeBand
from thrive.demo.records import DemoRecords
from thrive.demo.staffing import ASYE
from thrive.demo.store import _insert
from thrive.workforce import models

CASE_TYPE = {
    "assessment": "cin", "disabled_children": "cin", "child_protection": "cp",
    "children_in_care": "cla", "fostering": "cla", "adoption": "cla", "care_leavers": "care_leaver",
}  # fmt: skip
# Monthly chances, by case type: the case closes; the child moves on to the next stage.
CLOSE = {"cin": 0.09, "cp": 0.05, "cla": 0.02, "care_leaver": 0.03}
NEXT_STAGE = {"cin": ("cp", 0.02), "cp": ("cla", 0.02), "cla": ("care_leaver", 0.008)}
STAGE_KIND = {"cp": "child_protection", "cla": "children_in_care", "care_leaver": "care_leavers"}
# The council's complexity weights (None: standard, counts 1), averaging about 1 so that a
# caseload of usual cases fits the caps in caseload_weights.toml; ASYEs are given only the
# standard or lighter ones (their protection in complexity, caseload_weights.toml [asye]).
COMPLEXITY = ([0.75, None, 1.25, 1.5, 2.0], [0.2, 0.58, 0.13, 0.06, 0.03])
ASYE_COMPLEXITY = ([0.75, None], [0.25, 0.75])
AGENCY = str(ContractType.AGENCY)
AGE_BANDS = [str(b) for b in AgeBand]
WAITING_REFERRALS = 0.15  # of a month's new referrals, the share that waited first (1-20 days)
LAST_MONTH_WAITING = 1.5  # on the last date, new referrals still waiting per team (mean)
SIBLING_PAIR = 0.15
# A worker's caseload falling below what they hold is mostly cases closing (the share here);
# the rest are passed to a colleague (rebalancing).
SURPLUS_CLOSES = 0.85

# A spell: child, worker pseudonym (None: waiting), team, case type, start, end, end reason,
# complexity, sibling group, age band.
Spell = list[Any]


class _Children:
    def __init__(self, records: DemoRecords, seed: int) -> None:
        self.rng = np.random.default_rng([seed, 15])
        self.spells: list[Spell] = []
        self.open: dict[str, int] = {}  # child -> index of their open spell
        self.held: dict[str, list[str]] = defaultdict(list)  # worker -> children
        self.pool: dict[str, list[str]] = defaultdict(list)  # team -> children without a worker
        self.kind = {t.name: t.kind for t in records.teams}
        self.born = 0
        self.ended = -1  # the index of the spell ``end`` last ended
        self.before: dict[str, int] = {}  # a child in a pool -> the spell that ended
        tenures: dict[str, list[tuple[date, date | None, str, str, str]]] = defaultdict(list)
        for s in records.spells:
            tenures[s.pseudonym].append((s.start, s.end, s.team, s.grade, s.contract_type))
        self.tenures = {p: sorted(t) for p, t in tenures.items()}
        self.starts = {p: [t[0] for t in ts] for p, ts in self.tenures.items()}

    def team_of(self, worker: str, day: date) -> str | None:
        """The worker's team on ``day`` (their latest spell started by then), if in post."""
        index = bisect_right(self.starts.get(worker, []), day) - 1
        if index < 0:
            return None
        start, end, team, _, _ = self.tenures[worker][index]
        return team if end is None or end >= day else None

    def rank(self, worker: str, day: date) -> int:
        """Who takes waiting children first: permanent staff (0), agency workers (1), ASYEs (2,
        who take no complex child)."""
        index = bisect_right(self.starts.get(worker, []), day) - 1
        _, _, _, grade, contract = self.tenures[worker][index]
        return 2 if grade == ASYE else 1 if contract == AGENCY else 0

    def end(self, child: str, day: date, reason: str) -> Spell:
        self.ended = self.open.pop(child)
        spell = self.spells[self.ended]
        spell[5], spell[6] = day - timedelta(days=1), reason
        return spell

    def begin(self, child: str, worker: str | None, team: str, case_type: str, day: date,
              like: Spell | None = None, simple: bool = False) -> None:  # fmt: skip
        rng = self.rng
        values, chances = ASYE_COMPLEXITY if simple else COMPLEXITY
        complexity = like[7] if like else values[int(rng.choice(len(values), p=chances))]
        sibling = like[8] if like else ""
        age = like[9] if like else AGE_BANDS[int(rng.integers(len(AGE_BANDS)))]
        self.open[child] = len(self.spells)
        self.spells.append([child, worker, team, case_type, day, None, "", complexity, sibling,
                            age])  # fmt: skip
        if worker is not None:
            self.held[worker].append(child)

    def new_child(self) -> str:
        self.born += 1
        return f"C{self.born:06d}"

    def month(self, day: date, targets: dict[str, int], last: bool) -> None:
        rng = self.rng
        teams = {w: self.team_of(w, day) for w in targets}
        for worker in list(self.held):
            if worker in targets and teams[worker] == self._team_held(worker):
                continue
            reason = "rebalancing" if self.team_of(worker, day) else "worker_left"
            for child in self.held.pop(worker):
                spell = self.end(child, day, reason)
                self._to_pool(child, spell[2], spell[3], day, spell)
        for children in list(self.held.values()):
            for child in list(children):
                spell = self.spells[self.open[child]]
                move = NEXT_STAGE.get(spell[3])
                draw = rng.random()
                if draw < CLOSE[spell[3]]:
                    self.end(child, day, "case_closed")
                    children.remove(child)
                elif move and draw < CLOSE[spell[3]] + move[1]:
                    destination = self._team_of_kind(STAGE_KIND[move[0]], targets, teams)
                    if destination is None:
                        continue
                    self.end(child, day, "stage_transfer")
                    children.remove(child)
                    self._to_pool(child, destination, move[0], day, spell)
        for worker, target in targets.items():
            children = self.held[worker]
            while len(children) > target:
                child = children.pop(int(rng.integers(len(children))))
                if rng.random() < SURPLUS_CLOSES:
                    self.end(child, day, "case_closed")
                    continue
                spell = self.end(child, day, "rebalancing")
                self._to_pool(child, spell[2], spell[3], day, spell)
        order = list(targets)
        rng.shuffle(order)
        ranks = {w: self.rank(w, day) for w in order if teams[w] is not None}
        order = sorted(ranks, key=ranks.__getitem__)  # stable: shuffled within a rank
        for worker in order:
            team = teams[worker]
            if team is None:
                continue
            self._fill(worker, team, targets[worker], day, last, ranks[worker] == 2)
        for children in self.pool.values():
            if last:
                break  # waiting on the latest date, for the planner
            for child in children:  # no worker took them: the case closes instead
                index = self.open.pop(child)
                self.spells[index] = []
                self.spells[self.before.pop(child)][6] = "case_closed"
            children.clear()

    def _lost_worker(self, child: str) -> bool:
        return (
            self.spells[self.before[child]][6] == "worker_left" if child in self.before else False
        )

    def _complex(self, child: str) -> bool:
        complexity = self.spells[self.open[child]][7]
        return complexity is not None and complexity > 1.0

    def _team_held(self, worker: str) -> str | None:
        children = self.held.get(worker)
        return self.spells[self.open[children[0]]][2] if children else None

    def _team_of_kind(self, kind: str, targets: dict[str, int],
                      teams: dict[str, str | None]) -> str | None:  # fmt: skip
        options = sorted({t for t in teams.values() if t and self.kind.get(t) == kind})
        return options[int(self.rng.integers(len(options)))] if options else None

    def _to_pool(self, child: str, team: str, case_type: str, day: date, like: Spell) -> None:
        """The child waits for a worker in ``team`` from ``day`` (kept as a spell only if still
        waiting on the last date: see ``month`` and ``_fill``); ``like`` is the spell just ended."""
        self.before[child] = self.ended
        self.begin(child, None, team, case_type, day, like)
        self.pool[team].append(child)

    def _fill(self, worker: str, team: str, target: int, day: date, last: bool,
              asye: bool) -> None:  # fmt: skip
        """The worker takes children from the team's pool, then new referrals, up to ``target``;
        an ASYE takes no child weighted above the standard complexity."""
        rng = self.rng
        children = self.held[worker]
        pool = self.pool[team]
        while len(children) < target and pool:
            child = next((c for c in pool if not (last and self._lost_worker(c))
                          and not (asye and self._complex(c))), None)  # fmt: skip
            if child is None:
                break  # on the last date a leaver's children wait for the planner
            pool.remove(child)
            index = self.open.pop(child)
            waiting, self.spells[index] = self.spells[index], []  # taken the same day: no wait
            self.before.pop(child, None)
            self.begin(child, worker, team, waiting[3], day, waiting)
        case_type = CASE_TYPE.get(self.kind.get(team, ""), "cin")
        while len(children) < target:
            pair = target - len(children) >= 2 and rng.random() < SIBLING_PAIR
            group = f"S{self.born + 1:06d}" if pair else ""
            for _ in range(2 if pair else 1):
                child = self.new_child()
                if rng.random() < WAITING_REFERRALS:
                    waited = int(rng.integers(1, 21))
                    self.begin(child, None, team, case_type, day - timedelta(days=waited),
                               simple=asye)  # fmt: skip
                    self.end(child, day, "allocated")
                    self.begin(child, worker, team, case_type, day, self.spells[self.ended])
                else:
                    self.begin(child, worker, team, case_type, day, simple=asye)
                self.spells[-1][8] = group

    def still_waiting(self, day: date, teams: set[str]) -> None:
        """New referrals on the last date that no one has taken yet (waiting 1-14 days)."""
        for team in sorted(teams):
            case_type = CASE_TYPE.get(self.kind.get(team, ""), "cin")
            for _ in range(int(self.rng.poisson(LAST_MONTH_WAITING))):
                waited = int(self.rng.integers(1, 15))
                self.begin(self.new_child(), None, team, case_type, day - timedelta(days=waited))


def simulate_children(records: DemoRecords, seed: int) -> list[Spell]:
    """Every spell of the demo's children, month end by month end (module docstring)."""
    by_day: dict[date, dict[str, int]] = defaultdict(dict)
    for c in records.caseloads:
        by_day[c.date][c.pseudonym] = c.cases
    children = _Children(records, seed)
    days = sorted(by_day)
    for day in days:
        children.month(day, by_day[day], last=day == days[-1])
    last = days[-1]
    children.still_waiting(last, {t for w in by_day[last] if (t := children.team_of(w, last))})
    return [s for s in children.spells if s]


def write_children(authority: Any, records: DemoRecords, batch_size: int = 2000) -> int:
    """Simulate the demo's children and write their spells; call inside a transaction."""
    teams = dict(models.Team.objects.filter(service__authority=authority).values_list("name", "pk"))
    workers = dict(authority.workers.values_list("pseudonym", "pk"))
    spells = simulate_children(records, records.seed)
    columns = (
        "authority", "child", "age_band", "worker", "team", "case_type", "start_date",
        "end_date", "end_reason", "complexity", "sibling_group",
    )  # fmt: skip
    _insert(
        Allocation,
        columns,
        (
            (
                authority.pk,
                s[0],
                s[9],
                workers[s[1]] if s[1] else None,
                teams[s[2]],
                s[3],
                s[4],
                s[5],
                s[6],
                None if s[7] is None else Decimal(str(s[7])),
                s[8],
            )
            for s in spells
        ),  # fmt: skip
        batch_size,
    )
    return len(spells)
