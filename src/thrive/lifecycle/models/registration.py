"""Social Work England registration and continuing professional development (CPD).

The registration year runs 1 December to 30 November; renewal is made from 1 September to
30 November for the year that follows, and a registered social worker records at least two pieces
of CPD in each registration year. ``registration_year`` is the calendar year in which the
registration year ends (the year to 30 November 2024 is 2024).
"""

from __future__ import annotations

from django.db import models

from thrive.codes.lifecycle import RegistrationEvent
from thrive.workforce.models import Worker


class RegistrationRecord(models.Model):
    """A registration event: first registered, renewed, lapsed or removed, for a year."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="registrations")
    registration_year = models.PositiveSmallIntegerField(
        help_text="The year the registration year ends (on 30 November)."
    )
    event = models.CharField(max_length=12, choices=RegistrationEvent.choices())
    date = models.DateField()

    class Meta:
        ordering = ["worker", "registration_year", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "registration_year", "event"], name="registration_event_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {RegistrationEvent(self.event).label} {self.registration_year}"


class CpdRecord(models.Model):
    """A piece of CPD the worker recorded with Social Work England."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="cpd_records")
    date = models.DateField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["worker", "date"]

    def __str__(self) -> str:
        return f"{self.worker}: {self.title}"
