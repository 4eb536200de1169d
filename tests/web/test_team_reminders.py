"""Team page reminders: Social Work England renewals, lapsed registrations, CPD and ASYE
reviews, for the team's managers and HR only."""

from __future__ import annotations

import re
from datetime import date

import pytest

from thrive.lifecycle.models import CpdRecord, RegistrationRecord
from thrive.workforce.models import AsyeProgramme, Worker

pytestmark = pytest.mark.django_db


def _reminder(html: str, name: str) -> str:
    section = html.split('id="reminders"')[1].split("Starters and leavers this year")[0]
    rows = [r for r in section.split("</tr>") if name in r]
    return " ".join(rows)


def _situations(council) -> None:
    """CPN: one registered for 2025 and not yet renewed, one renewed for 2026 with two CPD
    records, one lapsed; the ASYE's three-month review falls due on 10 October 2025."""
    cpn = {w.name: w for w in Worker.objects.filter(name__in=council.names["CPN"])}
    due, renewed, lapsed = (cpn[council.names["CPN"][i]] for i in (1, 2, 3))
    RegistrationRecord.objects.create(
        worker=due, registration_year=2025, event="renewed", date=date(2024, 11, 2)
    )
    for year in (2025, 2026):
        RegistrationRecord.objects.create(
            worker=renewed, registration_year=year, event="renewed", date=date(year - 1, 9, 20)
        )
    for day in (date(2025, 1, 10), date(2025, 6, 3)):
        CpdRecord.objects.create(worker=renewed, date=day, title="Reflective practice")
    RegistrationRecord.objects.create(
        worker=lapsed, registration_year=2025, event="lapsed", date=date(2025, 3, 1)
    )
    AsyeProgramme.objects.filter(worker__name="Hal Cpn07q").update(start_date=date(2025, 7, 10))


def test_the_team_manager_sees_what_is_due_for_each_worker(council, signed_in):
    _situations(council)
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    due = _reminder(html, council.names["CPN"][1])
    assert "Renew Social Work England registration by 30 November 2025" in due
    assert "30 Nov 2025" in due and "Overdue" not in due
    lapsed = _reminder(html, council.names["CPN"][3])
    assert "Registration has lapsed" in lapsed and "Overdue" in lapsed
    # renewed with two CPD records: nothing due
    assert _reminder(html, council.names["CPN"][2]) == ""
    # no CPD records, 61 days of the registration year left
    assert "0 of 2 CPD records this registration year" in _reminder(html, council.names["CPN"][4])
    assert "ASYE review due 10 October 2025" in _reminder(html, "Hal Cpn07q")


def test_reminders_are_for_named_viewers_only(council, signed_in):
    _situations(council)
    lead = signed_in("lead").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert 'id="reminders"' not in lead and "Renew Social Work England" not in lead
    svc = signed_in("svc").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert "Registration has lapsed" in _reminder(svc, council.names["CPN"][3])
    assert signed_in("tm.cic").get(f"/teams/{council.teams['CPN'].pk}/").status_code == 403


def test_reminders_follow_the_as_at_date(council, signed_in):
    _situations(council)
    client = signed_in("tm")
    # in March the renewal window (from 1 September) is not open and CPD is not yet short
    march = client.get(f"/teams/{council.teams['CPN'].pk}/?as_at=2025-03-01").content.decode()
    section = march.split('id="reminders"')[1].split("Starters and leavers this year")[0]
    assert "Renew Social Work England" not in section and "CPD records" not in section
    assert re.search(r"Registration has lapsed", section)
