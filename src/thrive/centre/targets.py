"""An authority's targets: Thrive's defaults, then its TOML file, then the rows set in the admin."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from thrive.metrics import Target, Targets, default_targets, measures
from thrive.workforce.models import Authority, MeasureTarget


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
