"""The lifecycle records: database constraints, and the loader that turns them into frames."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest
from django.db import IntegrityError, transaction

from factories import authority, spell, team, worker
from thrive.frames.lifecycle import INSIGHT_SCHEMAS
from thrive.frames.load_lifecycle import load
from thrive.lifecycle.models import (
    Candidate,
    CpdRecord,
    ExitInterview,
    RegistrationRecord,
    Requisition,
    StageEvent,
    StayConversation,
    SurveyAnswer,
    SurveyItem,
    SurveyResponse,
    SurveyWave,
)

pytestmark = pytest.mark.django_db


def _refused(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_constraints_refuse_impossible_records() -> None:
    council = authority()
    cpn = team(council)
    who = worker(council)
    _refused(
        lambda: ExitInterview.objects.create(
            worker=who,
            date=date(2024, 1, 1),
            method="interview",
            primary_reason="pay",
            secondary_reason="pay",
        )
    )
    wave = SurveyWave.objects.create(
        authority=council, name="2024", kind="all_staff", start_date=date(2024, 11, 1)
    )
    _refused(
        lambda: SurveyWave.objects.create(
            authority=council, name="2024", kind="pulse", start_date=date(2024, 12, 1)
        )
    )
    _refused(
        lambda: SurveyWave.objects.create(
            authority=council,
            name="bad",
            kind="pulse",
            start_date=date(2024, 12, 1),
            end_date=date(2024, 11, 1),
        )
    )
    item = SurveyItem.objects.create(authority=council, code="valued", text="I feel valued")
    response = SurveyResponse.objects.create(wave=wave, team=cpn)
    _refused(lambda: SurveyAnswer.objects.create(response=response, item=item, score=6))
    SurveyAnswer.objects.create(response=response, item=item, score=5)
    _refused(lambda: SurveyAnswer.objects.create(response=response, item=item, score=4))
    requisition = Requisition.objects.create(
        authority=council,
        reference="R1",
        team=cpn,
        grade="social_worker",
        start_date=date(2024, 1, 1),
    )
    _refused(
        lambda: Candidate.objects.create(
            requisition=requisition, reference="C1", source="referral", values_score=Decimal("5.5")
        )
    )
    candidate = Candidate.objects.create(requisition=requisition, reference="C1", source="referral")
    StageEvent.objects.create(candidate=candidate, stage="applied", date=date(2024, 1, 5))
    _refused(
        lambda: StageEvent.objects.create(
            candidate=candidate, stage="applied", date=date(2024, 1, 6)
        )
    )
    RegistrationRecord.objects.create(
        worker=who, registration_year=2024, event="renewed", date=date(2023, 10, 1)
    )
    _refused(
        lambda: RegistrationRecord.objects.create(
            worker=who, registration_year=2024, event="renewed", date=date(2023, 11, 1)
        )
    )


def test_the_loader_reads_every_kind_into_typed_frames() -> None:
    council, other = authority(), authority("998", "Elsewhere Council")
    cpn = team(council)
    who, manager = worker(council), worker(council)
    leaving = spell(
        who, cpn, date(2020, 1, 1), date(2024, 3, 31), reason_leave=1, leaver_destination=1
    )
    StayConversation.objects.create(
        worker=who,
        date=date(2024, 1, 10),
        held_by=manager,
        prompted_by="risk_list",
        main_concern="workload",
        outcome="undecided",
    )
    ExitInterview.objects.create(
        worker=who,
        leaving_spell=leaving,
        date=date(2024, 3, 20),
        method="questionnaire",
        primary_reason="workload",
        would_return=False,
        comments="Too many cases",
    )
    requisition = Requisition.objects.create(
        authority=council,
        reference="R1",
        team=cpn,
        grade="social_worker",
        start_date=date(2024, 1, 1),
        advert_cost=Decimal("450.50"),
    )
    Candidate.objects.create(
        requisition=requisition,
        reference="C1",
        source="referral",
        values_score=Decimal("4.5"),
        hired_worker=who,
    )
    CpdRecord.objects.create(worker=who, date=date(2024, 2, 1), title="Court skills")
    Requisition.objects.create(
        authority=other,
        reference="R9",
        team=team(other, "Other team"),
        grade="social_worker",
        start_date=date(2024, 1, 1),
    )
    frames = load(council)
    for name, schema in INSIGHT_SCHEMAS.items():
        assert dict(getattr(frames, name).schema) == schema, name
    assert frames.requisitions["reference"].to_list() == ["R1"]
    assert frames.requisitions["advert_cost"][0] == pytest.approx(450.5)
    assert frames.candidates["values_score"][0] == pytest.approx(4.5)
    assert frames.candidates["hired_worker_id"][0] == who.pk
    exits = frames.exits.row(0, named=True)
    assert exits["spell_id"] == leaving.pk and exits["would_return"] is False
    assert exits["would_recommend"] is None
    talk = frames.conversations.row(0, named=True)
    assert talk["held_by_id"] == manager.pk and talk["outcome"] == "undecided"
    assert frames.cpd.height == 1 and frames.survey_answers.is_empty()
    assert isinstance(frames.exits, pl.DataFrame)
