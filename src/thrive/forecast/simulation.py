"""The Monte Carlo stock-and-flow engine: every run at once, one month at a time.

State per run: employed headcount and FTE in each grade (social worker and above) and tenure
band, and ASYEs by completed months in the programme. Each month, in order:

1. leavers: Binomial(headcount, leaving probability) in every cell; their FTE is the cell's
   average FTE times the number leaving, so FTE and headcount stay consistent;
2. progression to the next grade (same tenure band), Binomial on those who stayed;
3. tenure ageing: 1/12 of band 0 and 1/24 of band 1 move up a band (Binomial);
4. ASYEs: leavers from each month cell, then everyone moves one month on, then completion
   from the "12 months or more" cell (to social worker, tenure band 1);
5. starters: Poisson by route and month (historical streams; recruitment to vacancies caps the
   experienced routes at the vacant posts) or the scenario's planned recruits; agency
   conversions join as social workers;
6. agency: the case-holding gap (FTE needed for the demand at the target caseload, less
   employed case-holding capacity) is covered by agency up to ``cover`` x the vacant posts;
   managers' vacancies are covered at their own rate.

Nothing is created or lost between steps: for every run, grade and month,
in post + starters + promoted in - leavers - promoted out = next month's in post, exactly in
headcount and to rounding error in FTE (tests check this as a property).

Runs are simulated in fixed chunks, each with its own random stream spawned from the seed, so
the result depends only on the seed, not on how many threads ran the chunks.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from thrive.forecast.grades import ASYE_CELLS, BAND_WIDTHS, GRADES, TENURE_BANDS

CHUNK_RUNS = 2500
G = len(GRADES)
B = len(TENURE_BANDS)


@dataclass(frozen=True)
class ModelInputs:
    """Everything one batch of runs needs, already drawn per run where uncertain."""

    runs: int
    horizon: int
    month_of_year: np.ndarray  # (H,) 0 = January, for each forecast month
    leave_hazard: np.ndarray  # (R, G, B) monthly hazards
    turnover_multiplier: np.ndarray  # (H, G) scenario multiplier on leaving hazards
    progress_prob: np.ndarray  # (R, G-2, B): social worker, senior practitioner, team manager
    asye_completion_prob: np.ndarray  # (R,)
    hire_rate: np.ndarray  # (R, S) Poisson starters per month, before seasonality
    hire_season: np.ndarray  # (S, 12)
    hire_grade: np.ndarray  # (S,) grade index
    hire_fte: np.ndarray  # (S,)
    hire_capped: np.ndarray  # (S,) bool: capped at vacant posts
    hire_per_vacancy: np.ndarray  # (S,) bool: rate per vacant FTE in the grade's post group
    planned: np.ndarray  # (H, P) planned recruits (whole numbers)
    planned_grade: np.ndarray  # (P,)
    planned_fte: np.ndarray  # (P,)
    planned_capped: np.ndarray  # (P,) bool
    conversion_rate: np.ndarray  # (R,) per agency worker per month
    planned_conversions: np.ndarray | None  # (H,) whole numbers, replaces the rate if given
    leaving_drift: float
    hiring_drift: float
    headcount0: np.ndarray  # (G, B) int; the ASYE row unused
    fte0: np.ndarray  # (G, B)
    asye_headcount0: np.ndarray  # (ASYE_CELLS,)
    asye_fte0: np.ndarray
    agency_fte0: np.ndarray  # (4,) by post group, the actual at the origin
    establishment: np.ndarray  # (H+1, 4) funded FTE by post group at each month end
    cases: np.ndarray | None  # (R, H) cases at each forecast month end
    target_caseload: float
    caseload_weights: np.ndarray  # (G,)
    agency_cover: np.ndarray  # (4,)
    agency_fte_per_head: float
    recruit_to_vacancies: bool


@dataclass
class Trajectories:
    """Every run's path. Index 0 on the month axis is the origin (as recorded)."""

    headcount: np.ndarray  # (R, H+1, G) employed
    fte: np.ndarray  # (R, H+1, G) employed
    agency_fte: np.ndarray  # (R, H+1, 4) by post group
    starters: np.ndarray  # (R, H, G) headcount, incl. conversions; ASYE completions excluded
    starters_fte: np.ndarray
    leavers: np.ndarray  # (R, H, G)
    leavers_fte: np.ndarray
    promoted_in: np.ndarray  # (R, H, G) incl. ASYE completions into social worker
    promoted_in_fte: np.ndarray
    promoted_out: np.ndarray
    promoted_out_fte: np.ndarray
    conversions: np.ndarray  # (R, H)
    cases: np.ndarray | None  # (R, H+1)


def _allocate(runs: int, horizon: int, cases: bool) -> Trajectories:
    # Stored month-major, so each month's results are written to one contiguous block; the
    # Trajectories fields are (run, month, ...) views of that storage.
    def z(months: int, *shape: int, dtype: type = np.float64) -> np.ndarray:
        return np.moveaxis(np.zeros((months, runs, *shape), dtype=dtype), 0, 1)

    return Trajectories(
        headcount=z(horizon + 1, G, dtype=np.int32),
        fte=z(horizon + 1, G),
        agency_fte=z(horizon + 1, 4),
        starters=z(horizon, G, dtype=np.int32),
        starters_fte=z(horizon, G),
        leavers=z(horizon, G, dtype=np.int32),
        leavers_fte=z(horizon, G),
        promoted_in=z(horizon, G, dtype=np.int32),
        promoted_in_fte=z(horizon, G),
        promoted_out=z(horizon, G, dtype=np.int32),
        promoted_out_fte=z(horizon, G),
        conversions=z(horizon, dtype=np.int32),
        cases=z(horizon + 1) if cases else None,
    )


def _share(f: np.ndarray, moved: np.ndarray, n: np.ndarray) -> np.ndarray:
    """FTE carried by ``moved`` of ``n`` people holding ``f`` FTE (the cell's average each).

    When everyone moves, moved / n is exactly 1.0, so the whole of ``f`` moves and the cell is
    left with exactly zero FTE.
    """
    moved_share: np.ndarray = f * (moved / np.maximum(n, 1))
    return moved_share


def _binomial(rng: np.random.Generator, n: np.ndarray, p: np.ndarray | float) -> np.ndarray:
    """Binomial draws, skipping empty cells (many are: few ASYEs or managers per band)."""
    out = np.zeros(n.shape, dtype=np.int64)
    occupied = n > 0
    if occupied.any():
        out[occupied] = rng.binomial(n[occupied], np.broadcast_to(p, n.shape)[occupied])
    return out


def _asye_leavers(
    rng: np.random.Generator, a: np.ndarray, p_first_year: np.ndarray, p_extended: np.ndarray
) -> np.ndarray:
    """Leavers from each ASYE month cell: the same in law as a Binomial draw per cell.

    Every first-year cell shares one leaving probability, so the first-year leavers are drawn
    as one Binomial on their total and shared out between the months by sequential
    hypergeometric draws (the exact conditional law), only in runs where someone leaves. That
    is a few draws a run instead of twelve.
    """
    out = np.zeros(a.shape, dtype=np.int64)
    first_year = a[:, :-1]
    total = first_year.sum(axis=1)
    leaving = _binomial(rng, total, p_first_year)
    runs = np.flatnonzero(leaving)
    remaining, still = total[runs], leaving[runs]
    for cell in range(first_year.shape[1] - 1):
        here = first_year[runs, cell]
        remaining = remaining - here
        taken = rng.hypergeometric(here, remaining, still)
        out[runs, cell] = taken
        still = still - taken
        keep = still > 0
        runs, remaining, still = runs[keep], remaining[keep], still[keep]
    out[runs, first_year.shape[1] - 1] = still
    out[:, -1] = _binomial(rng, a[:, -1], p_extended)
    return out


def simulate(inputs: ModelInputs, seed: int, threads: int | None = None) -> Trajectories:
    """Run the Monte Carlo; deterministic for a seed whatever the number of threads."""
    out = _allocate(inputs.runs, inputs.horizon, inputs.cases is not None)
    chunks = [(lo, min(lo + CHUNK_RUNS, inputs.runs)) for lo in range(0, inputs.runs, CHUNK_RUNS)]
    streams = np.random.SeedSequence(seed).spawn(len(chunks))
    workers = threads or min(2, os.cpu_count() or 1)
    if workers == 1 or len(chunks) == 1:
        for (lo, hi), stream in zip(chunks, streams, strict=True):
            _simulate_chunk(inputs, out, lo, hi, np.random.default_rng(stream))
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            jobs = [
                pool.submit(_simulate_chunk, inputs, out, lo, hi, np.random.default_rng(stream))
                for (lo, hi), stream in zip(chunks, streams, strict=True)
            ]
            for job in jobs:
                job.result()
    return out


def _agency(
    inputs: ModelInputs, by_grade: np.ndarray, month: int, cases: np.ndarray | None
) -> np.ndarray:
    """Agency FTE by post group at a month end, given employed FTE by grade (R, G)."""
    groups = np.stack(
        [by_grade[:, 0] + by_grade[:, 1], by_grade[:, 2], by_grade[:, 3], by_grade[:, 4]], axis=1
    )
    vacant = np.maximum(inputs.establishment[month][None, :] - groups, 0.0)
    coverable = inputs.agency_cover[None, :] * vacant
    agency = coverable.copy()
    if cases is not None:
        capacity = by_grade[:, :3] @ inputs.caseload_weights[:3]
        gap = np.maximum(cases / inputs.target_caseload - capacity, 0.0)
        case_holding = coverable[:, 0] + coverable[:, 1]
        scale = np.where(
            case_holding > 0, np.minimum(gap, case_holding) / np.maximum(case_holding, 1e-12), 0.0
        )
        agency[:, :2] = coverable[:, :2] * scale[:, None]
    covered: np.ndarray = agency
    return covered


def _simulate_chunk(
    inputs: ModelInputs, out: Trajectories, lo: int, hi: int, rng: np.random.Generator
) -> None:
    r = hi - lo
    binomial, poisson = rng.binomial, rng.poisson

    # Grades social worker and above live in n/f (index 0 = social worker); ASYEs in a/af.
    n = np.broadcast_to(inputs.headcount0[1:], (r, G - 1, B)).astype(np.int64)
    f = np.broadcast_to(inputs.fte0[1:], (r, G - 1, B)).astype(np.float64)
    a = np.broadcast_to(inputs.asye_headcount0, (r, ASYE_CELLS)).astype(np.int64)
    af = np.broadcast_to(inputs.asye_fte0, (r, ASYE_CELLS)).astype(np.float64)
    hazard = inputs.leave_hazard[lo:hi]
    progress = inputs.progress_prob[lo:hi]
    complete = inputs.asye_completion_prob[lo:hi]
    hire_rate = inputs.hire_rate[lo:hi]
    conversion_rate = inputs.conversion_rate[lo:hi]
    cases = inputs.cases[lo:hi] if inputs.cases is not None else None
    age_prob = 1.0 / np.asarray(BAND_WIDTHS, dtype=float)
    log_leave = np.zeros(r)
    log_hire = np.zeros(r)
    leave_step = inputs.leaving_drift / np.sqrt(12.0)
    hire_step = inputs.hiring_drift / np.sqrt(12.0)

    by_grade = np.concatenate([af.sum(axis=1, keepdims=True), f.sum(axis=2)], axis=1)
    out.headcount[lo:hi, 0] = np.concatenate([a.sum(axis=1, keepdims=True), n.sum(axis=2)], axis=1)
    out.fte[lo:hi, 0] = by_grade
    out.agency_fte[lo:hi, 0] = inputs.agency_fte0[None, :]
    agency = np.broadcast_to(inputs.agency_fte0, (r, 4)).copy()
    if out.cases is not None:
        out.cases[lo:hi, 0] = np.nan

    for m in range(inputs.horizon):
        starters = np.zeros((r, G), dtype=np.int64)
        starters_fte = np.zeros((r, G))
        # Rates wander: a random walk on the log scale, mean one.
        log_leave += leave_step * rng.standard_normal(r)
        log_hire += hire_step * rng.standard_normal(r)
        leave_mult = np.exp(log_leave - 0.5 * leave_step**2 * (m + 1))
        hire_mult = np.exp(log_hire - 0.5 * hire_step**2 * (m + 1))
        p_leave = -np.expm1(
            -hazard * leave_mult[:, None, None] * inputs.turnover_multiplier[m][None, :, None]
        )

        # 1. leavers (social worker and above)
        left = binomial(n, p_leave[:, 1:])
        left_fte = _share(f, left, n)
        n -= left
        f -= left_fte
        # 2. progression: social worker -> senior practitioner -> team manager -> operations
        moved = binomial(n[:, :3], progress)
        moved_fte = _share(f[:, :3], moved, n[:, :3])
        n[:, :3] -= moved
        f[:, :3] -= moved_fte
        # 3. tenure ageing
        aged = binomial(n[:, :, :2], age_prob[None, None, :])
        aged_fte = _share(f[:, :, :2], aged, n[:, :, :2])
        n[:, :, :2] -= aged
        f[:, :, :2] -= aged_fte
        n[:, :, 1:] += aged
        f[:, :, 1:] += aged_fte
        n[:, 1:] += moved
        f[:, 1:] += moved_fte
        # 4. ASYEs
        asye_left = _asye_leavers(rng, a, p_leave[:, 0, 0], p_leave[:, 0, 1])
        asye_left_fte = _share(af, asye_left, a)
        a -= asye_left
        af -= asye_left_fte
        a[:, -1] += a[:, -2]
        af[:, -1] += af[:, -2]
        a[:, 1:-1] = a[:, :-2]
        af[:, 1:-1] = af[:, :-2]
        a[:, 0] = 0
        af[:, 0] = 0.0
        done = binomial(a[:, -1], complete)
        done_fte = _share(af[:, -1], done, a[:, -1])
        a[:, -1] -= done
        af[:, -1] -= done_fte
        n[:, 0, 1] += done
        f[:, 0, 1] += done_fte
        # 5. starters
        grade_fte = np.concatenate([af.sum(axis=1, keepdims=True), f.sum(axis=2)], axis=1)
        in_groups = np.stack(
            [grade_fte[:, 0] + grade_fte[:, 1], grade_fte[:, 2], grade_fte[:, 3], grade_fte[:, 4]],
            axis=1,
        )
        vacant_fte = np.maximum(inputs.establishment[m + 1][None, :] - in_groups, 0.0)
        moy = inputs.month_of_year[m]
        expected = hire_rate * inputs.hire_season[:, moy][None, :] * hire_mult[:, None]
        if inputs.hire_per_vacancy.any():
            groups_of = np.where(inputs.hire_grade <= 1, 0, inputs.hire_grade - 1)
            expected = np.where(
                inputs.hire_per_vacancy[None, :], expected * vacant_fte[:, groups_of], expected
            )
        drawn = poisson(expected)
        planned = np.broadcast_to(inputs.planned[m], (r, inputs.planned.shape[1]))
        for counts, grades, ftes, capped in (
            (planned, inputs.planned_grade, inputs.planned_fte, inputs.planned_capped),
            (drawn, inputs.hire_grade, inputs.hire_fte, inputs.hire_capped),
        ):
            for s in range(counts.shape[1]):
                g, each = int(grades[s]), float(ftes[s])
                k = counts[:, s].astype(np.int64)
                if capped[s] and inputs.recruit_to_vacancies:
                    group = 0 if g <= 1 else g - 1
                    room = np.floor(vacant_fte[:, group] / each + 0.5).astype(np.int64)
                    k = np.minimum(k, room)
                    vacant_fte[:, group] -= k * each
                starters[:, g] += k
                starters_fte[:, g] += k * each
        agency_heads = np.floor(agency[:, 0] / inputs.agency_fte_per_head + 0.5).astype(np.int64)
        if inputs.planned_conversions is not None:
            converted = np.minimum(int(inputs.planned_conversions[m]), agency_heads)
        else:
            converted = np.minimum(poisson(conversion_rate * agency_heads), agency_heads)
        starters[:, 1] += converted
        starters_fte[:, 1] += converted * inputs.agency_fte_per_head
        a[:, 0] += starters[:, 0]
        af[:, 0] += starters_fte[:, 0]
        n[:, :, 0] += starters[:, 1:]
        f[:, :, 0] += starters_fte[:, 1:]

        # Record the month.
        by_grade = np.concatenate([af.sum(axis=1, keepdims=True), f.sum(axis=2)], axis=1)
        out.headcount[lo:hi, m + 1] = np.concatenate(
            [a.sum(axis=1, keepdims=True), n.sum(axis=2)], axis=1
        )
        out.fte[lo:hi, m + 1] = by_grade
        out.starters[lo:hi, m] = starters
        out.starters_fte[lo:hi, m] = starters_fte
        out.leavers[lo:hi, m, 0] = asye_left.sum(axis=1)
        out.leavers[lo:hi, m, 1:] = left.sum(axis=2)
        out.leavers_fte[lo:hi, m, 0] = asye_left_fte.sum(axis=1)
        out.leavers_fte[lo:hi, m, 1:] = left_fte.sum(axis=2)
        out.promoted_out[lo:hi, m, 0] = done
        out.promoted_out_fte[lo:hi, m, 0] = done_fte
        out.promoted_out[lo:hi, m, 1:4] = moved.sum(axis=2)
        out.promoted_out_fte[lo:hi, m, 1:4] = moved_fte.sum(axis=2)
        out.promoted_in[lo:hi, m, 1] = done
        out.promoted_in_fte[lo:hi, m, 1] = done_fte
        out.promoted_in[lo:hi, m, 2:] = moved.sum(axis=2)
        out.promoted_in_fte[lo:hi, m, 2:] = moved_fte.sum(axis=2)
        out.conversions[lo:hi, m] = converted
        month_cases = cases[:, m] if cases is not None else None
        agency = _agency(inputs, by_grade, m + 1, month_cases)
        out.agency_fte[lo:hi, m + 1] = agency
        if out.cases is not None and month_cases is not None:
            out.cases[lo:hi, m + 1] = month_cases
