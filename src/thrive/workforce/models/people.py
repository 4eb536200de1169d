"""The people: one record per worker, whatever posts they hold over time."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from thrive.codes import Ethnicity, QualLevel, Route, Sex
from thrive.codes.disability import Disability
from thrive.workforce.models.organisation import Authority

swe_number_validator = RegexValidator(
    r"^(SW[0-9]{1,8}|[0-9]{10})$",
    "A Social Work England number is SW followed by digits (e.g. SW123456), "
    "or the 10 digits some 2022 returns carried.",
)


class Worker(models.Model):
    """A social worker (employed or agency) known to the council.

    ``pseudonym`` is the identifier used in anything that leaves the system; ``name`` is shown
    only to the people who manage the worker.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="workers")
    pseudonym = models.CharField(max_length=16, help_text="Stable pseudonymous id, e.g. W000123.")
    name = models.CharField(max_length=120, blank=True)
    swe_number = models.CharField(
        "Social Work England number",
        max_length=12,
        null=True,
        blank=True,
        validators=[swe_number_validator],
    )
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices(), default=Sex.NOT_KNOWN.value)
    ethnicity = models.CharField(
        max_length=4, choices=Ethnicity.choices(), default=Ethnicity.NOBT.value
    )
    qualification_level = models.PositiveSmallIntegerField(
        choices=QualLevel.choices(), null=True, blank=True
    )
    qualified_on = models.DateField(null=True, blank=True, help_text="Date of qualification.")
    route = models.CharField(
        "route into social work", max_length=16, choices=Route.choices(), blank=True
    )
    disability = models.CharField(
        max_length=20,
        choices=Disability.choices(),
        default=Disability.NOT_KNOWN.value,
        help_text="Whether the worker declares a disability (not in the census return).",
    )

    class Meta:
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "pseudonym"], name="worker_pseudonym_unique"
            ),
            models.UniqueConstraint(
                fields=["authority", "swe_number"],
                condition=models.Q(swe_number__isnull=False),
                name="worker_swe_number_unique",
                violation_error_message="Another worker has this Social Work England number.",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.pseudonym
