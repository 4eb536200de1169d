"""The demo's logins: one per role, with fixed passwords that ``thrive demo`` prints.

The passwords are public by design (this is a demo store of synthetic people); Django hashes
them with Argon2 like any other. The team manager login is the worker who manages a child
protection team at the end of the history, so their pages show their own team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q

from thrive.codes import Role, TeamKind
from thrive.demo.dates import HISTORY_END
from thrive.demo.organisation import SAFEGUARDING
from thrive.workforce import models


class DemoLoginError(Exception):
    """A demo login's username is already taken by a user of a real authority."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    scope: str


LOGINS: tuple[tuple[str, str, Role], ...] = (
    ("hr.admin", "demo-hr-admin", Role.HR_ADMIN),
    ("leadership", "demo-leadership", Role.LEADERSHIP),
    ("service.manager", "demo-service-manager", Role.SERVICE_MANAGER),
    ("team.manager", "demo-team-manager", Role.TEAM_MANAGER),
)


def _team_and_manager(service: models.Service, on: date) -> tuple[models.Team, models.Worker]:
    """The service's first child protection team (by name) with a manager on ``on``."""
    current = (
        models.TeamManagerAssignment.objects.filter(
            team__service=service, team__kind=str(TeamKind.CHILD_PROTECTION), start_date__lte=on
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("team", "manager")
        .order_by("team__name")
    )
    assignment = current.first()
    if assignment is None:
        raise DemoLoginError(f"No child protection team in {service} has a manager on {on}.")
    return assignment.team, assignment.manager


def _safeguarding(authority: models.Authority) -> models.Service:
    """The (first area's) Safeguarding service."""
    found = models.Service.objects.filter(authority=authority, name__startswith=SAFEGUARDING)
    service = found.order_by("name").first()
    if service is None:
        raise DemoLoginError(f"{authority} has no {SAFEGUARDING} service.")
    return service


def _free_username(username: str, password: str) -> None:
    """Remove a leftover demo user of this name; refuse if it may be someone's real account.

    A leftover is a user with access to a demo authority, or with no access at all but still
    the demo's printed password (its demo authority was deleted some other way).
    """
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return
    access = models.UserAccess.objects.filter(user=user).select_related("authority").first()
    leftover = access.authority.is_demo if access is not None else user.check_password(password)
    if not leftover:
        where = f"a user of {access.authority}" if access is not None else "an existing user"
        raise DemoLoginError(
            f"The username {username!r} belongs to {where}; "
            "rename or delete that user before loading the demo."
        )
    user.delete()


def create_logins(authority: models.Authority) -> list[DemoLogin]:
    """Create the four demo logins for ``authority`` (replacing leftover demo users)."""
    user_model = get_user_model()
    service = _safeguarding(authority)
    team, manager = _team_and_manager(service, HISTORY_END)
    made = []
    for username, password, role in LOGINS:
        _free_username(username, password)
        admin = role is Role.HR_ADMIN
        user = user_model.objects.create_user(
            username=username, password=password, is_staff=admin, is_superuser=admin
        )
        access = models.UserAccess(user=user, authority=authority, role=str(role))
        scope = "whole council"
        if role is Role.SERVICE_MANAGER:
            access.service = service
            scope = f"service: {service.name}"
        elif role is Role.TEAM_MANAGER:
            access.team = team
            access.worker = manager
            scope = f"team: {team.name} (as {manager.name}, {manager.pseudonym})"
        access.save()
        made.append(DemoLogin(username, password, role, scope))
    return made


def existing_logins(authority: models.Authority) -> list[DemoLogin]:
    """The demo logins already in the store for ``authority``, in the usual order."""
    passwords = {username: password for username, password, _ in LOGINS}
    found = []
    for access in models.UserAccess.objects.filter(
        authority=authority, user__username__in=passwords
    ).select_related("user", "service", "team", "worker"):
        scope = "whole council"
        if access.service is not None:
            scope = f"service: {access.service.name}"
        if access.team is not None:
            who = f" (as {access.worker.name}, {access.worker.pseudonym})" if access.worker else ""
            scope = f"team: {access.team.name}{who}"
        found.append(
            DemoLogin(
                access.user.username, passwords[access.user.username], Role(access.role), scope
            )
        )
    order = list(passwords)
    return sorted(found, key=lambda login: order.index(login.username))
