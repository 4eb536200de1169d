"""Property: a store's census return for a year, exported and imported into another authority,
gives back the same workers, roles, leavers, agency workers and caseloads (hypothesis).

The histories drawn are the ones a census return can carry exactly: each worker holds one role
across the year at one FTE, leaving (with a reason and destination) or still in post at 30
September; agency workers are in post on 30 September. Each return is also written as XML and
validated against the year's schema, items in the schema's order (``rules/2024.xsd``); a worker's
qualifying institution is kept for the year of the return or for another year (it does not
change, so the export takes the nearest year's).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from thrive.census.export import build_return
from thrive.census.schema import schema_items, schema_problems
from thrive.census.validate import check_return
from thrive.census.writer import return_xml
from thrive.codes import CareerGrade
from thrive.import_records.models import CensusWorkerDetail
from thrive.ingest.census_import import import_census
from thrive.workforce import models as wf

YEAR_START, CENSUS_DAY = date(2023, 10, 1), date(2024, 9, 30)
GRADES = {
    3: CareerGrade.TEAM_MANAGER,
    4: CareerGrade.SENIOR_PRACTITIONER,
    5: CareerGrade.SOCIAL_WORKER,
    6: CareerGrade.SOCIAL_WORKER,
}


@st.composite
def people(draw: st.DrawFn) -> dict[str, object]:
    agency = draw(st.booleans())
    start = draw(st.dates(date(2012, 1, 1), date(2024, 9, 29)))
    leaves = not agency and draw(st.booleans())
    end = draw(st.dates(max(start, YEAR_START), CENSUS_DAY - timedelta(days=1))) if leaves else None
    return {
        "agency": agency,
        "start": start,
        "end": end,
        "role": draw(st.sampled_from(sorted(GRADES))),
        "fte": draw(st.sampled_from(["0.5", "0.6", "0.8", "1"])),
        "sex": draw(st.sampled_from("MF")),
        "reason": draw(st.integers(1, 10).filter(lambda r: r != 7)) if leaves else None,
        "destination": draw(st.integers(1, 9)) if leaves else None,
        "cases": None if leaves else draw(st.one_of(st.none(), st.integers(1, 30))),
        "institution": draw(st.sampled_from(["University of Bristol", "Bath Spa University"])),
        "institution_year": draw(st.sampled_from([2022, 2023, 2024])),
    }


def _store(authority: wf.Authority, everyone: list[dict[str, object]]) -> None:
    service = wf.Service.objects.create(authority=authority, name="Safeguarding")
    team = wf.Team.objects.create(service=service, name="Team A", kind="assessment")
    for n, p in enumerate(everyone):
        worker = wf.Worker.objects.create(
            authority=authority,
            pseudonym=f"P{n}",
            swe_number=f"SW{500000 + n}",
            birth_date=date(1980, 1, 1),
            sex=str(p["sex"]),
            ethnicity="WBRI",
        )
        role = int(str(p["role"]))
        wf.EmploymentSpell.objects.create(
            worker=worker,
            team=team,
            grade=str(GRADES[role]),
            org_role=role,
            contract_type="agency" if p["agency"] else "permanent",
            fte=Decimal(str(p["fte"])),
            start_date=p["start"],
            end_date=p["end"],
            start_origin=None if p["agency"] else 2,
            reason_leave=p["reason"],
            leaver_destination=p["destination"],
        )
        CensusWorkerDetail.objects.create(
            worker=worker, year=p["institution_year"], qual_inst=p["institution"]
        )
        if p["cases"] is not None:
            wf.CaseloadSnapshot.objects.create(worker=worker, date=CENSUS_DAY, cases=p["cases"])


def _seen(la_number: str) -> set[tuple[object, ...]]:
    spells = wf.EmploymentSpell.objects.filter(worker__authority__la_number=la_number)
    found = set()
    for s in spells.select_related("worker"):
        cases = s.worker.caseloads.filter(date=CENSUS_DAY).values_list("cases", flat=True).first()
        # The census knows agency workers on 30 September only, and not their personal details.
        end = None if s.is_agency else s.end_date
        sex = None if s.is_agency else s.worker.sex
        found.add(
            (
                s.worker.swe_number,
                s.contract_type,
                s.org_role,
                s.start_date,
                end,
                s.fte,
                s.reason_leave,
                s.leaver_destination,
                sex,
                cases,
            )
        )
    return found


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(everyone=st.lists(people(), min_size=1, max_size=8))
def test_export_then_import_gives_the_same_records(
    everyone: list[dict[str, object]], tmp_path: Path, db: None
) -> None:
    with transaction.atomic():  # each example starts from an empty store
        authority = wf.Authority.objects.create(la_number="997", name="Round trip")
        _store(authority, everyone)
        census = build_return(authority, 2024)
        assert check_return(census, "2024").errors == []
        census.header = replace(census.header, la_number="996")
        xml = return_xml(census)
        assert schema_problems(xml, 2024, "csww_2024.xml") == []
        order = [item.name for item in schema_items(2024, "CSWWWorker")]
        for record in etree.fromstring(xml).iter("CSWWWorker"):
            items = [child.tag for child in record]
            assert items == sorted(items, key=order.index)
            assert "QualInst" in items  # everyone here has one stored, for some year
        path = tmp_path / "csww_2024.xml"
        path.write_bytes(xml)
        import_census([path], user="test")
        assert _seen("996") == _seen("997")
        transaction.set_rollback(True)
