"""Loading a staff survey export: one row per respondent per item, anonymous.

The rows of one respondent in one wave make one response (its team, grade and free text); each
row is that response's answer to one item. Waves and items new to Thrive are added (a new wave
needs its kind and start date, a new item its text); known ones are updated only where the file
says something different. Responses are found again by the survey tool's respondent id, answers
by response and item, so the same export imported twice changes nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from thrive.ingest.cells import shown
from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.ingest.lookups import TeamIndex
from thrive.ingest.rows import Row
from thrive.lifecycle.models import SurveyAnswer, SurveyItem, SurveyResponse, SurveyWave
from thrive.problems import Problem
from thrive.workforce.models import Authority

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
# Per part of the survey: the row fields that describe it -> the record's columns.
WAVE = {"wave_kind": "kind", "wave_start": "start_date", "wave_end": "end_date"}
ITEM = {"item_text": "text", "lga_standard": "lga_standard"}
RESPONSE = {"team": "team_id", "grade": "grade", "comments": "comments"}
NEEDED = {"wave": ("wave_kind", "wave_start"), "item": ("item_text",)}


def _problem(file: str, row: Row, name: str, value: object, expected: str) -> None:
    row.problems.append(Problem(file, f"row {row.number}", name, str(value), expected))


def _described(row: Row, fields: dict[str, str]) -> dict[str, Any]:
    """The columns a row gives a value for (blank cells say nothing)."""
    return {column: row.values[name] for name, column in fields.items() if name in row.values}


def plan_survey(rows: Sequence[Row], authority: Authority, teams: TeamIndex, file: str) -> None:
    """Resolve teams and check that every row of a wave, item or respondent agrees."""
    known = {
        "wave": set(SurveyWave.objects.filter(authority=authority).values_list("name", flat=True)),
        "item": set(SurveyItem.objects.filter(authority=authority).values_list("code", flat=True)),
    }
    first: dict[tuple[str, object, str], tuple[object, int, str]] = {}
    described: dict[tuple[str, object], set[str]] = defaultdict(set)
    first_row: dict[tuple[str, object], Row] = {}
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        if not SLUG.match(str(v["item"])):
            _problem(file, row, "item", v["item"], "a code of letters, digits, _ or -")
            continue
        if v.get("team"):
            team, why = teams.find(str(v["team"]))
            if team is None:
                _problem(file, row, "team", v["team"], why)
                continue
            v["_team_id"] = team.pk
        parts = (
            ("wave", v["wave"], WAVE),
            ("item", v["item"], ITEM),
            ("respondent", (v["wave"], v["respondent"]), RESPONSE),
        )
        for part, key, fields in parts:
            first_row.setdefault((part, key), row)
            for name in fields:
                if name not in v:
                    continue
                described[(part, key)].add(name)
                value = v.get("_team_id") if name == "team" else v[name]
                said = shown(row.raw.get(name))
                seen = first.setdefault((part, key, name), (value, row.number, said))
                if seen[0] != value:
                    whose = (
                        f"respondent {key[1]!r}" if isinstance(key, tuple) else f"{part} {key!r}"
                    )
                    _problem(file, row, name, said,
                             f"the same {name} on every row of {whose}: row {seen[1]} gives "
                             f"{seen[2]!r}")  # fmt: skip
                    break
    for (part, key), row in first_row.items():
        if part in NEEDED and key not in known[part]:
            for name in NEEDED[part]:
                if name not in described[(part, key)]:
                    _problem(
                        file,
                        row,
                        name,
                        "",
                        f"a value: {part} {key!r} is new to Thrive, so it needs its {name}",
                    )
                    break


def _ok_rows(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if r.ok]


def _values_of(rows: list[Row], key: Any, fields: dict[str, str]) -> dict[Any, dict[str, Any]]:
    """Each part's columns as the file gives them (every row agrees, checked in the plan)."""
    values: dict[Any, dict[str, Any]] = defaultdict(dict)
    for row in rows:
        described = _described(row, fields)
        if "team_id" in described:
            described["team_id"] = row.values["_team_id"]
        values[key(row)].update(described)
    return values


def _upsert(model: Any, stored: dict[Any, Any], given: dict[Any, dict[str, Any]],
            make: Any, log: ChangeLog) -> set[Any]:  # fmt: skip
    """Add or update each part in ``stored`` (in place); the keys of those updated."""
    updated = set()
    for key, values in given.items():
        record = stored.get(key)
        if record is None:
            stored[key] = model.objects.create(**make(key), **values)
            log.added([stored[key]])
        elif save_changes(record, values, log):
            updated.add(key)
    return updated


def load_survey(rows: Sequence[Row], authority: Authority, log: ChangeLog) -> Counts:
    """Write the waves, items, responses and answers of the checked rows."""
    good = _ok_rows(rows)
    waves = {w.name: w for w in SurveyWave.objects.filter(authority=authority)}
    given = _values_of(good, lambda r: r.values["wave"], WAVE)
    _upsert(SurveyWave, waves, given, lambda name: {"authority": authority, "name": name}, log)
    items = {i.code: i for i in SurveyItem.objects.filter(authority=authority)}
    given = _values_of(good, lambda r: r.values["item"], ITEM)
    _upsert(SurveyItem, items, given, lambda code: {"authority": authority, "code": code}, log)
    wave_ids = sorted({waves[r.values["wave"]].pk for r in good})
    stored = {
        (r.wave_id, r.respondent): r
        for r in SurveyResponse.objects.filter(wave_id__in=wave_ids).exclude(respondent="")
    }
    given = _values_of(
        good, lambda r: (waves[r.values["wave"]].pk, r.values["respondent"]), RESPONSE
    )
    updated = _upsert(SurveyResponse, stored, given,
                      lambda key: {"wave_id": key[0], "respondent": key[1]}, log)  # fmt: skip
    return _load_answers(good, waves, items, stored, updated, log)


def _load_answers(
    good: list[Row], waves: dict[Any, Any], items: dict[Any, Any],
    responses: dict[Any, Any], updated: set[Any], log: ChangeLog,
) -> Counts:  # fmt: skip
    counts = Counts()
    response_ids = sorted({r.pk for r in responses.values()})
    existing: dict[tuple[int, int], tuple[int, int]] = {}
    for start in range(0, len(response_ids), 900):
        query = SurveyAnswer.objects.filter(response_id__in=response_ids[start : start + 900])
        for pk, response, item, score in query.values_list("pk", "response_id", "item_id", "score"):
            existing[(response, item)] = (pk, score)
    new: list[tuple[int, int, int]] = []
    for row in good:
        respondent = (waves[row.values["wave"]].pk, row.values["respondent"])
        key = (responses[respondent].pk, items[row.values["item"]].pk)
        score = row.values["score"]
        found = existing.get(key)
        if found is None:
            new.append((*key, score))
            counts.added += 1
        elif found[1] != score:
            SurveyAnswer.objects.filter(pk=found[0]).update(score=score)
            log.updated_values(SurveyAnswer, found[0], {"score": found[1]})
            counts.updated += 1
        elif respondent in updated:
            counts.updated += 1
        else:
            counts.unchanged += 1
    log.added_ids(SurveyAnswer, insert_rows(SurveyAnswer, ("response_id", "item_id", "score"), new))
    return counts
