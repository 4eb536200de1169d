"""The recruitment pipeline: Try Before You Apply visits, requisitions (vacancies being filled),
candidates, stage events.

A requisition is the council's decision to fill a vacancy, usually against an establishment
post. Each candidate has a source (microsite, fair, Try Before You Apply...), the values-based
interview score, whether young people sat on the panel, and, for a declined offer, why. Stage
events record when each candidate reached each stage, so time to hire and conversion between
stages can be measured by source. A Try Before You Apply visit comes before all of these: someone
thinking of applying spends time with a team; when they later apply, the visit names their
candidate record, so the funnel can start at the visit.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thrive.codes import CareerGrade, Route
from thrive.codes.disability import Disability
from thrive.codes.lifecycle import CandidateSource, DeclineReason, Stage, VisitorStage
from thrive.workforce.models import Authority, EstablishmentPost, Team, Worker
from thrive.workforce.models.fields import end_not_before_start


class Requisition(models.Model):
    """A vacancy being recruited to: opened on a date, closed when filled or abandoned."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="requisitions")
    reference = models.CharField(max_length=32, help_text="The applicant-tracking reference.")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="requisitions")
    post = models.ForeignKey(
        EstablishmentPost,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requisitions",
    )
    grade = models.CharField(max_length=32, choices=CareerGrade.choices())
    start_date = models.DateField(help_text="When the vacancy was opened.")
    end_date = models.DateField(null=True, blank=True, help_text="When it was closed.")
    advert_cost = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, help_text="Advertising, pounds."
    )

    class Meta:
        ordering = ["start_date", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "reference"], name="requisition_reference_unique"
            ),
            end_not_before_start("requisition_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.team})"


class Candidate(models.Model):
    """Someone who applied to a requisition. ``reference`` is the tracking system's id."""

    requisition = models.ForeignKey(
        Requisition, on_delete=models.CASCADE, related_name="candidates"
    )
    reference = models.CharField(max_length=32)
    source = models.CharField(max_length=24, choices=CandidateSource.choices())
    route = models.CharField(max_length=16, choices=Route.choices(), blank=True)
    values_score = models.DecimalField(
        "values-based interview score",
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="0-5.",
    )
    young_people_on_panel = models.BooleanField(null=True, blank=True)
    decline_reason = models.CharField(max_length=16, choices=DeclineReason.choices(), blank=True)
    cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Costs for this candidate (fees, relocation, fair or visit costs), pounds.",
    )
    hired_worker = models.ForeignKey(
        Worker, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    disability = models.CharField(
        max_length=20,
        choices=Disability.choices(),
        default=Disability.NOT_KNOWN.value,
        help_text="Whether the candidate declared a disability on their application.",
    )
    met_minimum_criteria = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether shortlisting found the candidate met the job's minimum criteria "
        "(empty: not recorded). A disabled candidate who did is guaranteed an interview.",
    )

    class Meta:
        ordering = ["requisition", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["requisition", "reference"], name="candidate_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(values_score__isnull=True)
                | (Q(values_score__gte=0) & Q(values_score__lte=5)),
                name="candidate_values_score_0_to_5",
                violation_error_message="A values-based interview score runs from 0 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} for {self.requisition.reference}"


class StageEvent(models.Model):
    """The day a candidate reached a stage of the pipeline."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=12, choices=Stage.choices())
    date = models.DateField()

    class Meta:
        ordering = ["candidate", "date"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "stage"], name="stage_once_per_candidate")
        ]

    def __str__(self) -> str:
        return f"{self.candidate.reference}: {Stage(self.stage).label} on {self.date}"


class Visit(models.Model):
    """A Try Before You Apply visit: someone thinking of applying spent time with the service.

    ``candidate`` is their application when they later applied (the booking record names the
    tracking system's reference; Thrive holds no visitor's or candidate's name or email).
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="visits")
    reference = models.CharField(max_length=32, help_text="The visit's booking reference.")
    date = models.DateField(help_text="The day of the visit.")
    career_stage = models.CharField(max_length=16, choices=VisitorStage.choices())
    source = models.CharField(
        max_length=24,
        choices=CandidateSource.choices(),
        blank=True,
        help_text="How the visitor heard of the visits (the candidates' source codes).",
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )

    class Meta:
        ordering = ["date", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "reference"], name="visit_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Visit {self.reference} on {self.date}"
