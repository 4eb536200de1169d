"""The Workforce page's disability section: who has said whether they are disabled, and the
share who are, for the council and by grade; HR sees every grade, anyone else has a grade of
fewer than 5 people, and any share of 1 to 4 disabled people, withheld."""

from __future__ import annotations

import pytest

from thrive.frames import cache as frames_cache
from thrive.workforce.models import Worker

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    return html.split('id="disability"')[1].split("<h2")[0]


def _row(html: str, grade: str) -> str:
    return " ".join(r for r in _section(html).split("</tr>") if f">{grade}</th>" in r)


def _answers(council) -> None:  # type: ignore[no-untyped-def]
    """Every worker answered no, but six social workers and the ASYE answered yes, and one
    team manager prefers not to say."""
    workers = Worker.objects.filter(authority=council.authority)
    workers.update(disability="no")
    practitioners = [n for team in ("CPS", "CIC") for n in council.names[team][1:4]]
    workers.filter(name__in=practitioners).update(disability="yes")
    workers.filter(spells__grade="asye").update(disability="yes")
    workers.filter(name=council.names["CIC"][0]).update(disability="prefer_not_to_say")
    frames_cache.forget()


def test_hr_sees_every_grade(council, signed_in):
    _answers(council)
    html = signed_in("hr").get("/workforce/").content.decode()
    section = _section(html)
    assert "have said whether they are disabled" in section
    assert "100.0% (1 of 1)" in _row(html, "ASYE social worker")
    assert "100.0% (1)" in _row(html, "ASYE social worker")
    assert "66.7% (2 of 3)" in _row(html, "Team manager")
    assert "0.0% (0)" in _row(html, "Team manager")
    assert "How this is worked out" in section


def test_leadership_has_small_grades_and_counts_withheld(council, signed_in):
    _answers(council)
    html = signed_in("lead").get("/workforce/").content.decode()
    for grade in ("ASYE social worker", "Team manager"):  # 1 and 3 people
        row = _row(html, grade)
        assert row and "%" not in row and "not shown" in row, grade
    social_worker = _row(html, "Social worker")
    assert "%" in social_worker  # six disabled of those who answered: shown
    hr = signed_in("hr").get("/workforce/").content.decode()
    assert _row(hr, "Social worker") == social_worker
    # 21 of 22 answered: the one who did not would be given away, so the rate goes
    whole = _row(html, "All grades")
    assert "95.5% (21 of 22)" in _row(hr, "All grades") and "not shown" in whole
    assert "33.3% (7)" in whole and "33.3% (7)" in _row(hr, "All grades")
    assert "How many social workers have said whether they are disabled is not shown" in html


def test_nothing_recorded_says_so(council, signed_in):
    html = signed_in("lead").get("/workforce/").content.decode()
    assert "No social worker's answer on disability is recorded yet" in _section(html)
