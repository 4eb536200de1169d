"""Census-only stores rebuilt from two councils' real published figures give those figures back.

For every year 2017-2024, North Somerset (a small unitary, about 80 FTE) and Manchester (a large
metropolitan council, about 440 FTE) have worker-level returns rebuilt from their published row
(tests/published_returns.py). Imported together or one by one in year order, the store
gives back, through the metrics registry, the Department's published counts exactly (FTE to 1
decimal place, headcounts whole) and its rates to the published rounding. Suppressed cells
(``c``, ``:``, ``z``...) are not compared.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from published_returns import YEARS, number, published_rows, write_returns
from thrive.frames.load import load
from thrive.ingest.census_import import import_census
from thrive.ingest.undo import undo_batch
from thrive.metrics import compute
from thrive.workforce import models as wf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

COUNTS = {
    "inpost_fte": "fte_in_post",
    "inpost_headcount": "headcount_in_post",
    "starters_fte": "starters_fte",
    "starters_headcount": "starters_headcount",
    "leavers_fte": "leavers_fte",
    "leavers_headcount": "leavers_headcount",
    "agency_fte": "agency_fte",
    "agency_headcount": "agency_headcount",
    "vacancy_fte": "vacancy_fte",
    "case_holders_fte": "case_holders_fte",
    "cases": "cases",
    "working_days_lost_fte": "working_days_lost",
}
RATES = {
    "turnover_rate_fte": "turnover_rate",
    "agency_rate_fte": "agency_rate",
    "vacancy_rate_fte": "vacancy_rate",
    "caseload_fte": "average_caseload",
    "absence_rate_fte": "absence_rate",
}
COUNCILS = {"802": "North Somerset", "352": "Manchester"}


def measures(la_number: str, year: int) -> dict[str, float]:
    frames = load(wf.Authority.objects.get(la_number=la_number))
    wanted = {*COUNTS.values(), *RATES.values()}
    return {
        r.name: r.value
        for r in compute(frames, as_at=date(year, 9, 30), names=wanted)
        if r.slice is None and r.value is not None
    }


def differences(la_number: str) -> list[str]:
    """Every published figure the store does not give back, as 'year column: ours vs theirs'."""
    found = []
    for year, row in published_rows(la_number).items():
        if year not in YEARS:
            continue
        ours = measures(la_number, year)
        for column, name in {**COUNTS, **RATES}.items():
            theirs = number(row, column)
            if theirs is None:
                continue  # suppressed or not available
            mine = Decimal(str(round(ours.get(name, 0.0), 1)))
            # A rate is published from unrounded counts; from the published (rounded) counts it
            # can come out 0.1 away (DOMAIN.md). Counts must match exactly.
            slack = Decimal("0.1") if column in RATES else Decimal(0)
            if abs(mine - theirs) > slack:
                found.append(f"{year} {column}: ours {ours.get(name)} vs published {theirs}")
    return found


@pytest.mark.parametrize("la_number", sorted(COUNCILS))
def test_returns_imported_together_give_the_published_figures(
    la_number: str, tmp_path: Path
) -> None:
    files = write_returns(la_number, tmp_path)
    outcomes = import_census(files, user="test")
    assert [o.batch is not None for o in outcomes] == [True] * len(YEARS)
    assert differences(la_number) == []


def store() -> list[tuple[object, ...]]:
    """The history the imports built: every spell, caseload and absence, by worker number."""
    spells = wf.EmploymentSpell.objects.values_list(
        "worker__swe_number",
        "org_role",
        "fte",
        "start_date",
        "end_date",
        "reason_leave",
        "start_origin",
        "contract_type",
    )
    cases = wf.CaseloadSnapshot.objects.values_list("worker__swe_number", "date", "cases")
    absences = wf.AbsenceEpisode.objects.values_list(
        "worker__swe_number", "start_date", "end_date", "working_days_lost"
    )
    return sorted((*spells, *cases, *absences), key=repr)


def test_returns_imported_one_by_one_build_the_same_store(tmp_path: Path) -> None:
    files = write_returns("802", tmp_path)
    batches = []
    for path in files:  # one by one, in year order
        [outcome] = import_census([path], user="test")
        batches.append(outcome.batch)
    assert differences("802") == []
    one_by_one = store()
    for batch in reversed(batches):
        assert batch is not None
        undo_batch(batch.pk, "test")
    assert not wf.EmploymentSpell.objects.exists()
    import_census(files, user="test")
    assert store() == one_by_one
