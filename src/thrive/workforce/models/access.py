"""Who may see what: each Thrive login has a role and, for managers, the part they manage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from thrive.codes import Role
from thrive.workforce.models.organisation import Authority, Service, Team
from thrive.workforce.models.people import Worker


class UserAccess(models.Model):
    """A user's role in one authority and, for service and team managers, their scope."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access"
    )
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="user_access")
    role = models.CharField(max_length=16, choices=Role.choices())
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    worker = models.ForeignKey(
        Worker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="The user's own worker record, if they are on the workforce.",
    )

    class Meta:
        verbose_name = "user access"
        verbose_name_plural = "user access"
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.SERVICE_MANAGER.value) | Q(service__isnull=False),
                name="access_service_manager_has_service",
                violation_error_message="A service manager's access needs their service.",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.TEAM_MANAGER.value) | Q(team__isnull=False),
                name="access_team_manager_has_team",
                violation_error_message="A team manager's access needs their team.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {Role(self.role).label}"
