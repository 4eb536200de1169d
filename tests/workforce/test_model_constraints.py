"""The database itself refuses impossible records, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

import factories
from thrive.codes import CareerGrade, ContractType, LeaverDestination, ReasonLeave
from thrive.workforce import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> tuple[models.Authority, models.Team]:
    la = factories.authority()
    return la, factories.team(la)


def refused(make) -> bool:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_spell_end_before_start_is_refused(org):
    la, team = org
    w = factories.worker(la)
    assert refused(lambda: factories.spell(w, team, date(2020, 5, 1), date(2020, 4, 30)))
    assert not refused(lambda: factories.spell(w, team, date(2020, 5, 1), date(2020, 5, 1)))


@pytest.mark.parametrize("fte", ["0", "-0.5", "1.000001", "1.7"])
def test_spell_fte_outside_0_to_1_is_refused(org, fte):
    la, team = org
    w = factories.worker(la)
    assert refused(lambda: factories.spell(w, team, date(2020, 1, 1), fte=fte))


@pytest.mark.parametrize("fte", ["0.000001", "0.5", "1"])
def test_spell_fte_inside_range_is_kept(org, fte):
    la, team = org
    w = factories.worker(la)
    assert not refused(lambda: factories.spell(w, team, date(2020, 1, 1), fte=fte))


def test_overlapping_spells_in_one_role_are_refused(org):
    la, team = org
    w = factories.worker(la)
    factories.spell(w, team, date(2019, 1, 1), date(2019, 12, 31))
    # Overlaps by one day, and an open-ended spell overlapping it.
    assert refused(lambda: factories.spell(w, team, date(2019, 12, 31), date(2020, 6, 30)))
    assert refused(lambda: factories.spell(w, team, date(2018, 1, 1)))
    # The next day is fine: a change of post, not an overlap.
    factories.spell(w, team, date(2020, 1, 1))
    # Nothing may start after an open-ended spell either.
    assert refused(lambda: factories.spell(w, team, date(2024, 1, 1), date(2024, 2, 1)))


def test_overlap_is_refused_on_update_too(org):
    la, team = org
    w = factories.worker(la)
    factories.spell(w, team, date(2019, 1, 1), date(2019, 12, 31))
    later = factories.spell(w, team, date(2020, 1, 1), date(2020, 12, 31))
    later.start_date = date(2019, 6, 1)
    assert refused(later.save)


def test_two_roles_at_once_are_allowed(org):
    """A worker may hold two posts in different census roles at once (both count in FTE)."""
    la, team = org
    w = factories.worker(la)
    factories.spell(w, team, date(2020, 1, 1), fte="0.5")
    assert not refused(
        lambda: factories.spell(
            w, team, date(2020, 1, 1), grade=CareerGrade.TEAM_MANAGER, fte="0.5"
        )
    )


def test_a_leaver_needs_end_date_reason_and_destination(org):
    la, team = org
    w = factories.worker(la)
    reason = int(ReasonLeave.RESIGNATION)
    where = int(LeaverDestination.OTHER_LA_ENGLAND)
    assert refused(
        lambda: factories.spell(
            w, team, date(2020, 1, 1), reason_leave=reason, leaver_destination=where
        )
    )
    assert refused(
        lambda: factories.spell(w, team, date(2020, 1, 1), date(2020, 3, 1), reason_leave=reason)
    )
    assert not refused(
        lambda: factories.spell(
            w,
            team,
            date(2020, 1, 1),
            date(2020, 3, 1),
            reason_leave=reason,
            leaver_destination=where,
        )
    )


def test_agency_workers_are_never_leavers(org):
    la, team = org
    w = factories.worker(la)
    assert refused(
        lambda: factories.spell(
            w,
            team,
            date(2020, 1, 1),
            date(2020, 3, 1),
            contract=ContractType.AGENCY,
            reason_leave=int(ReasonLeave.RESIGNATION),
            leaver_destination=int(LeaverDestination.AGENCY_ENGLAND),
        )
    )


def test_one_line_manager_at_a_time(org):
    la, _ = org
    report, first, second = (factories.worker(la) for _ in range(3))
    models.LineManagement.objects.create(manager=first, report=report, start_date=date(2020, 1, 1))
    assert refused(
        lambda: models.LineManagement.objects.create(
            manager=second, report=report, start_date=date(2021, 1, 1)
        )
    )
    assert refused(
        lambda: models.LineManagement.objects.create(
            manager=report, report=report, start_date=date(2019, 1, 1), end_date=date(2019, 2, 1)
        )
    )


def test_duplicate_swe_numbers_are_refused_but_blanks_are_not(org):
    la, _ = org
    factories.worker(la, swe_number="SW123456")
    assert refused(lambda: factories.worker(la, swe_number="SW123456"))
    factories.worker(la, swe_number=None)
    factories.worker(la, swe_number=None)


def test_other_dated_records_refuse_end_before_start(org):
    la, team = org
    w = factories.worker(la)
    assert refused(
        lambda: models.AbsenceEpisode.objects.create(
            worker=w,
            start_date=date(2020, 2, 2),
            end_date=date(2020, 2, 1),
            reason="SIC",
            working_days_lost=Decimal("1"),
        )
    )
    assert refused(
        lambda: models.AbsenceEpisode.objects.create(
            worker=w,
            start_date=date(2020, 2, 2),
            end_date=date(2020, 2, 3),
            reason="SIC",
            working_days_lost=Decimal("-1"),
        )
    )
    assert refused(
        lambda: models.EstablishmentPost.objects.create(
            team=team,
            reference="P1",
            grade="social_worker",
            funded_fte=Decimal("1.5"),
            start_date=date(2020, 1, 1),
        )
    )
    assert refused(lambda: models.Authority.objects.create(la_number="93", name="Too short"))
    assert refused(
        lambda: models.CaseloadSnapshot.objects.bulk_create(
            [
                models.CaseloadSnapshot(worker=w, date=date(2020, 9, 30), cases=3),
                models.CaseloadSnapshot(worker=w, date=date(2020, 9, 30), cases=4),
            ]
        )
    )


def test_model_clean_explains_an_overlap_in_plain_words(org):
    from django.core.exceptions import ValidationError

    la, team = org
    w = factories.worker(la)
    factories.spell(w, team, date(2019, 1, 1))
    clash = models.EmploymentSpell(
        worker=w,
        team=team,
        start_date=date(2020, 1, 1),
        grade="social_worker",
        org_role=5,
        contract_type="permanent",
        fte=Decimal("1"),
    )
    with pytest.raises(ValidationError, match="already has a spell in the same census role"):
        clash.full_clean()
