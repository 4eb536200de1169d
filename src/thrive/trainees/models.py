"""Social work students on placement, and apprentices and sponsored trainees.

Neither is a worker yet: each is known by the council's own reference for them. When one starts
with the council (a student offered a post, a trainee qualified and starting their ASYE) the
record may name the worker they became.
"""

from __future__ import annotations

from django.db import models

from thrive.codes.trainees import PlacementType, TraineeRoute, TraineeStatus


class StudentPlacement(models.Model):
    """One practice placement of a social work student with one of the council's teams."""

    authority = models.ForeignKey(
        "workforce.Authority", on_delete=models.CASCADE, related_name="student_placements"
    )
    student = models.CharField(max_length=40, help_text="The council's reference for them.")
    university = models.CharField(max_length=120)
    placement_type = models.CharField(max_length=16, choices=PlacementType.choices())
    team = models.ForeignKey(
        "workforce.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    offered_post = models.BooleanField(null=True, blank=True)
    took_post = models.BooleanField(null=True, blank=True)
    worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="student_placements",
        help_text="The worker they became, once they started with the council.",
    )

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "student", "start_date"], name="placement_once"
            ),
        ]


class Trainee(models.Model):
    """An apprentice or sponsored trainee on their way to qualifying as a social worker."""

    authority = models.ForeignKey(
        "workforce.Authority", on_delete=models.CASCADE, related_name="trainees"
    )
    trainee = models.CharField(max_length=40, help_text="The council's reference for them.")
    route = models.CharField(max_length=16, choices=TraineeRoute.choices())
    start_date = models.DateField()
    expected_qualification = models.DateField()
    status = models.CharField(max_length=16, choices=TraineeStatus.choices())
    status_date = models.DateField(
        null=True, blank=True, help_text="The day they qualified or withdrew."
    )
    worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainee_records",
        help_text="The worker they became when they started their ASYE with the council.",
    )

    class Meta:
        ordering = ["expected_qualification", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "trainee"], name="trainee_once"),
        ]
