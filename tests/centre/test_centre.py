"""The centre: one authority, as at one date, seen by one person, for every surface."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

import small_council
from thrive.centre.centre import Centre
from thrive.codes import Role
from thrive.frames import cache as frames_cache
from thrive.frames.load import load
from thrive.summaries.periods import BadDateError
from thrive.workforce.models import MeasureTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def council() -> small_council.Council:
    return small_council.build()


def test_a_command_sees_the_whole_authority_as_at_its_last_record(council):
    centre = Centre.for_authority(council.authority)
    assert centre.scope.role is Role.HR_ADMIN
    assert centre.as_at == centre.latest == small_council.AS_AT
    assert centre.frames.spells.equals(load(council.authority).spells)
    assert centre.records().lifecycle is centre.lifecycle


def test_a_user_gets_their_own_scope_and_the_date_they_asked_for(council):
    centre = Centre.for_user(council.users["tm"], "2024-03-31")
    assert (centre.scope.role, centre.scope.team_id) == (Role.TEAM_MANAGER, council.teams["CPN"].pk)
    assert centre.authority == council.authority.name
    assert centre.as_at == date(2024, 3, 31)


def test_a_date_that_is_not_a_date_or_outside_the_records_is_refused_with_a_reason(council):
    with pytest.raises(BadDateError, match="is not a date"):
        Centre.for_user(council.users["hr"], "31/03/2024")
    with pytest.raises(BadDateError, match="outside the dates Thrive can show"):
        Centre.for_user(council.users["hr"], "9999-12-31")
    assert (
        Centre.for_user(council.users["hr"], "").as_at
        == Centre.for_user(council.users["hr"]).latest
    )


def test_no_one_signed_in_and_no_role_are_refused(council):
    with pytest.raises(PermissionDenied):
        Centre.for_user(AnonymousUser())
    with pytest.raises(PermissionDenied):
        Centre.for_user(User.objects.create_user("someone", password="x"))


def test_targets_come_from_the_admin_rows_and_move_with_the_store(council):
    before = Centre.for_authority(council.authority).targets().target("average_caseload")
    row = MeasureTarget.objects.create(
        authority=council.authority, measure="average_caseload", target=13
    )
    # As the admin's save does: its log entry moves the store version.
    LogEntry.objects.create(
        user=council.users["hr"],
        content_type=ContentType.objects.get_for_model(MeasureTarget),
        object_id=str(row.pk),
        object_repr=str(row),
        action_flag=ADDITION,
    )
    frames_cache.forget()  # the fingerprint is re-read at once, not after a couple of seconds
    after = Centre.for_authority(council.authority).targets().target("average_caseload")
    assert before != 13
    assert after == 13


def test_the_store_knows_the_registry_s_measures_without_importing_it():
    from thrive.metrics import measures
    from thrive.workforce.models.targets import measure_choices

    assert {name for name, _ in measure_choices()} == set(measures())
