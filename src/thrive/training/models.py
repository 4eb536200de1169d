"""The training catalogue, completions and inductions.

Who must take a course is said by lists, one per rule, each naming the employment spell's
column it reads (:data:`WHO_MUST_TAKE`): a worker must take the course when, for every list that
is not empty, their spell's value is in it (an empty list says nothing; all empty: everyone).
The staff-group list reads as the others do: empty, every staff group (social workers and the
council's other staff alike) must take it.
"""

from __future__ import annotations

from django.db import models

WHO_MUST_TAKE = {
    "grades": "grade",
    "org_roles": "org_role",
    "contract_types": "contract_type",
    "staff_groups": "staff_group",
}
"""Course field -> the employment spell's column it is matched against."""


class Course(models.Model):
    """One course of the council's catalogue."""

    authority = models.ForeignKey(
        "workforce.Authority", on_delete=models.CASCADE, related_name="courses"
    )
    name = models.CharField(max_length=120)
    mandatory = models.BooleanField(default=True)
    renewal_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Taken again every this many months; empty: once."
    )
    grades = models.JSONField(
        default=list, blank=True, help_text="Local career grades who must take it (empty: any)."
    )
    org_roles = models.JSONField(
        default=list, blank=True, help_text="Census OrgRoles who must take it (empty: any)."
    )
    contract_types = models.JSONField(
        default=list,
        blank=True,
        help_text="Permanent, fixed-term or agency: who must take it (empty: any).",
    )
    staff_groups = models.JSONField(
        default=list,
        blank=True,
        help_text="Staff groups who must take it, e.g. social_worker (empty: every group).",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="course_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Completion(models.Model):
    """A worker completed a course on a day (it expires ``renewal_months`` later, if any)."""

    worker = models.ForeignKey(
        "workforce.Worker", on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    completed_date = models.DateField()

    class Meta:
        ordering = ["completed_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "course", "completed_date"], name="completion_once"
            ),
        ]


class Induction(models.Model):
    """A worker's induction for the time with the council that starts on ``start_date``
    (agency workers too); ``completed_date`` empty while it is not finished."""

    worker = models.ForeignKey(
        "workforce.Worker", on_delete=models.CASCADE, related_name="inductions"
    )
    start_date = models.DateField()
    completed_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "start_date"], name="induction_once"),
        ]
