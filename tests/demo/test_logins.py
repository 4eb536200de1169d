"""The demo logins: scoped to Safeguarding and a child protection team; never take a real name."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

import factories
from thrive.codes import Role, TeamKind
from thrive.demo.logins import DemoLoginError, create_logins
from thrive.workforce import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_demo() -> tuple[models.Authority, models.Team, models.Worker]:
    la = factories.authority()
    la.is_demo = True
    la.save()
    factories.team(la, "Assessment North", "First Response", TeamKind.ASSESSMENT)
    team = factories.team(la, "Child Protection South", "Safeguarding")
    old, current = factories.worker(la), factories.worker(la)
    models.TeamManagerAssignment.objects.create(
        team=team, manager=old, start_date=date(2015, 1, 1), end_date=date(2020, 3, 31)
    )
    models.TeamManagerAssignment.objects.create(
        team=team, manager=current, start_date=date(2020, 4, 1)
    )
    return la, team, current


def test_each_role_gets_a_login_with_its_scope(small_demo) -> None:  # type: ignore[no-untyped-def]
    la, team, manager = small_demo
    logins = create_logins(la)
    assert [login.role for login in logins] == list(Role)
    access = {a.user.username: a for a in models.UserAccess.objects.filter(authority=la)}
    assert access["service.manager"].service.name == "Safeguarding"
    assert access["team.manager"].team == team
    assert access["team.manager"].worker == manager
    assert access["hr.admin"].service is None and access["hr.admin"].team is None


def test_a_real_users_name_is_never_taken_over(small_demo) -> None:  # type: ignore[no-untyped-def]
    la, _, _ = small_demo
    get_user_model().objects.create_user(username="hr.admin", password="someone's own")
    with pytest.raises(DemoLoginError, match="hr.admin"):
        create_logins(la)
    assert get_user_model().objects.get(username="hr.admin").check_password("someone's own")


def test_a_leftover_demo_user_is_replaced(small_demo) -> None:  # type: ignore[no-untyped-def]
    la, _, _ = small_demo
    get_user_model().objects.create_user(username="leadership", password="demo-leadership")
    create_logins(la)
    assert get_user_model().objects.get(username="leadership").access.authority == la
