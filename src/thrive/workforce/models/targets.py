"""An authority's own targets for the measures of success, editable in the admin.

Each row overrides one measure's target (or, with a group, the local population's share of one
group for a representative-workforce measure). :func:`targets_for` combines, in order, Thrive's
defaults, the authority's TOML file (``THRIVE_DATA_DIR/targets/<LA number>.toml``) and these rows.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from thrive.metrics import Target, Targets, default_targets, measures
from thrive.workforce.models.organisation import Authority


def measure_choices() -> list[tuple[str, str]]:
    """Every measure in the registry, for the admin's drop-down."""
    return [(m.name, f"{m.label} ({m.name})") for m in measures().values()]


class MeasureTarget(models.Model):
    """One authority's target for one measure, with an optional amber band."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="targets")
    measure = models.CharField(max_length=64, choices=measure_choices)
    group = models.CharField(
        max_length=40,
        blank=True,
        help_text="Only for a representative-workforce measure: the group whose local "
        "population share this is, e.g. 'Asian' or 'Under 30'. Leave empty for a target.",
    )
    target = models.DecimalField(max_digits=12, decimal_places=2)
    amber_within = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Amber when the measure misses the target by no more than this (in the "
        "measure's unit). Empty: 10% of the target.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Where the target comes from.")

    class Meta:
        ordering = ["authority", "measure", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "measure", "group"], name="measure_target_unique"
            )
        ]

    def __str__(self) -> str:
        group = f" ({self.group})" if self.group else ""
        return f"{self.measure}{group}: {self.target}"

    def clean(self) -> None:
        super().clean()
        known = measures()
        if self.measure not in known:
            raise ValidationError({"measure": "There is no such measure."})
        measure = known[self.measure]
        if self.group and not (measure.breakdown and measure.population):
            raise ValidationError(
                {"group": "Only the workforce by ethnicity, sex and age band take a group."}
            )
        if self.group and self.group not in measure.groups:
            raise ValidationError(
                {"group": f"Choose one of the groups: {', '.join(measure.groups)}."}
            )


def targets_file(authority: Authority) -> Path:
    """Where the authority's targets TOML file lives (it need not exist)."""
    return Path(settings.DATA_DIR) / "targets" / f"{authority.la_number}.toml"


def targets_for(authority: Authority, file: Path | None = None) -> Targets:
    """Defaults, then the authority's TOML file (or ``file``), then its admin rows."""
    combined = default_targets()
    path = file if file is not None else targets_file(authority)
    if file is not None or path.exists():
        combined = combined.merged(Targets.from_toml(path))
    targets: dict[str, Target] = {}
    population: dict[tuple[str, str], float] = {}
    known = measures()
    for row in MeasureTarget.objects.filter(authority=authority):
        breakdown = known[row.measure].breakdown if row.measure in known else None
        if row.group and breakdown:
            population[(breakdown, row.group)] = float(row.target)
        elif row.measure in known:
            band = None if row.amber_within is None else float(row.amber_within)
            targets[row.measure] = Target(float(row.target), band)
    admin = Targets(targets, population, {}, combined.amber_within_percent)
    return combined.merged(admin)
