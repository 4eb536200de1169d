"""A spell of one child's case: with a social worker, or waiting unallocated."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thrive.codes.children import AgeBand, AllocationEnd, CaseType
from thrive.workforce.models import Authority, Team, Worker
from thrive.workforce.models.fields import Dated, end_not_before_start


class Allocation(Dated):
    """A child allocated to a worker (or waiting, with no worker) from ``start_date`` to
    ``end_date`` inclusive; no end date: still open.

    A child has one spell at a time: the next starts the day after the last ends, so a change of
    social worker is a spell with a worker following another with a different worker.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="allocations")
    child = models.CharField(
        max_length=40, help_text="The case system's pseudonymous child id (never a name)."
    )
    age_band = models.CharField(max_length=8, choices=AgeBand.choices(), blank=True)
    worker = models.ForeignKey(
        Worker,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="allocations",
        help_text="The allocated social worker; empty while the child waits unallocated.",
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    case_type = models.CharField(max_length=16, choices=CaseType.choices())
    complexity = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The council's complexity weight for the case (1 = usual), if it uses one.",
    )
    sibling_group = models.CharField(
        max_length=40, blank=True, help_text="Children sharing a sibling group id are siblings."
    )
    end_reason = models.CharField(max_length=16, choices=AllocationEnd.choices(), blank=True)

    class Meta:
        ordering = ["authority", "child", "start_date"]
        indexes = [
            models.Index(fields=["authority", "start_date"], name="allocation_start_idx"),
            models.Index(fields=["worker", "start_date"], name="allocation_worker_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "child", "start_date"], name="allocation_one_per_start"
            ),
            end_not_before_start("allocation_end_after_start"),
            models.CheckConstraint(
                condition=Q(end_reason="") | Q(end_date__isnull=False),
                name="allocation_reason_needs_end",
                violation_error_message="An end reason needs the end date.",
            ),
            models.CheckConstraint(
                condition=Q(complexity__isnull=True) | Q(complexity__gt=0),
                name="allocation_complexity_positive",
            ),
        ]

    @property
    def waiting(self) -> bool:
        return self.worker_id is None

    def __str__(self) -> str:
        who = self.worker or "no worker (waiting)"
        return f"child {self.child}: {who} from {self.start_date}"
