"""Targets and red/amber/green status, from the defaults, an authority's TOML file and the admin.

Targets are data: ``default_targets.toml`` beside this module holds the strategies' figures; an
authority's own file (same layout) and the admin's ``MeasureTarget`` rows override them, in that
order, with :meth:`Targets.merged`.

>>> t = default_targets()
>>> t.status("average_caseload", 15.2), t.status("turnover_rate", 11.0)
('amber', 'green')
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from thrive.metrics.context import Options
from thrive.metrics.errors import TargetsFileError
from thrive.metrics.registry import measures

DEFAULTS_FILE = Path(__file__).with_name("default_targets.toml")
OPTION_NAMES = {
    "asye_recruited_since",
    "working_days_per_year",
    "caseload_lookback_days",
    "asye_caseload_cap",
    "suppress_below",
    "pay_on_cost_rate",
}


@dataclass(frozen=True)
class Target:
    """A measure's target and, optionally, how far off it still counts as amber."""

    value: float
    amber_within: float | None = None


@dataclass(frozen=True)
class Targets:
    """An authority's targets, RAG bands, options and local population profile."""

    targets: Mapping[str, Target] = field(default_factory=dict)
    population: Mapping[tuple[str, str], float] = field(default_factory=dict)
    options: Mapping[str, float | date] = field(default_factory=dict)
    amber_within_percent: float = 10.0

    def target(self, name: str, group: tuple[str, str] | None = None) -> float | None:
        """The target for a measure, or for a population group of a breakdown measure."""
        if group is not None:
            return self.population.get(group)
        found = self.targets.get(name)
        return None if found is None else found.value

    def status(self, name: str, value: float | None) -> str | None:
        """'green', 'amber' or 'red' for a measure's value; None without target or direction."""
        found = self.targets.get(name)
        direction = measures()[name].higher_is_better
        if found is None or value is None or direction is None:
            return None
        band = found.amber_within
        if band is None:
            band = abs(found.value) * self.amber_within_percent / 100
        short = (found.value - value) if direction else (value - found.value)
        if short <= 0:
            return "green"
        return "amber" if short <= band else "red"

    def merged(self, other: Targets) -> Targets:
        """These targets with ``other``'s entries on top."""
        return Targets(
            targets={**self.targets, **other.targets},
            population={**self.population, **other.population},
            options={**self.options, **other.options},
            amber_within_percent=other.amber_within_percent,
        )

    def apply_to(self, options: Options) -> Options:
        """``options`` with this file's settings and the thresholds some measures compare to."""
        updates: dict[str, Any] = dict(self.options)
        for key in ("working_days_per_year", "caseload_lookback_days", "suppress_below"):
            if key in updates:
                updates[key] = int(updates[key])
        caseload = self.target("average_caseload")
        if caseload is not None:
            updates["caseload_target"] = caseload
        span = self.target("span_of_control")
        if span is not None:
            updates["span_of_control_target"] = span
        return replace(options, **updates)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str) -> Targets:
        """Targets from parsed TOML, refusing unknown measures, options and malformed entries."""
        known = measures()
        targets: dict[str, Target] = {}
        for name, entry in dict(data.get("targets", {})).items():
            if name not in known:
                raise TargetsFileError(source, f"[targets] {name}: there is no such measure")
            targets[name] = _target(entry, f"[targets] {name}", source)
        population: dict[tuple[str, str], float] = {}
        breakdowns = {m.breakdown: m.groups for m in known.values() if m.breakdown and m.population}
        for breakdown, groups in dict(data.get("population", {})).items():
            if breakdown not in breakdowns:
                raise TargetsFileError(
                    source,
                    f"[population.{breakdown}]: choose one of {', '.join(sorted(breakdowns))}",
                )
            for group, share in dict(groups).items():
                if str(group) not in breakdowns[breakdown]:
                    raise TargetsFileError(
                        source,
                        f"[population.{breakdown}] {group}: choose one of "
                        + ", ".join(breakdowns[breakdown]),
                    )
                population[(breakdown, str(group))] = _number(
                    share, f"[population.{breakdown}] {group}", source
                )
        options: dict[str, float | date] = {}
        for name, value in dict(data.get("options", {})).items():
            if name not in OPTION_NAMES:
                raise TargetsFileError(source, f"[options] {name}: not an option")
            if name == "asye_recruited_since":
                if not isinstance(value, date) or isinstance(value, datetime):
                    raise TargetsFileError(source, f"[options] {name}: {value!r} is not a date")
                options[name] = value
            else:
                options[name] = _number(value, f"[options] {name}", source)
        rag = dict(data.get("rag", {}))
        percent = _number(rag.get("amber_within_percent", 10), "[rag]", source)
        return cls(targets, population, options, percent)

    @classmethod
    def from_toml(cls, path: Path) -> Targets:
        """Targets from a TOML file; :class:`TargetsFileError` names the file and entry."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise TargetsFileError(str(path), f"cannot be read ({error.strerror})") from error
        except tomllib.TOMLDecodeError as error:
            raise TargetsFileError(str(path), f"is not valid TOML ({error})") from error
        return cls.from_mapping(data, str(path))


def _number(value: Any, where: str, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TargetsFileError(source, f"{where}: {value!r} is not a number")
    return float(value)


def _target(entry: Any, where: str, source: str) -> Target:
    if isinstance(entry, dict):
        if "target" not in entry:
            raise TargetsFileError(source, f"{where}: needs a target")
        band = entry.get("amber_within")
        return Target(
            _number(entry["target"], where, source),
            None if band is None else _number(band, where, source),
        )
    return Target(_number(entry, where, source))


def default_targets() -> Targets:
    """The strategies' targets, from ``default_targets.toml``."""
    return Targets.from_toml(DEFAULTS_FILE)
