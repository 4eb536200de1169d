"""Careers: the ASYE programme and development schemes such as aspirant managers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thrive.codes import AsyeOutcome, DevelopmentScheme
from thrive.workforce.models.fields import Dated, end_not_before_start
from thrive.workforce.models.people import Worker


class AsyeProgramme(models.Model):
    """A newly qualified social worker's Assessed and Supported Year in Employment."""

    worker = models.OneToOneField(Worker, on_delete=models.CASCADE, related_name="asye")
    cohort = models.CharField(max_length=32, help_text="e.g. 2016 September.")
    start_date = models.DateField()
    review_3_months = models.DateField("3-month review", null=True, blank=True)
    review_6_months = models.DateField("6-month review", null=True, blank=True)
    review_12_months = models.DateField("12-month review", null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=AsyeOutcome.choices(), blank=True)
    outcome_date = models.DateField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True, help_text="New end date if extended.")

    class Meta:
        verbose_name = "ASYE programme record"
        ordering = ["start_date", "worker"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_date__isnull=False),
                name="asye_outcome_has_date",
                violation_error_message="An ASYE outcome needs its date.",
            ),
            models.CheckConstraint(
                condition=Q(outcome_date__isnull=True)
                | Q(outcome_date__gte=models.F("start_date")),
                name="asye_outcome_after_start",
                violation_error_message="The ASYE outcome date is before the programme started.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: ASYE {self.cohort}"


class SchemeMembership(Dated):
    """Membership of a development scheme, e.g. the aspirant manager scheme."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="schemes")
    scheme = models.CharField(max_length=24, choices=DevelopmentScheme.choices())

    class Meta:
        ordering = ["scheme", "start_date"]
        constraints = [end_not_before_start("scheme_end_after_start")]

    def __str__(self) -> str:
        return f"{self.worker}: {DevelopmentScheme(self.scheme).label}"
