"""Exit interviews and questionnaires: why leavers say they left, and would they come back."""

from __future__ import annotations

from django.db import models

from thrive.codes.lifecycle import ExitMethod, LeavingReason
from thrive.workforce.models import EmploymentSpell, Worker


class ExitInterview(models.Model):
    """A leaver's exit interview or questionnaire: reason codes, two yes/no answers, comments."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="exit_interviews")
    leaving_spell = models.ForeignKey(
        EmploymentSpell,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exit_interviews",
        help_text="The spell that ended with the worker leaving.",
    )
    date = models.DateField()
    method = models.CharField(max_length=16, choices=ExitMethod.choices())
    primary_reason = models.CharField(max_length=24, choices=LeavingReason.choices())
    secondary_reason = models.CharField(max_length=24, choices=LeavingReason.choices(), blank=True)
    would_return = models.BooleanField(null=True, blank=True)
    would_recommend = models.BooleanField(
        "would recommend the council as an employer", null=True, blank=True
    )
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "worker"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(secondary_reason=models.F("primary_reason")),
                name="exit_reasons_differ",
                violation_error_message="The second reason repeats the main reason.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {ExitMethod(self.method).label} on {self.date}"
