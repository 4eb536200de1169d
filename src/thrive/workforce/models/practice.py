"""What the work looks like: caseloads, supervision, appraisal and absence."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thrive.codes import ReasonAbsence, SupervisionKind
from thrive.workforce.models.fields import end_not_before_start
from thrive.workforce.models.people import Worker


class CaseloadSnapshot(models.Model):
    """The cases a worker held on a date (the census counts them at 30 September)."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="caseloads")
    date = models.DateField()
    cases = models.PositiveIntegerField(
        help_text="Cases held (the Department counts one per child)."
    )
    children = models.PositiveIntegerField(null=True, blank=True)
    weighted_points = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Workload points, where the council weights cases "
        "(100 = a full-time worker's capacity).",
    )

    class Meta:
        ordering = ["date", "worker"]
        indexes = [models.Index(fields=["date"], name="caseload_date_idx")]
        constraints = [
            models.UniqueConstraint(fields=["worker", "date"], name="caseload_one_per_day"),
            models.CheckConstraint(
                condition=Q(weighted_points__isnull=True) | Q(weighted_points__gte=0),
                name="caseload_points_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {self.cases} cases on {self.date}"


class Supervision(models.Model):
    """A supervision session a worker received."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="supervisions")
    date = models.DateField()
    kind = models.CharField(max_length=16, choices=SupervisionKind.choices())
    supervisor = models.ForeignKey(
        Worker, on_delete=models.SET_NULL, null=True, blank=True, related_name="supervisions_given"
    )

    class Meta:
        ordering = ["date", "worker"]
        indexes = [models.Index(fields=["worker", "date"], name="supervision_worker_date_idx")]

    def __str__(self) -> str:
        return f"{self.worker}: {SupervisionKind(self.kind).label} supervision on {self.date}"


class Appraisal(models.Model):
    """A worker's appraisal for one cycle: when it was due and when (if) it was completed."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="appraisals")
    cycle = models.CharField(max_length=9, help_text="The appraisal year, e.g. 2017/18.")
    due_date = models.DateField()
    completed_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["cycle", "worker"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "cycle"], name="appraisal_one_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: appraisal {self.cycle}"


class AbsenceEpisode(models.Model):
    """A period of absence and the working days it lost."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="absences")
    start_date = models.DateField()
    end_date = models.DateField()
    reason = models.CharField(max_length=3, choices=ReasonAbsence.choices())
    working_days_lost = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["start_date", "worker"]
        constraints = [
            end_not_before_start("absence_end_after_start"),
            models.CheckConstraint(
                condition=Q(working_days_lost__gte=0),
                name="absence_days_not_negative",
                violation_error_message="Working days lost cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {ReasonAbsence(self.reason).label} from {self.start_date}"
