"""The council's structure: the authority, its services and teams, and who manages each team."""

from __future__ import annotations

from django.db import models

from thrive.codes import TeamKind
from thrive.workforce.models.fields import Dated, end_not_before_start


class Authority(models.Model):
    """A local authority (council) returning the children's social work workforce census."""

    la_number = models.CharField(
        "LA number", max_length=3, unique=True, help_text="The 3-digit local authority number."
    )
    name = models.CharField(max_length=120)
    region = models.CharField(max_length=60, blank=True, help_text="e.g. South West.")
    is_demo = models.BooleanField(default=False, help_text="Synthetic data made by `thrive demo`.")
    demo_seed = models.IntegerField(null=True, blank=True)
    demo_scale = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "authorities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(la_number__regex=r"^[0-9]{3}$"),
                name="authority_la_number_3_digits",
                violation_error_message="The LA number is three digits, e.g. 933.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.la_number})"


class Service(models.Model):
    """A group of teams under an operations manager, e.g. Safeguarding."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="service_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A social work team under a team manager."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=24, choices=TeamKind.choices())
    opened = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="team_name_unique"),
            end_not_before_start("team_closed_after_opened", start="opened", end="closed"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamManagerAssignment(Dated):
    """Who managed a team, from when to when (an acting manager counts)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="manager_assignments")
    manager = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="teams_managed"
    )

    class Meta:
        ordering = ["team", "start_date"]
        constraints = [end_not_before_start("team_manager_end_after_start")]

    def __str__(self) -> str:
        return f"{self.manager} manages {self.team} from {self.start_date}"
