"""Every number an importer accepts has a range the store can hold and the field makes sense of;
identifiers are normalised (Unicode NFKC) and hold no control or direction characters; Social
Work England numbers are SW and digits; any cell, whatever it holds, is either a typed value or a
plain refusal (:class:`BadCell`), never another exception.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.census.rules import SUPPORTED_YEARS, rules_for
from thrive.census.values import BadValue
from thrive.census.values import convert as census_convert
from thrive.children.models import Allocation
from thrive.import_records.models import CensusAuthorityReturn, CensusWorkerDetail
from thrive.ingest.applicant_fields import APPLICANT_FIELDS
from thrive.ingest.cells import BadCell, convert
from thrive.ingest.field_spec import FieldSpec
from thrive.ingest.fields import FIELDS
from thrive.lifecycle.models import (
    Candidate,
    RegistrationRecord,
    Requisition,
    SurveyAnswer,
    SurveyItem,
)
from thrive.training.models import Course
from thrive.workforce import models as wf

FORMATS = ("%d/%m/%Y",)

# Where each number an extract accepts is kept in the store.
EXTRACT_STORE: dict[tuple[str, str], models.Field[Any, Any]] = {
    ("staff", "fte"): wf.EmploymentSpell._meta.get_field("fte"),
    ("staff", "day_rate"): wf.EmploymentSpell._meta.get_field("day_rate"),
    ("absence", "working_days_lost"): wf.AbsenceEpisode._meta.get_field("working_days_lost"),
    ("caseloads", "cases"): wf.CaseloadSnapshot._meta.get_field("cases"),
    ("caseloads", "children"): wf.CaseloadSnapshot._meta.get_field("children"),
    ("caseloads", "weighted_points"): wf.CaseloadSnapshot._meta.get_field("weighted_points"),
    ("posts", "funded_fte"): wf.EstablishmentPost._meta.get_field("funded_fte"),
    ("survey", "lga_standard"): SurveyItem._meta.get_field("lga_standard"),
    ("survey", "score"): SurveyAnswer._meta.get_field("score"),
    ("registration", "registration_year"): RegistrationRecord._meta.get_field("registration_year"),
    ("targets", "target"): wf.MeasureTarget._meta.get_field("target"),
    ("targets", "amber_within"): wf.MeasureTarget._meta.get_field("amber_within"),
    ("applicant", "advert_cost"): Requisition._meta.get_field("advert_cost"),
    ("applicant", "values_score"): Candidate._meta.get_field("values_score"),
    ("applicant", "cost"): Candidate._meta.get_field("cost"),
    ("allocations", "complexity"): Allocation._meta.get_field("complexity"),
    ("courses", "renewal_months"): Course._meta.get_field("renewal_months"),
}
# Where each number a census return gives is kept.
CENSUS_STORE: dict[str, models.Field[Any, Any]] = {
    "NumberOfVacancies": CensusAuthorityReturn._meta.get_field("number_of_vacancies"),
    "NoAgencyFTE": CensusAuthorityReturn._meta.get_field("agency_fte"),
    "NoAgencyHeadcount": CensusAuthorityReturn._meta.get_field("agency_headcount"),
    "FTE": wf.EmploymentSpell._meta.get_field("fte"),
    "FTE30": wf.EmploymentSpell._meta.get_field("fte"),
    "Cases30": wf.CaseloadSnapshot._meta.get_field("cases"),
    "WorkingDaysLost": wf.AbsenceEpisode._meta.get_field("working_days_lost"),
    "ContractWeeks": CensusWorkerDetail._meta.get_field("contract_weeks"),
    "BaseSalary": CensusWorkerDetail._meta.get_field("base_salary"),
    "RRPayments": CensusWorkerDetail._meta.get_field("rr_payments"),
    "OtherPayments": CensusWorkerDetail._meta.get_field("other_payments"),
}
# The largest values the store's integer columns hold on SQLite and PostgreSQL alike.
INTEGER_LIMITS = {
    "PositiveSmallIntegerField": 32_767,
    "PositiveIntegerField": 2_147_483_647,
}


def _all_specs() -> list[tuple[str, FieldSpec]]:
    specs = [(kind, spec) for kind, fields in FIELDS.items() for spec in fields]
    return specs + [("applicant", spec) for spec in APPLICANT_FIELDS]


def _holds(field: models.Field[Any, Any], low: Decimal, high: Decimal, places: int | None) -> None:
    if isinstance(field, models.DecimalField):
        assert field.max_digits is not None and field.decimal_places is not None
        whole = Decimal(10) ** (field.max_digits - field.decimal_places)
        assert -whole < low and high < whole, f"{field} cannot hold {low} to {high}"
        assert places is not None and places <= field.decimal_places, field
    else:
        assert low >= 0 and high <= INTEGER_LIMITS[type(field).__name__], field


def test_every_number_an_extract_accepts_has_a_range_the_store_holds() -> None:
    numbers = [(k, s) for k, s in _all_specs() if s.value_type in ("decimal", "integer")]
    assert {(k, s.name) for k, s in numbers} == set(EXTRACT_STORE)
    for kind, spec in numbers:
        assert spec.min is not None and spec.max is not None, f"{kind}.{spec.name} is unbounded"
        places = spec.places if spec.value_type == "decimal" else None
        _holds(EXTRACT_STORE[kind, spec.name], spec.min, spec.max, places)


@pytest.mark.parametrize("year", SUPPORTED_YEARS)
def test_every_number_a_census_return_gives_has_a_range_the_store_holds(year: int) -> None:
    rules = rules_for(year)
    for rule in (*rules.la_level, *rules.worker):
        if rule.type not in ("decimal", "integer"):
            continue
        assert rule.min is not None and rule.max is not None, f"{year} {rule.name} is unbounded"
        places = rule.places if rule.type == "decimal" else None
        _holds(CENSUS_STORE[rule.name], rule.min, rule.max, places)


def test_the_field_makes_sense_of_the_range() -> None:
    specs = {(k, s.name): s for k, s in _all_specs()}
    assert specs["caseloads", "cases"].max == 200
    assert specs["staff", "fte"].max == 1 and specs["posts", "funded_fte"].max == 1
    assert specs["absence", "working_days_lost"].max == 1000
    for year in SUPPORTED_YEARS:
        rules = rules_for(year)
        assert rules.element("Cases30").max == 200
        assert rules.element("NumberOfVacancies").max == 5000
        assert rules.element("WorkingDaysLost").max == 366


# Any cell an extract can hand over: text of any kind (controls, direction characters, huge
# digit strings, exponents), numbers of any size, dates and times, booleans.
CELLS = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.-+eE,", max_size=30),
    st.integers().map(str),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.datetimes(min_value=datetime(1, 1, 1)),
    st.dates(),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(index=st.integers(min_value=0), value=CELLS)
def test_any_cell_is_a_typed_value_in_range_or_a_plain_refusal(index: int, value: Any) -> None:
    specs = _all_specs()
    kind, spec = specs[index % len(specs)]
    try:
        typed = convert(spec, value, FORMATS)
    except BadCell as refused:
        assert refused.expected
        return
    if spec.value_type in ("decimal", "integer"):
        assert spec.min is not None and spec.max is not None
        assert spec.min <= typed <= spec.max
        if spec.above_min:
            assert typed > spec.min
        if spec.places is not None:
            assert -Decimal(typed).as_tuple().exponent <= spec.places  # type: ignore[operator]
    elif spec.value_type == "text":
        assert isinstance(typed, str) and len(typed) <= spec.max_length


@settings(max_examples=300, deadline=None)
@given(digits=st.integers(min_value=201, max_value=10**5000))
def test_a_caseload_over_200_is_refused_however_long(digits: int) -> None:
    cases = next(s for s in FIELDS["caseloads"] if s.name == "cases")
    text = str(digits) if digits < 10**4000 else "9" * 5000
    with pytest.raises(BadCell, match="at most 200"):
        convert(cases, text, FORMATS)


def test_an_fte_that_rounds_to_nothing_is_refused_and_long_ones_are_rounded() -> None:
    fte = next(s for s in FIELDS["staff"] if s.name == "fte")
    with pytest.raises(BadCell, match="to 6 decimal places"):
        convert(fte, "0.0000001", FORMATS)
    assert convert(fte, "0.81081081081", FORMATS) == Decimal("0.810811")
    assert convert(fte, "1", FORMATS) == Decimal("1")


CENSUS_NUMBERS = st.one_of(
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet="0123456789.-+eE_ ", max_size=30),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(year=st.sampled_from(SUPPORTED_YEARS), index=st.integers(min_value=0), text=CENSUS_NUMBERS)
def test_any_census_number_is_in_range_or_refused(year: int, index: int, text: str) -> None:
    rules = rules_for(year)
    numbers = [r for r in (*rules.la_level, *rules.worker) if r.type in ("decimal", "integer")]
    rule = numbers[index % len(numbers)]
    try:
        value = census_convert(rule, text)
    except BadValue as refused:
        assert refused.expected
        return
    assert rule.min is not None and rule.max is not None
    assert isinstance(value, int | Decimal) and rule.min <= value <= rule.max


def _spec(kind: str, name: str) -> FieldSpec:
    return next(s for s in FIELDS[kind] if s.name == name)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("\uff33\uff37\uff15\uff10\uff10\uff11\uff10\uff11", "SW500101"),  # full-width
        ("sw500101", "SW500101"),
        ("SW500101", "SW500101"),
    ],
)
def test_a_swe_number_is_normalised_to_the_census_form(written: str, stored: str) -> None:
    assert convert(_spec("staff", "swe_number"), written, FORMATS) == stored


@pytest.mark.parametrize(
    "written",
    ["<SW>", "SW", "SW123456789", "S\u0301W500101", "SW500\u202e101", "SW 500101", "500101"],
)
def test_a_swe_number_the_census_cannot_match_is_refused(written: str) -> None:
    with pytest.raises(BadCell):
        convert(_spec("staff", "swe_number"), written, FORMATS)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("worker_id", "E0\u200d1"),  # a zero-width joiner
        ("worker_id", "E\u202e101"),
        ("team", "Child Protection\u2066 North"),
        ("team", "Child\x07Protection"),
        ("worker_id", "E01\ufeff"),  # a byte-order mark inside the cell
    ],
)
def test_an_identifier_with_a_control_or_direction_character_is_refused(
    name: str, written: str
) -> None:
    with pytest.raises(BadCell, match=r"character \d+ is U\+"):
        convert(_spec("staff", name), written, FORMATS)


def test_identifiers_are_nfkc_and_free_text_keeps_its_line_breaks() -> None:
    team = convert(_spec("staff", "team"), "E\u0301quipe\u00a0Nord", FORMATS)
    assert team == "\u00c9quipe Nord"
    comments = next(s for s in FIELDS["exit_interviews"] if s.name == "comments")
    assert convert(comments, "Too many cases.\nNo time to think.", FORMATS).count("\n") == 1
    with pytest.raises(BadCell, match="U\\+202E"):
        convert(_spec("staff", "name"), "Sam \u202eJones", FORMATS)
    with pytest.raises(BadCell, match="U\\+0000"):
        convert(comments, "nothing\x00here", FORMATS)


def test_dates_are_untouched_by_the_text_rules() -> None:
    assert convert(_spec("staff", "start_date"), "2024-06-03", FORMATS) == date(2024, 6, 3)
