"""Staff surveys: waves, the questions (items), and anonymous answers recorded by team.

Responses carry a team and grade but never a worker: staff surveys are anonymous, and pages
suppress any team with fewer than five responses.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thrive.codes.lifecycle import SurveyKind
from thrive.workforce.models import Authority, Team
from thrive.workforce.models.fields import end_not_before_start


class SurveyWave(models.Model):
    """One run of a survey, e.g. the all-staff survey of autumn 2018."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="survey_waves")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=16, choices=SurveyKind.choices())
    start_date = models.DateField(help_text="When the survey opened.")
    end_date = models.DateField(null=True, blank=True, help_text="When it closed.")

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="wave_name_unique"),
            end_not_before_start("wave_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.name


class SurveyItem(models.Model):
    """A question scored 1 (strongly disagree) to 5 (strongly agree), asked across waves."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="survey_items")
    code = models.SlugField(max_length=40, help_text="Stable id, e.g. supervision_quality.")
    text = models.CharField(max_length=240)
    lga_standard = models.PositiveSmallIntegerField(
        "LGA employer standard", null=True, blank=True, help_text="1-8, if the item tests one."
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="survey_item_code_unique")
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One anonymous response to a wave: the team and grade, and any free-text comment.

    ``respondent`` is the survey tool's own anonymous id for the response (never a worker id),
    so importing the tool's export again finds the same response.
    """

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(
        max_length=40, blank=True, help_text="The survey tool's anonymous id for the response."
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    grade = models.CharField(max_length=32, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["wave", "team"], name="response_wave_team_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "respondent"],
                condition=~Q(respondent=""),
                name="response_respondent_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.wave}"


class SurveyAnswer(models.Model):
    """One item's score in one response."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_one_per_item"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="answer_score_1_to_5",
                violation_error_message="A survey score runs from 1 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.score}"
