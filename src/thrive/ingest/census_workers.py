"""A worker's personal details as census returns give them, year after year.

Each return repeats a directly employed worker's date of birth, sex (``GenderCurrent`` to 2023,
``Sex`` from 2024) and ethnicity. The first return that knows a detail sets it; a later return
that gives a different known value does not overwrite it: the earlier value is kept (the earlier
years' figures were built with it) and the difference is a warning naming the file, the element,
both values and what was kept. A later return that fills in a detail an earlier one left unknown
(no birth date, sex not known, ethnicity not yet obtained) fills it in without a warning.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from thrive.codes import Ethnicity, Sex
from thrive.ingest.census_mapping import GENDER_CURRENT_SEX
from thrive.problems import Problem, Severity

NOT_OBTAINED = str(Ethnicity.NOBT)  # enum value lookups are slow in a loop
NOT_KNOWN_SEX = str(Sex.NOT_KNOWN)
UNKNOWN: dict[str, object] = {"birth_date": None, "sex": NOT_KNOWN_SEX, "ethnicity": NOT_OBTAINED}
SEX_WORDS = {str(s.value): str(s.label) for s in Sex}


def attributes(roles: list[Any]) -> dict[str, Any]:
    """The worker's details from their records in one return (the first employed record)."""
    values: dict[str, Any] = {"swe_number": str(roles[0].values["SWENo"])}
    employed = [r for r in roles if not r.agency]
    if employed:
        v = employed[0].values
        sex = v.get("Sex")
        if sex is None and "GenderCurrent" in v:
            sex = str(GENDER_CURRENT_SEX[str(v["GenderCurrent"])])
        values.update(
            birth_date=v.get("PersonBirthDate"),
            sex=str(sex or NOT_KNOWN_SEX),
            ethnicity=str(v.get("Ethnicity") or NOT_OBTAINED),
            qualification_level=int(str(v["QualLevel"])) if "QualLevel" in v else None,
        )
    return values


def _element(field: str, values: dict[str, Any]) -> str:
    if field == "birth_date":
        return "PersonBirthDate"
    if field == "ethnicity":
        return "Ethnicity"
    return "Sex" if "Sex" in values else "GenderCurrent"


def _shown(field: str, value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if field == "sex":
        return f"{value} ({SEX_WORDS.get(str(value), value)})"
    return str(value)


def keep_earlier(
    stored: Any, values: dict[str, Any], roles: list[Any], file: str
) -> tuple[dict[str, Any], list[Problem]]:
    """``values`` with each personal detail the store already knows kept as it is.

    Returns the values to save and a warning for each detail this return contradicts.
    """
    kept = dict(values)
    warnings: list[Problem] = []
    employed = [r for r in roles if not r.agency]
    for field, unknown in UNKNOWN.items():
        if field not in values:
            continue
        before, now = getattr(stored, field), values[field]
        if before in (unknown, now):
            continue
        kept[field] = before
        if now == unknown:
            continue  # this return does not know it: nothing contradicts the store
        record = employed[0]
        element = _element(field, record.values)
        warnings.append(
            Problem(
                file,
                f"{record.record.path}/{element}",
                element,
                str(record.record.raw.get(element, now)),
                f"{_shown(field, before)}, as an earlier return gave for worker "
                f"{values['swe_number']}: Thrive keeps {_shown(field, before)} and ignores this "
                "return's value; if the earlier value was wrong, correct it in Thrive (the "
                "worker's record) or undo and re-import the earlier return",
                Severity.WARNING,
            )
        )
    return kept, warnings
