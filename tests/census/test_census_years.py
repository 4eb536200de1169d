"""What changes from one collection year to the next: 2022 numbers, 2024 Sex, 2025 pay and flags."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from thrive.census.export import export_return
from thrive.census.record import LA_LEVEL_FLAGS
from thrive.import_records.models import CensusAuthorityReturn, CensusWorkerDetail
from thrive.ingest.census_import import import_census
from thrive.ingest.census_xml import read_return
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db


def as_year(source: Path, year: int, out: Path, edit: dict[str, str] | None = None) -> Path:
    """The golden 2024 return turned into another collection year's, with text edits."""
    text = source.read_text(encoding="utf-8")
    text = text.replace("<Year>2024</Year>", f"<Year>{year}</Year>")
    text = text.replace("2024-09-30", f"{year}-09-30").replace("2024-10-20", f"{year}-10-20")
    for old, new in (edit or {}).items():
        text = text.replace(old, new)
    out.write_text(text, encoding="utf-8")
    return out


def test_2022_ten_digit_numbers_match_later_sw_numbers(data: Path, tmp_path: Path) -> None:
    text = (data / "golden_2023.xml").read_text(encoding="utf-8")
    early = text.replace("<Year>2023</Year>", "<Year>2022</Year>").replace(
        "2023-09-30", "2022-09-30"
    )
    early = early.replace("2023-10-20", "2022-10-20").replace("SW100001", "0000100001")
    early = early.replace(
        "<RoleStartDate>2023-01-09</RoleStartDate>", "<RoleStartDate>2022-01-10</RoleStartDate>"
    )
    early = early.replace("2023-03-31", "2022-03-31").replace("2023-08-31", "2022-08-31")
    path_2022 = tmp_path / "csww_2022.xml"
    path_2022.write_text(early, encoding="utf-8")
    later = (
        (data / "golden_2023.xml")
        .read_text(encoding="utf-8")
        .replace(
            "<RoleStartDate>2023-01-09</RoleStartDate>", "<RoleStartDate>2022-01-10</RoleStartDate>"
        )
    )
    path_2023 = tmp_path / "csww_2023.xml"
    path_2023.write_text(later, encoding="utf-8")
    import_census([path_2022, path_2023], user="test")
    worker = wf.Worker.objects.get(swe_number="SW100001")  # the later form is kept
    assert worker.spells.count() == 1


def test_2025_pay_and_la_level_flags_go_in_and_come_back_out(data: Path, tmp_path: Path) -> None:
    flags = "".join(f"<{name}>{n % 3}</{name}>" for n, name in enumerate(LA_LEVEL_FLAGS))
    path = as_year(
        data / "golden_2024.xml",
        2025,
        tmp_path / "csww_2025.xml",
        {
            "2024-02-29": "2025-02-28",
            "2024-03-01": "2025-03-01",
            "2024-06-30": "2025-06-30",
            "2024-01-15": "2025-01-15",
            "<QualInst>University of Bristol</QualInst>": "",
            "</NoAgencyHeadcount>": "</NoAgencyHeadcount>"
            + flags
            + "<OtherAllowances>Lease car scheme</OtherAllowances>",
            "<WorkingDaysLost>0.00</WorkingDaysLost>\n  </CSWWWorker>": "<WorkingDaysLost>0.00"
            "</WorkingDaysLost><BaseSalary>41250.50</BaseSalary><RRPayments>1500.00</RRPayments>"
            "</CSWWWorker>",
        },
    )
    import_census([path], user="test")
    stored = CensusAuthorityReturn.objects.get(year=2025)
    assert stored.flags == {name: str(n % 3) for n, name in enumerate(LA_LEVEL_FLAGS)}
    assert stored.other_allowances == "Lease car scheme"
    pay = CensusWorkerDetail.objects.get(worker__swe_number="SW100001", year=2025)
    assert (pay.base_salary, pay.rr_payments) == (Decimal("41250.50"), Decimal("1500.00"))
    out = tmp_path / "again.xml"
    export_return(wf.Authority.objects.get(la_number="999"), 2025, out)
    again, problems = read_return(out)
    assert problems == []
    assert {k: again.la_level[k] for k in LA_LEVEL_FLAGS} == stored.flags
    first = next(w for w in again.workers if w.values["SWENo"] == "SW100001")
    assert (first.values["BaseSalary"], first.values["RRPayments"]) == ("41250.50", "1500.00")
    assert "QualInst" not in first.values and "CFKSSstatus" not in first.values


def test_2023_returns_gender_current_and_2024_returns_sex(data: Path, tmp_path: Path) -> None:
    import_census([data / "golden_2023.xml", data / "golden_2024.xml"], user="test")
    authority = wf.Authority.objects.get(la_number="999")
    for year, element, value in ((2023, "GenderCurrent", "2"), (2024, "Sex", "F")):
        out = tmp_path / f"{year}.xml"
        export_return(authority, year, out)
        census, _ = read_return(out)
        first = next(w for w in census.workers if w.values["SWENo"] == "SW100001")
        assert first.values[element] == value
    asye = wf.EmploymentSpell.objects.get(
        worker__swe_number="SW100006", start_date=date(2023, 1, 9)
    )
    assert asye.grade == "asye"  # CFKSSstatus 1 in 2023
