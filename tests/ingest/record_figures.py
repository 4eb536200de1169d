"""What the export round trip compares: every stored record, and every figure Thrive shows.

- :func:`stored_records`: each store model's rows with ids replaced by what the ids point to
  (a worker's pseudonym, a team's name...), as a sorted list, so two stores can be compared
  whatever ids their databases handed out.
- :func:`figures`: every measure in the registry (as at several dates, for several collection
  years and month by month, whole authority and every slice the registry offers), and every
  retention, careers and recruitment result, flattened to ``path -> value`` for one authority.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models

from thrive.centre.centre import Centre
from thrive.metrics import DIMENSIONS, compute, trend
from thrive.retention.curves import COHORTS
from thrive.retention.errors import RetentionError
from thrive.retention.funnel import SLICES
from thrive.summaries import results

# Thrive's apps with models that are not an authority's records: published/ (label
# "benchmark") holds the Department's published figures for every council, shipped with Thrive.
NOT_AN_AUTHORITYS = {"benchmark"}
# What a reference to each model is written as: the values that name it, not its id.
NATURAL_KEYS = {
    "workforce.Authority": ("la_number",),
    "workforce.Service": ("name",),
    "workforce.Team": ("name",),
    "workforce.Worker": ("pseudonym",),
    "workforce.EstablishmentPost": ("team__name", "reference"),
    "workforce.EmploymentSpell": ("worker__pseudonym", "org_role", "start_date"),
    "insight.Requisition": ("reference",),
    "training.Course": ("name",),
    "insight.Candidate": ("requisition__reference", "reference"),
    "insight.SurveyWave": ("name",),
    "insight.SurveyItem": ("code",),
    "insight.SurveyResponse": ("wave__name", "team__name", "grade", "comments"),
    "auth.User": ("username",),
}
AS_AT = (date(2016, 9, 30), date(2019, 3, 31), date(2022, 9, 30), date(2025, 9, 30))
PERIODS = (2017, 2021, 2025)
TREND = (date(2024, 10, 1), date(2025, 9, 30))


def record_models() -> list[type[models.Model]]:
    """Every model of every Thrive store app (a new app's records are compared as it comes)."""
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("thrive.") and config.label not in NOT_AN_AUTHORITYS
        for model in config.get_models()
    ]


def columns(model: type[models.Model], leave_out: set[str]) -> list[str]:
    """The model's fields as ``values_list`` paths, references by their natural keys."""
    paths = []
    for field in model._meta.concrete_fields:
        if field.primary_key or f"{model._meta.label}.{field.name}" in leave_out:
            continue
        if field.is_relation:
            target = field.related_model._meta.label  # type: ignore[union-attr]
            paths += [f"{field.name}__{key}" for key in NATURAL_KEYS[target]]
        else:
            paths.append(field.name)
    return paths


def stored_records(leave_out: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every record model's rows (without the ``model.field`` names in ``leave_out``)."""
    return {
        m._meta.label: sorted(
            m._default_manager.values_list(*columns(m, leave_out)), key=lambda row: repr(row)
        )
        for m in record_models()
        if m._meta.label not in leave_out
    }


SIGNIFICANT = 12
"""Figures are compared to 12 significant digits: adding the same numbers in another order (the
order the store hands the rows out) changes only the last binary digit of a float."""


class Flattener:
    """Turns a result into ``path -> value``, naming workers by pseudonym (their ids are the
    store's own). Lists keep their order: the analysis sorts each on a full key (ties too), so
    the same records give the same order in any store."""

    def __init__(self, pseudonyms: dict[int, str]) -> None:
        self.pseudonyms = pseudonyms

    def plain(self, value: Any, key: str = "") -> Any:
        if is_dataclass(value) and not isinstance(value, type):
            value = asdict(value)
        if isinstance(value, dict):
            return {k: self.plain(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):  # in their order: a ranked list's order is a figure
            return [self.plain(v) for v in value]
        if isinstance(value, float):
            return float(f"{value:.{SIGNIFICANT}g}")
        if key.endswith("worker_id") and isinstance(value, int):
            return self.pseudonyms.get(value, value)
        return value

    def flatten(self, value: Any, path: str, into: dict[str, Any]) -> None:
        self._walk(self.plain(value), path, into)

    def _walk(self, value: Any, path: str, into: dict[str, Any]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                self._walk(inner, f"{path}.{key}", into)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                self._walk(inner, f"{path}[{index}]", into)
        else:
            into[path] = value


def _measures(centre: Centre, flat: Flattener, into: dict[str, Any]) -> None:
    frames, targets = centre.frames, centre.targets()
    runs: list[tuple[str, Any]] = []
    for by in (None, *DIMENSIONS):
        for day in AS_AT:
            runs.append(
                (f"as at {day} by {by}", compute(frames, day, by=by, targets=targets, hr=True))
            )
        for year in PERIODS:
            runs.append(
                (
                    f"year {year} by {by}",
                    compute(frames, period=year, by=by, targets=targets, hr=True),
                )
            )
    runs.append(("trend", trend(frames, *TREND, targets=targets, hr=True)))
    for run, found in runs:
        for result in found:
            where = ",".join(f"{k}={v}" for k, v in sorted((result.slice or {}).items()))
            key = f"measures {run}: {result.name} [{where or 'all'}] {result.as_at}"
            flat.flatten(result._asdict(), key, into)


def _result(name: str, build: Any, flat: Flattener, into: dict[str, Any]) -> None:
    try:
        found = build()
    except RetentionError as error:  # too little data: the same refusal both times
        into[name] = f"unavailable: {error}"
        return
    flat.flatten(found, name, into)


def figures(centre: Centre) -> dict[str, Any]:
    """Every figure, keyed by where it is shown (``measures ...``, ``careers.asye...``)."""
    into: dict[str, Any] = {}
    workers = centre.frames.workers
    flat = Flattener(dict(zip(workers["worker_id"], workers["pseudonym"], strict=True)))
    _measures(centre, flat, into)
    data = centre.records()
    for cohort in COHORTS:
        _result(f"curves by {cohort}", lambda c=cohort: results.retention_curves(
            data, by=c, named=True), flat, into)  # fmt: skip
    _result("risk", lambda: results.leaving_risk(data), flat, into)
    _result("at risk", lambda: results.people_at_risk(data, visible=None, top=50), flat, into)
    _result("exits", lambda: results.exits_summary(data, named=True), flat, into)
    for source in ("exits", "survey"):
        _result(
            f"themes {source}", lambda s=source: results.text_themes(data, source=s), flat, into
        )
    _result("survey", lambda: results.survey_summary(data), flat, into)
    _result("careers", lambda: results.careers_summary(data), flat, into)
    _result("registration", lambda: results.registration_summary(data), flat, into)
    for by in SLICES:
        _result(
            f"recruitment by {by}", lambda b=by: results.recruitment_summary(data, by=b), flat, into
        )
    return into
