"""``thrive recruitment interviews``: the guaranteed-interview check from the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from factories import authority, team
from thrive.lifecycle.models import Candidate, Requisition, StageEvent

pytestmark = pytest.mark.django_db
OPENED = date(2024, 5, 1)


def _candidate(requisition: Requisition, ref: str, disability: str, met: bool | None,
               stages: tuple[str, ...]) -> None:  # fmt: skip
    candidate = Candidate.objects.create(requisition=requisition, reference=ref,
                                         source="job_board", disability=disability,
                                         met_minimum_criteria=met)  # fmt: skip
    for step, stage in enumerate(stages):
        StageEvent.objects.create(candidate=candidate, stage=stage,
                                  date=OPENED + timedelta(days=3 + 7 * step))  # fmt: skip


def _council() -> None:
    council = authority()
    requisition = Requisition.objects.create(
        authority=council, reference="V7", team=team(council, "Assessment North"),
        grade="senior_practitioner", start_date=OPENED,
    )  # fmt: skip
    _candidate(requisition, "K1", "yes", True, ("applied", "rejected"))
    _candidate(requisition, "K2", "yes", None, ("applied", "shortlisted"))
    _candidate(requisition, "K3", "yes", True, ("applied", "shortlisted", "interviewed"))
    _candidate(requisition, "K4", "no", True, ("applied", "rejected"))
    _candidate(requisition, "K5", "yes", True, ("applied", "withdrawn"))


def test_the_check_in_json() -> None:
    _council()
    out = StringIO()
    call_command("recruitment", "interviews", "--format", "json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["not_interviewed_count"] == 2
    listed = {(r["reference"], r["requisition"], r["team"], r["criteria"], r["status"])
              for r in payload["not_interviewed"]}  # fmt: skip
    assert listed == {
        ("K1", "V7", "Assessment North", "recorded", "Turned down without an interview"),
        ("K2", "V7", "Assessment North", "shortlisted", "No interview recorded"),
    }
    assert [r["reference"] for r in payload["withdrew_before_an_interview"]] == ["K5"]


def test_the_check_as_a_table() -> None:
    _council()
    out = StringIO()
    call_command("recruitment", "interviews", stdout=out)
    assert "not interviewed count: 2" in out.getvalue()
    assert "K1" in out.getvalue() and "K2" in out.getvalue() and "K3" not in out.getvalue()


def test_when_every_disabled_applicant_was_interviewed() -> None:
    council = authority()
    requisition = Requisition.objects.create(
        authority=council, reference="V8", team=team(council, "Assessment North"),
        grade="social_worker", start_date=OPENED,
    )  # fmt: skip
    _candidate(requisition, "K3", "yes", True, ("applied", "shortlisted", "interviewed"))
    out = StringIO()
    call_command("recruitment", "interviews", stdout=out)
    assert "not interviewed count: 0" in out.getvalue()
    assert "not interviewed: none" in out.getvalue()
