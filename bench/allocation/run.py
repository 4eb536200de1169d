"""Benchmark: the allocation planner (exact HiGHS MILP) against "least loaded first", same input.

Targets (issue 15): a whole council's unallocated children (2,000 children, 300 workers) planned
in under 5 s, a team's (about 30 children) in under 1 s, with fewer workers over cap and fewer
sibling groups split than the greedy rule on the same input. Input: bench/allocation/generate.py
(seeded, synthetic). Also prints how solve time grows with the number of children.

Times are wall-clock (what a user waits) and the planner's CPU time (what it would take on a
machine to itself, roughly: the two cores are usually shared).

Run: .venv/bin/python bench/allocation/run.py [--seed 1] [--time-limit 2]
     .venv/bin/python bench/allocation/run.py --quick    # team, and a 400-child council
     .venv/bin/python bench/allocation/run.py --busy     # 2,000 children, workers 35-80% full
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import council, team  # noqa: E402

from thrive.allocation import greedy, plan  # noqa: E402


def measure(
    name: str,
    children: int,
    workers: int,
    seed: int,
    limit: float,
    target: float,
    loads: tuple[float, float] = (0.10, 0.50),
) -> None:
    if workers <= 6:
        kids, staff, rules = team(children=children, seed=seed)
    else:
        low, high = loads
        kids, staff, rules = council(children, workers, seed=seed, low=low, high=high)
    rules = dataclasses.replace(rules, time_limit=limit)
    started, cpu = time.perf_counter(), time.process_time()
    planned = plan(kids, staff, rules)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    peer = greedy(kids, staff, rules)
    peer_took = time.perf_counter() - started
    mine, theirs = planned.summary(), peer.summary()
    groups = len({c.sibling_group for c in kids if c.sibling_group})
    print(f"{name}: {len(kids):,} children ({groups} sibling groups), {len(staff)} workers")
    verdict = "met" if took < target else "NOT met"
    print(f"  planner {took:.2f} s, CPU {cpu:.2f} s (target < {target:g} s: {verdict}); "
          f"proven best: {planned.optimal}; greedy {peer_took * 1000:.0f} ms")  # fmt: skip
    print(f"  time ratio planner / greedy: {took / max(peer_took, 1e-6):,.0f}x")
    for key in mine:
        print(f"  {key:<28} planner {mine[key]:>5}   greedy {theirs[key]:>5}")
    fewer_over = mine["workers_pushed_over_cap"] < theirs["workers_pushed_over_cap"]
    fewer_split = mine["sibling_groups_split"] < theirs["sibling_groups_split"]

    def verdict(fewer: bool, key: str) -> str:
        if fewer:
            return "yes"
        return "no, both 0" if mine[key] == theirs[key] == 0 else "NO"

    over = verdict(fewer_over, "workers_pushed_over_cap")
    split = verdict(fewer_split, "sibling_groups_split")
    print(f"  fewer workers over cap than greedy: {over}; fewer sibling groups split: {split}")
    for note in planned.notes:
        print(f"  note: {note[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=2.0, help="seconds a pass, a part")
    parser.add_argument("--quick", action="store_true", help="team and a 400-child council")
    parser.add_argument(
        "--busy",
        action="store_true",
        help="only a 2,000-child council whose workers are 35-80%% full: more children than room",
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    if args.busy:
        measure("busy council", 2_000, 300, args.seed, args.time_limit, 5.0, (0.35, 0.80))
        print(f"load average now {os.getloadavg()[0]:.1f}")
        return
    measure("team", 30, 6, args.seed + 1, args.time_limit, 1.0)
    sizes = [(400, 60)] if args.quick else [(250, 36), (500, 72), (1_000, 150), (2_000, 300)]
    for children, workers in sizes:
        measure("council", children, workers, args.seed, args.time_limit, 5.0)
    print(f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
