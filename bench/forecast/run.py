"""Benchmark: the vectorised forecast engine against a SimPy discrete-event peer, same rates.

Target: 10,000 runs x 60 months x all grades in under 2 s on this 2-core machine; the
SimPy peer must agree within Monte Carlo error; the speed ratio is reported (target >= 50x).

Both engines take one ``ModelInputs`` with rates like the demo authority's (its fitted leaving,
progression, ASYE completion and recruitment rates, each run's parameters drawn from a Gamma
spread), so they simulate the same model. The year-to-year drift is off in both (the peer has
none), which changes nothing in the vectorised engine's cost.

Run: .venv/bin/python bench/forecast/run.py [--runs 10000] [--months 60] [--peer-runs 200]
     .venv/bin/python bench/forecast/run.py --quick    # 1,000 runs, 60 peer runs, once
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from peer_simpy import simulate_peer  # noqa: E402

from thrive.forecast.simulation import ModelInputs, simulate  # noqa: E402


def demo_like_inputs(runs: int, months: int, seed: int = 1) -> ModelInputs:
    """Inputs shaped like the demo authority at 30 September 2025 (274 employed)."""
    rng = np.random.default_rng(seed)

    def spread(values: list[float], shape: tuple[int, ...]) -> np.ndarray:
        base = np.asarray(values, dtype=float)
        return base * rng.gamma(40.0, 1 / 40.0, size=(runs, *shape))

    leave = np.stack(
        [
            spread([0.011, 0.020, 0.013], (3,)),
            spread([0.0066, 0.0132, 0.013], (3,)),
            spread([0.008, 0.004, 0.011], (3,)),
            spread([0.0096] * 3, (3,)),
            spread([0.0145] * 3, (3,)),
        ],
        axis=1,
    )
    progress = -np.expm1(
        -np.stack(
            [
                spread([0.0057, 0.0046, 0.0049], (3,)),
                spread([0.0046, 0.003, 0.0058], (3,)),
                spread([0.0027] * 3, (3,)),
            ],
            axis=1,
        )
    )
    september = np.full(12, 0.3)
    september[8] = 12 - 0.3 * 11
    flat = np.ones(12)
    streams = [  # (grade, rate, season, per vacancy)
        (1, 0.0189, flat, True),
        (1, 0.0029, flat, True),
        (2, 0.0078, flat, True),
        (3, 0.02, flat, True),
        (4, 0.02, flat, True),
        (0, 1.01, september, False),
        (0, 0.26, september, False),
        (0, 0.21, september, False),
        (0, 0.18, september, False),
    ]
    headcount = np.array([[0, 0, 0], [20, 50, 92], [2, 8, 40], [0, 2, 17], [0, 0, 4]])
    asye = np.zeros(13, dtype=np.int64)
    asye[[0, 4, 9, 12]] = [10, 8, 12, 1]
    return ModelInputs(
        runs=runs,
        horizon=months,
        month_of_year=np.array([(9 + m) % 12 for m in range(months)]),
        leave_hazard=leave,
        turnover_multiplier=np.ones((months, 5)),
        progress_prob=progress,
        asye_completion_prob=-np.expm1(-spread([0.54], ())),
        hire_rate=np.stack([spread([s[1]], ()) for s in streams], axis=1),
        hire_season=np.stack([s[2] for s in streams]),
        hire_grade=np.array([s[0] for s in streams]),
        hire_fte=np.full(len(streams), 0.95),
        hire_capped=np.array([s[0] != 0 for s in streams]),
        hire_per_vacancy=np.array([s[3] for s in streams]),
        planned=np.zeros((months, 0), dtype=np.int64),
        planned_grade=np.zeros(0, dtype=np.int64),
        planned_fte=np.zeros(0),
        planned_capped=np.zeros(0, dtype=bool),
        conversion_rate=np.zeros(runs),
        planned_conversions=None,
        leaving_drift=0.0,
        hiring_drift=0.0,
        headcount0=headcount,
        fte0=headcount * 0.95,
        asye_headcount0=asye,
        asye_fte0=asye * 0.95,
        agency_fte0=np.array([25.0, 0.0, 0.0, 0.0]),
        establishment=np.broadcast_to([244.0, 54.0, 21.0, 4.0], (months + 1, 4)).copy(),
        cases=np.full((runs, months), 3958.0),
        target_caseload=14.0,
        caseload_weights=np.array([0.7, 1.0, 0.8, 0.0, 0.0]),
        agency_cover=np.array([0.46, 0.06, 0.08, 0.0]),
        agency_fte_per_head=1.0,
        recruit_to_vacancies=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--peer-runs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 1,000 runs, 60 peer runs, once"
    )
    args = parser.parse_args()
    if args.quick:
        args.runs, args.peer_runs, args.repeat = 1_000, 60, 1

    inputs = demo_like_inputs(args.runs, args.months)
    load = os.getloadavg()[0]
    print(f"forecast engine benchmark: {args.runs:,} runs x {args.months} months x 5 grades")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start")
    timings, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        paths = simulate(inputs, seed=1)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    best = min(timings)
    single, single_cpu = time.perf_counter(), time.process_time()
    simulate(inputs, seed=1, threads=1)
    single, single_cpu = time.perf_counter() - single, time.process_time() - single_cpu
    print(f"vectorised (2 threads): best {best:.2f} s of {args.repeat} "
          f"({', '.join(f'{t:.2f}' for t in timings)}); target < 2 s: "
          f"{'met' if best < 2 else 'NOT met'}")  # fmt: skip
    print(f"vectorised (1 thread):  {single:.2f} s")
    print(
        f"CPU time: {min(cpu):.2f} s (2 threads, both summed), {single_cpu:.2f} s (1 thread); "
        f"load average now {os.getloadavg()[0]:.1f} (wall time stretches when others share "
        "the cores)"
    )

    started = time.perf_counter()
    peer = simulate_peer(inputs, args.peer_runs, seed=2)
    peer_time = time.perf_counter() - started
    per_run_vec = best / args.runs
    per_run_peer = peer_time / args.peer_runs
    ratio = per_run_peer / per_run_vec
    print(
        f"SimPy peer: {args.peer_runs} runs in {peer_time:.1f} s "
        f"({per_run_peer * 1000:.1f} ms a run)"
    )
    print(f"speed ratio (per run, peer / vectorised): {ratio:,.0f}x; target >= 50x: "
          f"{'met' if ratio >= 50 else 'NOT met'}")  # fmt: skip

    vec = paths.headcount.astype(float)
    worst = 0.0
    print("agreement (mean headcount; z = difference / its standard error):")
    print(f"  {'month':>5} {'grade':>5} {'vectorised':>11} {'SimPy':>8} {'z':>6}")
    for month in sorted({12, 36, args.months}):
        if month > args.months:
            continue
        for g in range(5):
            a, b = vec[:, month, g], peer[:, month, g].astype(float)
            se = np.sqrt(a.var() / a.size + b.var() / b.size) or 1.0
            z = (a.mean() - b.mean()) / se
            worst = max(worst, abs(z))
            print(f"  {month:>5} {g:>5} {a.mean():>11.2f} {b.mean():>8.2f} {z:>6.2f}")
        a, b = vec[:, month].sum(axis=1), peer[:, month].sum(axis=1).astype(float)
        z = (a.mean() - b.mean()) / np.sqrt(a.var() / a.size + b.var() / b.size)
        worst = max(worst, abs(z))
        print(f"  {month:>5} {'all':>5} {a.mean():>11.2f} {b.mean():>8.2f} {z:>6.2f}  "
              f"(sd {a.std():.1f} vs {b.std():.1f})")  # fmt: skip
    print(f"largest |z| = {worst:.2f}: {'agree' if worst < 3.5 else 'DISAGREE'} within Monte Carlo "
          "error (|z| < 3.5 over 18 comparisons)")  # fmt: skip


if __name__ == "__main__":
    main()
