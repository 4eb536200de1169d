"""Each year's schema (``rules/<year>.xsd``) agrees with its rules (``rules/<year>.yaml``),
follows the Department's order of the items, and refuses a return that breaks it with a reason
located to the record and element, in plain words; the export writes nothing it refuses.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from thrive.census.export import ReturnNotValidError, build_return, export_return
from thrive.census.rules import SUPPORTED_YEARS, ElementRule, rules_for
from thrive.census.schema import (
    NoSchemaError,
    SchemaItem,
    schema_for,
    schema_items,
    schema_problems,
)
from thrive.census.writer import return_xml
from thrive.import_records.models import CensusWorkerDetail
from thrive.ingest.census_import import import_census
from thrive.workforce import models as wf

BASE_TYPES = {
    "code": "xs:string",
    "text": "xs:string",
    "decimal": "xs:decimal",
    "integer": "xs:integer",
    "date": "xs:date",
}

# The Department's order of a worker record's items, 2022 to 2025 (DOMAIN.md, "The census").
DEPARTMENT_ORDER = {
    2022: ["AgencyWorker", "SWENo", "FTE", "PersonBirthDate", "GenderCurrent", "Ethnicity",
           "QualInst", "QualLevel", "StepUpGrad", "OrgRole", "RoleStartDate", "StartOrigin",
           "RoleEndDate", "LeaverDestination", "ReasonLeave", "FTE30", "Cases30",
           "WorkingDaysLost", "ContractWeeks", "FrontlineGrad", "Absat30Sept", "ReasonAbsence",
           "CFKSSstatus"],
}  # fmt: skip
DEPARTMENT_ORDER[2023] = DEPARTMENT_ORDER[2022]
DEPARTMENT_ORDER[2024] = [
    "Sex" if name == "GenderCurrent" else name for name in DEPARTMENT_ORDER[2022]
]
DEPARTMENT_ORDER[2025] = [
    name for name in DEPARTMENT_ORDER[2024] if name not in ("QualInst", "CFKSSstatus")
] + ["BaseSalary", "RRPayments", "OtherPayments"]
LA_LEVEL_2025 = ["NumberOfVacancies", "NoAgencyFTE", "NoAgencyHeadcount", "RecruitmentBonus",
                 "RetentionBonus", "PerformanceAward", "CarAllowance", "RelocationPackage",
                 "RegionalWeighting", "CostSWE", "CostDBS", "OtherAllowances"]  # fmt: skip


def as_schema_item(rule: ElementRule) -> SchemaItem:
    """What the schema must say about an element, given what the YAML says."""
    return SchemaItem(
        name=rule.name,
        required=rule.required == "always",
        repeats=rule.repeats,
        base=BASE_TYPES[rule.type],
        codes=dict(rule.codes),
        places=rule.places,
        min=rule.min,
        max=rule.max,
        pattern=rule.pattern.removeprefix("^").removesuffix("$") if rule.pattern else None,
        max_length=rule.max_length,
    )


@pytest.mark.parametrize("year", SUPPORTED_YEARS)
@pytest.mark.parametrize("record", ["LALevelVacancies", "CSWWWorker"])
def test_each_years_yaml_and_schema_agree(year: int, record: str) -> None:
    rules = rules_for(year)
    elements = rules.worker if record == "CSWWWorker" else rules.la_level
    assert list(schema_items(year, record)) == [as_schema_item(e) for e in elements]


def test_every_schema_file_has_its_rules_and_is_a_valid_schema() -> None:
    files = resources.files("thrive.census").joinpath("rules")
    years = sorted(int(f.name[:-4]) for f in files.iterdir() if f.name.endswith(".xsd"))
    assert set(years) == set(SUPPORTED_YEARS)
    for year in years:
        assert isinstance(schema_for(year), etree.XMLSchema)


@pytest.mark.parametrize("year", sorted(DEPARTMENT_ORDER))
def test_the_items_run_in_the_departments_order(year: int) -> None:
    assert [i.name for i in schema_items(year, "CSWWWorker")] == DEPARTMENT_ORDER[year]
    assert rules_for(year).worker_names() == tuple(DEPARTMENT_ORDER[year])


def test_the_2025_la_level_answers_mean_no_yes_for_all_yes_for_some() -> None:
    assert [i.name for i in schema_items(2025, "LALevelVacancies")] == LA_LEVEL_2025
    for item in schema_items(2025, "LALevelVacancies")[3:-1]:
        assert list(item.codes) == ["0", "1", "2"]
        assert item.codes["0"] == "No"
        assert item.codes["1"].startswith("Yes, all")
        assert item.codes["2"].startswith("Yes, some")


def test_a_year_without_a_schema_file_is_named() -> None:
    with pytest.raises(NoSchemaError, match=r"rules/2016\.xsd"):
        schema_for(2016)


@pytest.fixture
def golden_2024(data: Path, db: None) -> wf.Authority:
    import_census([data / "golden_2024.xml"], user="test")
    return wf.Authority.objects.get(la_number="999")


def _edited(xml: bytes, record: int, edit: str, name: str, other: str = "") -> bytes:
    """The return with one worker record edited: swap two items, drop one, or change a value."""
    root = etree.fromstring(xml)
    worker = root.findall("CSWWWorker")[record - 1]
    element = worker.find(name)
    if edit == "swap":
        second = worker.find(other)
        a, b = list(worker).index(element), list(worker).index(second)
        worker.remove(element)
        worker.remove(second)
        worker.insert(min(a, b), second if a < b else element)
        worker.insert(max(a, b), element if a < b else second)
    elif edit == "drop":
        worker.remove(element)
    elif edit == "value":
        element.text = other
    elif edit == "add":
        etree.SubElement(worker, name).text = other
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _problems(xml: bytes, year: int) -> list[tuple[str, str, str, str]]:
    return [(p.location, p.field, p.value, p.expected) for p in schema_problems(xml, year, "f")]


def test_the_export_of_the_golden_store_validates(golden_2024: wf.Authority) -> None:
    assert schema_problems(return_xml(build_return(golden_2024, 2024)), 2024, "f") == []


def test_two_items_swapped_are_refused_with_the_order_they_belong_in(
    golden_2024: wf.Authority,
) -> None:
    xml = _edited(return_xml(build_return(golden_2024, 2024)), 2, "swap", "FTE30", "FTE")
    assert _problems(xml, 2024) == [
        (
            "Message/CSWWWorker[2]/FTE30",
            "FTE30",
            "1.000000",
            "FTE30 after ReasonLeave and before Cases30, in the order the 2024 schema sets for "
            "the items (here it follows SWENo)",
        )
    ]


def test_a_missing_item_every_record_gives_is_refused(golden_2024: wf.Authority) -> None:
    xml = _edited(return_xml(build_return(golden_2024, 2024)), 3, "drop", "SWENo")
    assert _problems(xml, 2024) == [
        (
            "Message/CSWWWorker[3]/SWENo",
            "SWENo",
            "",
            "SWENo before FTE: every CSWWWorker record gives it (SW123456)",
        )
    ]


def test_a_bad_code_is_refused_with_the_codes_of_the_year(golden_2024: wf.Authority) -> None:
    xml = _edited(return_xml(build_return(golden_2024, 2024)), 1, "value", "OrgRole", "7")
    [(location, field, value, expected)] = _problems(xml, 2024)
    assert (location, field, value) == ("Message/CSWWWorker[1]/OrgRole", "OrgRole", "7")
    assert expected.startswith("one of 1 (Senior manager), 2 (Middle manager)")
    assert expected.endswith("(a code the 2024 return does not have)")


def test_too_many_decimal_places_are_refused(golden_2024: wf.Authority) -> None:
    xml = _edited(return_xml(build_return(golden_2024, 2024)), 1, "value", "FTE", "0.1234567")
    assert _problems(xml, 2024) == [
        (
            "Message/CSWWWorker[1]/FTE",
            "FTE",
            "0.1234567",
            "a number with at most 6 decimal places, at least 0 and at most 1 "
            "(too many decimal places)",
        )
    ]


def test_an_item_of_another_year_is_refused_with_why(golden_2024: wf.Authority) -> None:
    xml = _edited(return_xml(build_return(golden_2024, 2024)), 1, "add", "BaseSalary", "1.00")
    assert _problems(xml, 2024) == [
        (
            "Message/CSWWWorker[1]/BaseSalary",
            "BaseSalary",
            "1.00",
            "no BaseSalary element: BaseSalary is collected from 2025 only",
        )
    ]


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_an_export_missing_a_qualifying_institution_is_refused_and_not_written(
    golden_2024: wf.Authority, year: int, tmp_path: Path
) -> None:
    CensusWorkerDetail.objects.filter(worker__swe_number="SW100002").delete()
    out = tmp_path / f"csww_{year}.xml"
    with pytest.raises(ReturnNotValidError) as refused:
        export_return(golden_2024, year, out)
    missing = [p for p in refused.value.errors if p.field == "QualInst"]
    assert [p.location.split("/")[-1] for p in missing] == ["QualInst (worker SW100002)"]
    assert missing[0].expected.startswith("QualInst is required for a directly employed worker")
    assert not out.exists() and not out.with_name(out.name + ".part").exists()


def test_the_institution_of_another_year_is_returned(
    golden_2024: wf.Authority, tmp_path: Path
) -> None:
    """An institution does not change: the 2024 return's gives the 2023 return's QualInst."""
    out = tmp_path / "csww_2023.xml"
    export_return(golden_2024, 2023, out)
    records = etree.parse(str(out)).getroot().findall("CSWWWorker")
    employed = [r for r in records if r.findtext("AgencyWorker") == "0"]
    assert employed and all(r.findtext("QualInst") == "University of Bristol" for r in employed)


def test_a_header_for_another_year_is_refused_in_plain_words(golden_2024: wf.Authority) -> None:
    xml = return_xml(build_return(golden_2024, 2024)).replace(b"<Year>2024", b"<Year>2023")
    assert _problems(xml, 2024) == [
        (
            "Message/Header/CollectionDetails/Year",
            "Year",
            "2023",
            "2024, the collection year this schema is for",
        )
    ]
