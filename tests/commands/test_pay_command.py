"""``thrive pay`` on a small council with two census years of pay: the table and JSON agree
with the measures, and a date it cannot read is refused in words."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factories import authority, spell, team, worker
from thrive.codes import ContractType, ReasonLeave
from thrive.import_records.models import CensusWorkerDetail

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():  # type: ignore[no-untyped-def]
    """Ten social workers paid 34,000 to 38,500 in 2024 and 1,000 more in 2025; three had a
    payment in 2024, one of whom left, as did one without; two agency workers at 320 a day."""
    la = authority()
    cp = team(la, "Child Protection North")
    for i in range(10):
        w = worker(la)
        leaves = i in (0, 5)
        spell(
            w,
            cp,
            date(2020, 1, 1),
            date(2025, 3, 31) if leaves else None,
            start_origin=2,
            reason_leave=ReasonLeave.RESIGNATION.value if leaves else None,
            leaver_destination=1 if leaves else None,
        )
        CensusWorkerDetail.objects.create(
            worker=w,
            year=2024,
            base_salary=Decimal(34000 + 500 * i),
            rr_payments=Decimal("2000") if i < 3 else None,
        )
        if not leaves:
            CensusWorkerDetail.objects.create(
                worker=w, year=2025, base_salary=Decimal(35000 + 500 * i), rr_payments=Decimal(0)
            )
    for _ in range(2):
        spell(worker(la), cp, date(2025, 1, 1), contract=ContractType.AGENCY, day_rate=Decimal(320))
    return la


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    out = StringIO()
    call_command("pay", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_gives_the_measures_for_the_last_census_on_or_before_the_date(council) -> None:
    found = _json("--as-at", "2025-12-31")
    assert found["census_day"] == "2025-09-30" and found["has_pay"]
    whole = found["rows"][-1]
    assert whole["part"] == "All grades"
    assert whole["people"]["value"] == 8
    # 2025: 35,500 to 39,500 but for the two who left (35,000 and 37,500): the middle two of
    # eight are 37,000 and 38,000; 2024: the middle two of ten, 36,000 and 36,500.
    assert whole["median"]["value"] == pytest.approx(37500)
    assert whole["median_year_before"]["value"] == pytest.approx(36250)
    assert whole["median_change"] == "+£1,250"
    retained_with, retained_without = found["retained_with"], found["retained_without"]
    assert (retained_with["numerator"], retained_with["denominator"]) == (2, 3)
    assert (retained_without["numerator"], retained_without["denominator"]) == (6, 7)
    assert whole["agency_cost"]["value"] == pytest.approx(320 * 253)
    # Followed from the 2024 census by their retention curves: one of three with a payment left
    # in March 2025, one of seven without.
    assert found["curves_from"] == "2024-09-30"
    curves = {c["group"]: c for c in found["curves"]}
    assert curves["With a payment"]["one_year"] == "66.7%"
    assert curves["Without a payment"]["one_year"] == "85.7%"
    assert curves["Without a payment"]["leavers"] == "1"


def test_the_table_says_it_in_words(council) -> None:
    out = StringIO()
    call_command("pay", "--as-at", "2025-09-30", stdout=out)
    text = out.getvalue()
    assert "Base salary by grade" in text and "£37,500" in text
    assert "an association, not a cause" in text
    assert "Nobody can be followed a year on yet" not in text  # 2024's pay was returned
    assert "no regional figure" in text


def test_with_pay_for_one_census_only_it_says_why_no_one_is_followed(council) -> None:
    out = StringIO()
    call_command("pay", "--as-at", "2024-09-30", stdout=out)
    assert (
        "Nobody can be followed a year on yet: no pay was returned for the census day a year "
        "before (30 September 2023)." in out.getvalue()
    )


def test_before_the_census_asked_for_pay_it_says_so(council) -> None:
    out = StringIO()
    call_command("pay", "--as-at", "2023-09-30", stdout=out)
    assert "No pay returned in that census" in out.getvalue()


def test_a_date_it_cannot_read_is_refused(council) -> None:
    with pytest.raises(CommandError):
        call_command("pay", "--as-at", "30/09/2025", stdout=StringIO())
