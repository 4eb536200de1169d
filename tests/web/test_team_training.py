"""The Team page's mandatory training: each worker's overdue and soon-due courses for the team's
managers and HR; counts only, small ones withheld, for leadership; nothing without a catalogue."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from thrive.codes import StartOrigin
from thrive.frames import cache as frames_cache
from thrive.training.models import Completion, Course
from thrive.workforce.models import Worker

pytestmark = pytest.mark.django_db
ASYE = "Hal Cpn07q"
LOCUM = "Jo Cpn09q"


def _section(html: str) -> str:
    return html.split('id="training"')[1].split("Starters and leavers this year")[0]


def _row(html: str, name: str) -> str:
    return " ".join(r for r in _section(html).split("</tr>") if name in r)


def _catalogue(council) -> None:
    """Safeguarding every 12 months for everyone: CPN's practitioners 1 overdue (done
    20 September 2024), 2 due on 10 November 2025; the agency worker (started 6 January 2025)
    and the ASYE (started 1 August 2025) never did it; everyone else did in January 2025."""
    course = Course.objects.create(
        authority=council.authority, name="Safeguarding refresher", renewal_months=12
    )
    Course.objects.create(
        authority=council.authority, name="Systemic practice", mandatory=False
    )  # not mandatory: never due
    names = council.names["CPN"]
    when = {names[1]: date(2024, 9, 20), names[2]: date(2024, 11, 10)}
    for worker in Worker.objects.filter(authority=council.authority):
        if worker.name in (ASYE, LOCUM):
            continue
        day = when.get(worker.name, date(2025, 1, 15))
        Completion.objects.create(worker=worker, course=course, completed_date=day)


def test_the_team_manager_sees_who_is_overdue_and_due_soon(council, signed_in):
    _catalogue(council)
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    names = council.names["CPN"]
    assert "20 Sep 2025" in _row(html, names[1]) and "Overdue" in _row(html, names[1])
    assert "10 Nov 2025" in _row(html, names[2]) and "Overdue" not in _row(html, names[2])
    locum = _row(html, LOCUM)
    assert "Never completed" in locum and "6 Apr 2025" in locum and "Overdue" in locum
    assert "30 Oct 2025" in _row(html, ASYE) and "Overdue" not in _row(html, ASYE)
    assert _row(html, names[3]) == ""  # done in January: due next January
    assert "Systemic practice" not in _section(html)
    assert "2 workers have mandatory training overdue, and 2 have some due" in _section(html)
    assert "How this is worked out" in _section(html)


def test_leadership_sees_counts_only_with_small_ones_withheld(council, signed_in):
    _catalogue(council)
    html = signed_in("lead").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    section = _section(html)
    assert "fewer than 5 workers have mandatory training overdue" in section
    assert "% of the mandatory courses" not in section  # 4 behind: withheld
    for name in [*council.names["CPN"][1:], ASYE, LOCUM]:
        assert name not in section


def test_no_catalogue_no_training_section(council, signed_in):
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert 'id="training"' not in html and "Mandatory training" not in html


def test_the_as_at_date_moves_what_is_due(council, signed_in):
    _catalogue(council)
    client = signed_in("tm")
    august = client.get(f"/teams/{council.teams['CPN'].pk}/?as_at=2025-08-01").content.decode()
    names = council.names["CPN"]
    assert "20 Sep 2025" in _row(august, names[1]) and "Overdue" not in _row(august, names[1])
    assert _row(august, names[2]) == ""  # due in November: more than 60 days off
    assert ASYE not in _section(august)  # started that day: due at the end of October


def test_the_teams_other_staff_are_listed_with_its_social_workers(council, signed_in):
    """A family support worker in the team must take the course every staff group takes, not
    the one for social workers only; the team manager sees them named, leadership counted."""
    _catalogue(council)
    Course.objects.create(
        authority=council.authority, name="Signs of Safety", staff_groups=["social_worker"]
    )
    fsw = factories.worker(council.authority, name="Fsw Personq", swe_number=None)
    factories.spell(
        fsw, council.teams["CPN"], date(2020, 1, 6), staff_group="family_support",
        start_origin=int(StartOrigin.OTHER_SOCIAL_CARE),
    )  # fmt: skip
    frames_cache.forget()
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    row = _row(html, "Fsw Personq")
    assert "Safeguarding refresher" in row and "Never completed" in row and "Overdue" in row
    assert "Signs of Safety" not in row
    lead = signed_in("lead").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert "Fsw Personq" not in _section(lead)
