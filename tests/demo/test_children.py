"""The demo council's children (``thrive.demo.children``), from the simulated records: open
allocations equal each case holder's cases at every snapshot; ASYEs protected in number and
complexity; weighted caps that fit the strategy's caseloads; changes of social worker for children
in care near the Stability Index's national rate and falling as turnover fell (docs/demo.md)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest

from thrive.demo.children import Spell, simulate_children
from thrive.demo.records import DemoRecords, SpellRecord
from thrive.demo.simulation import simulate
from thrive.metrics.caseload_weights import caseload_weights

FAR = date(9999, 12, 31)


@pytest.fixture(scope="module")
def built() -> tuple[DemoRecords, list[Spell]]:
    records = simulate(1, 1)
    return records, simulate_children(records, records.seed)


def _open_on(spells: list[Spell], day: date) -> dict[str, list[Spell]]:
    held: dict[str, list[Spell]] = defaultdict(list)
    for s in spells:
        if s[1] and s[4] <= day <= (s[5] or FAR):
            held[s[1]].append(s)
    return held


def _in_post(records: DemoRecords, day: date) -> dict[str, SpellRecord]:
    return {s.pseudonym: s for s in records.spells if s.start <= day <= (s.end or FAR)}


def test_open_allocations_equal_the_cases_at_every_snapshot(built: Any) -> None:
    records, spells = built
    by_day: dict[date, dict[str, int]] = defaultdict(dict)
    for c in records.caseloads:
        by_day[c.date][c.pseudonym] = c.cases
    mismatches = []
    for day, cases in by_day.items():
        held = _open_on(spells, day)
        mismatches += [(day, p) for p, n in cases.items() if len(held.get(p, [])) != n]
        assert set(held) <= set(cases), day
    assert len(by_day) > 120
    assert mismatches == []


def test_a_childs_spells_never_overlap(built: Any) -> None:
    _, spells = built
    by_child: dict[str, list[Spell]] = defaultdict(list)
    for s in spells:
        by_child[s[0]].append(s)
    for child, own in by_child.items():
        own.sort(key=lambda s: s[4])
        for before, after in zip(own, own[1:], strict=False):
            assert (before[5] or FAR) < after[4], child


def test_asyes_are_spared_complex_cases_and_kept_to_their_number(built: Any) -> None:
    records, spells = built
    weights = caseload_weights()
    beyond, asyes = 0, 0
    for day in sorted({c.date for c in records.caseloads})[::3]:
        posts = _in_post(records, day)
        for worker, held in _open_on(spells, day).items():
            if posts[worker].grade != "asye":
                continue
            asyes += 1
            heaviest = max(s[7] or 1.0 for s in held)
            beyond += len(held) > weights.asye_max_cases or heaviest > weights.asye_max_complexity
    assert asyes > 500
    assert beyond == 0


def _over_cap(records: DemoRecords, spells: list[Spell], day: date) -> tuple[int, int]:
    weights = caseload_weights()
    posts = _in_post(records, day)
    over = 0
    held = _open_on(spells, day)
    for worker, own in held.items():
        cap = weights.cap(posts[worker].grade)
        points = sum(weights.points[s[3]] * (s[7] or 1.0) for s in own)
        over += cap is not None and points > cap * posts[worker].fte
    return over, len(held)


def test_few_are_over_their_weighted_cap_now_many_were_in_the_agency_years(built: Any) -> None:
    records, spells = built
    then, holders_then = _over_cap(records, spells, date(2015, 9, 30))
    now, holders_now = _over_cap(records, spells, date(2025, 9, 30))
    assert then / holders_then > 0.5  # caseloads of about 25
    assert 0 < now / holders_now < 0.15  # caseloads of about 14


def _two_or_more_in_care(spells: list[Spell], day: date) -> float:
    """The Stability Index's share: children in care on ``day``, in care (an episode) for the
    whole year to it, with two or more changes of social worker in that year."""
    year_start = date(day.year - 1, day.month, day.day) + timedelta(days=1)
    by_child: dict[str, list[Spell]] = defaultdict(list)
    for s in spells:
        by_child[s[0]].append(s)
    counted = two = 0
    for own in by_child.values():
        own.sort(key=lambda s: s[4])
        episode: list[Spell] = []
        for s in own:
            if episode and s[4] > (episode[-1][5] or FAR) + timedelta(days=1):
                if s[4] > day:
                    break
                episode = []
            episode.append(s)
        now = [s for s in episode if s[4] <= day <= (s[5] or FAR)]
        if not now or now[0][3] != "cla" or episode[0][4] > year_start:
            continue
        counted += 1
        workers = [(s[4], s[1]) for s in episode if s[1] and s[4] <= day]
        changes = sum(
            1
            for (_, a), (start, b) in zip(workers, workers[1:], strict=False)
            if a != b and start >= year_start
        )
        two += changes >= 2
    assert counted > 300
    return two / counted


def test_changes_of_social_worker_near_the_national_rate_and_falling(built: Any) -> None:
    _, spells = built
    peak = _two_or_more_in_care(spells, date(2016, 9, 30))
    later = [_two_or_more_in_care(spells, date(y, 9, 30)) for y in range(2019, 2026)]
    assert 0.2 < peak < 0.4  # the national 1 in 4, higher in the agency-heavy years
    assert max(later) < peak
    assert sum(later) / len(later) < 0.2
