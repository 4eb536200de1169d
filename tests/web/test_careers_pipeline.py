"""The ASYE and careers page's "Coming through" section: students and trainees, by reference
for HR, in counts with small numbers withheld for leadership."""

from __future__ import annotations

import re
from datetime import date

import pytest

from thrive.trainees.models import StudentPlacement, Trainee

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    found = re.search(r'id="coming-through">(.*?)(?=<h2 |\Z)', html, re.S)
    assert found, "no Coming through section"
    return found.group(1)


def test_students_and_trainees_named_for_hr_and_counted_for_leadership(council, signed_in):
    authority = council.authority
    for i in range(6):  # six apprentices in training, two due within the year
        due = date(2026, 7, 31) if i < 2 else date(2027, 7, 31)
        Trainee.objects.create(
            authority=authority,
            trainee=f"TR-{i}",
            route="apprenticeship",
            start_date=date(2023, 9, 1),
            expected_qualification=due,
            status="in_training",
        )
    Trainee.objects.create(
        authority=authority,
        trainee="TR-GONE",
        route="step_up",
        start_date=date(2023, 9, 1),
        expected_qualification=date(2026, 7, 31),
        status="withdrew",
        status_date=date(2024, 2, 1),
    )
    for i in range(3):
        StudentPlacement.objects.create(
            authority=authority,
            student=f"ST-{i}",
            university="University of Leeds",
            placement_type="final",
            start_date=date(2025, 1, 6),
            end_date=date(2025, 5, 23),
        )
    hr = _section(signed_in("hr").get("/careers/").content.decode())
    assert "3 students had a placement here" in hr
    assert "6 trainees were in training, and 2 are due to qualify in the next 12 months" in hr
    assert "TR-0" in hr and "TR-1" in hr and "TR-2" not in hr and "TR-GONE" not in hr
    assert "July 2026" in hr
    lead = _section(signed_in("lead").get("/careers/").content.decode())
    assert "fewer than 5 students had a placement here" in lead
    assert "6 trainees were in training, and fewer than 5 are due" in lead
    assert "TR-0" not in lead and "Step Up to Social Work" not in lead  # no empty route
    assert re.search(r"Social work degree apprenticeship</th>\s*<td[^>]*>6</td>", lead)


def test_with_no_students_or_trainees_the_section_says_how_to_add_them(council, signed_in):
    html = _section(signed_in("hr").get("/careers/").content.decode())
    assert "No students on placement or trainees recorded" in html
