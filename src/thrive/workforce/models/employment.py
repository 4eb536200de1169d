"""Employment over time: establishment posts, employment spells and line management.

A spell is one continuous period in one role, team, grade, contract and FTE. Any change ends the
spell and starts the next the following day; only a spell whose ``reason_leave`` is set marks a
leaver (someone leaving the council), so a move inside the council is never a leaver. Agency
workers have spells too, with ``contract_type = agency``; they are never leavers. A spell's
``staff_group`` says whether it is social work (the default: the census's population) or one of
the council's other staff groups (family support workers, early help officers ...), which never
enter the census return or the Department's measures.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from thrive.codes import (
    CareerGrade,
    ContractType,
    LeaverDestination,
    OrgRole,
    ReasonLeave,
    StartOrigin,
)
from thrive.codes.staff import SOCIAL_WORKER, StaffGroup
from thrive.workforce.models.fields import Dated, end_not_before_start, fte_field, fte_in_range
from thrive.workforce.models.organisation import Team
from thrive.workforce.models.people import Worker


class EstablishmentPost(Dated):
    """A funded post in a team's establishment. Unfilled funded FTE is a vacancy."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="posts")
    reference = models.CharField(max_length=24, help_text="The council's post number.")
    grade = models.CharField(max_length=32, choices=CareerGrade.choices())
    funded_fte = fte_field("Funded FTE of the post (0-1).", "funded FTE")

    class Meta:
        ordering = ["team", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["team", "reference"], name="post_reference_unique"),
            end_not_before_start("post_end_after_start"),
            fte_in_range("post_funded_fte_range", field="funded_fte"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({CareerGrade(self.grade).label}, {self.team})"


class EmploymentSpell(Dated):
    """One continuous period of a worker in one role, team, grade, contract type and FTE."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="spells")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="spells")
    post = models.ForeignKey(
        EstablishmentPost,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spells",
        help_text="The establishment post occupied, if any.",
    )
    contract_type = models.CharField(max_length=16, choices=ContractType.choices())
    grade = models.CharField("career grade", max_length=32, choices=CareerGrade.choices())
    org_role = models.PositiveSmallIntegerField("census OrgRole", choices=OrgRole.choices())
    fte = fte_field()
    start_origin = models.PositiveSmallIntegerField(
        choices=StartOrigin.choices(),
        null=True,
        blank=True,
        help_text="Where the worker came from (on the spell that starts their time here).",
    )
    reason_leave = models.PositiveSmallIntegerField(
        "reason for leaving",
        choices=ReasonLeave.choices(),
        null=True,
        blank=True,
        help_text="Set only on the spell that ends with the worker leaving the council.",
    )
    leaver_destination = models.PositiveSmallIntegerField(
        choices=LeaverDestination.choices(), null=True, blank=True
    )
    day_rate = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Agency day rate in pounds, where recorded.",
    )
    staff_group = models.CharField(
        max_length=24,
        choices=StaffGroup.choices(),
        default=SOCIAL_WORKER,
        help_text="Social workers (the census's population) or another staff group.",
    )

    class Meta:
        ordering = ["worker", "start_date"]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="spell_dates_idx"),
            models.Index(fields=["worker", "org_role"], name="spell_worker_role_idx"),
        ]
        constraints = [
            end_not_before_start("spell_end_after_start"),
            fte_in_range("spell_fte_range"),
            models.CheckConstraint(
                condition=Q(reason_leave__isnull=True) | Q(end_date__isnull=False),
                name="spell_leaver_has_end_date",
                violation_error_message="A leaving reason needs an end date.",
            ),
            models.CheckConstraint(
                condition=Q(reason_leave__isnull=True, leaver_destination__isnull=True)
                | Q(reason_leave__isnull=False, leaver_destination__isnull=False),
                name="spell_leaver_reason_and_destination",
                violation_error_message="A leaver needs a reason for leaving and a destination.",
            ),
            models.CheckConstraint(
                condition=~Q(contract_type=ContractType.AGENCY.value)
                | Q(reason_leave__isnull=True),
                name="spell_agency_not_leaver",
                violation_error_message="Agency workers are not leavers: leave the reason empty.",
            ),
        ]

    def __str__(self) -> str:
        end = self.end_date or "now"
        return f"{self.worker} {CareerGrade(self.grade).label} {self.start_date} to {end}"

    @property
    def is_agency(self) -> bool:
        return self.contract_type == ContractType.AGENCY.value

    def clean(self) -> None:
        """Catch an overlapping spell before the database does, with a readable message."""
        super().clean()
        if self.worker_id is None or self.start_date is None:
            return
        overlapping = EmploymentSpell.objects.filter(
            worker_id=self.worker_id, org_role=self.org_role
        ).exclude(pk=self.pk)
        overlapping = overlapping.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
        )
        if self.end_date is not None:
            overlapping = overlapping.filter(start_date__lte=self.end_date)
        if overlapping.exists():
            raise ValidationError(
                "This worker already has a spell in the same census role over these dates."
            )


class LineManagement(Dated):
    """Who a worker reports to, from when to when. One line manager at a time."""

    manager = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="reports_managed")
    report = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="line_managers")

    class Meta:
        ordering = ["manager", "start_date"]
        indexes = [models.Index(fields=["report", "start_date"], name="line_report_idx")]
        constraints = [
            end_not_before_start("line_end_after_start"),
            models.CheckConstraint(
                condition=~Q(manager=models.F("report")),
                name="line_not_self_managed",
                violation_error_message="A worker cannot be their own line manager.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} reports to {self.manager} from {self.start_date}"
