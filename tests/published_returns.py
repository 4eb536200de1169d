"""Worker-level census returns rebuilt from a council's real published figures, 2017-2024.

The Department publishes, for each council and year, FTE and headcount in post, starters,
leavers, agency workers, vacancies, case holders and cases, and working days lost (the table
shipped in ``thrive.published``). :func:`write_returns` makes one CSWW return a year whose
workers add up to exactly those figures (FTE in tenths, as published), consistent from year to
year the way real returns are: continuing workers keep their registration number, leavers are
taken from last year's workers, starters are new. Published in post, starters and leavers do not
reconcile from one year to the next, so the difference is absorbed as it is in real returns:
workers who appear with an old start date (absent from last year's return), workers who are no
longer returned without a leaving date, and workers whose FTE changes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from thrive.census.rules import rules_for
from thrive.published.markers import is_marker
from thrive.published.shipped import shipped_table_path

YEARS = tuple(range(2017, 2025))
COLUMNS = (
    "inpost_fte",
    "inpost_headcount",
    "starters_fte",
    "starters_headcount",
    "leavers_fte",
    "leavers_headcount",
    "agency_fte",
    "agency_headcount",
    "vacancy_fte",
    "case_holders_fte",
    "cases",
    "working_days_lost_fte",
)


def published_rows(la_number: str) -> dict[int, dict[str, str]]:
    """The council's published row for each year, as text (markers such as ``c`` kept)."""
    with shipped_table_path().open(encoding="utf-8") as handle:
        return {
            int(row["time_period"]): row
            for row in csv.DictReader(handle)
            if row["geographic_level"] == "Local authority" and row["old_la_code"] == la_number
        }


def number(row: dict[str, str], column: str) -> Decimal | None:
    """A published cell as a number, or None for a marker (suppressed or not available)."""
    text = row[column].strip()
    return None if is_marker(text) else Decimal(text)


def _tenths(value: Decimal | None) -> int:
    assert value is not None
    return int(value * 10)


def split(units: int, people: int) -> list[int]:
    """``units`` tenths of FTE shared out as evenly as can be among ``people`` (1-10 each)."""
    if people == 0:
        assert units == 0
        return []
    assert people <= units <= 10 * people, (units, people)
    base, extra = divmod(units, people)
    return [base + (1 if i < extra else 0) for i in range(people)]


def _allot(groups: list[tuple[int, int]], total: int) -> list[tuple[int, int]] | None:
    """For groups of (people, units), how many case holders and units each gives to ``total``."""
    if not groups:
        return [] if total == 0 else None
    (n, u), rest = groups[0], groups[1:]
    for r in range(min(u, total), -1, -1):
        for k in range(n + 1):
            if k <= r <= 10 * k and (n - k) <= u - r <= 10 * (n - k):
                tail = _allot(rest, total - r)
                if tail is not None:
                    return [(k, r), *tail]
                break
    return None


@dataclass
class Worker:
    number: str
    start: date
    born: date
    fte: int = 10  # tenths
    cases: int = 0
    end: date | None = None
    origin: str = "9"
    days_lost: Decimal = Decimal(0)
    agency: bool = False


@dataclass
class Council:
    """Builds one council's returns year after year from its published rows."""

    la_number: str
    serial: int = 0

    def __post_init__(self) -> None:
        self.rows = published_rows(self.la_number)
        self.in_post: list[Worker] = []

    def _new(self, start: date, agency: bool = False) -> Worker:
        self.serial += 1
        born = date(1960, 1, 1) + timedelta(days=37 * self.serial % 12000)
        return Worker(f"SW{700000 + self.serial}", start, born, agency=agency)

    def year(self, year: int) -> tuple[dict[str, Decimal | None], list[Worker]]:
        row = self.rows[year]
        figures = {column: number(row, column) for column in COLUMNS}
        ys = date(year - 1, 10, 1)
        old = date(year - 6, 4, 1)
        leaving_count = int(figures["leavers_headcount"] or 0)
        first = not self.in_post
        if first:
            leavers = [self._new(old - timedelta(days=i)) for i in range(leaving_count)]
            continuing: list[Worker] = []
        else:
            assert leaving_count <= len(self.in_post), year
            leavers, continuing = self.in_post[:leaving_count], self.in_post[leaving_count:]
        for i, (w, units) in enumerate(
            zip(leavers, split(_tenths(figures["leavers_fte"]), leaving_count), strict=True)
        ):
            w.fte, w.cases, w.days_lost = units, 0, Decimal(0)
            w.end = ys + timedelta(days=(11 * i) % 360)
        starters = [
            self._new(ys + timedelta(days=(7 * i) % 360))
            for i in range(int(figures["starters_headcount"] or 0))
        ]
        for w in starters:
            w.origin = "1" if int(w.number[2:]) % 3 == 0 else "2"
        headcount = int(figures["inpost_headcount"] or 0)
        others_count = headcount - len(starters)
        if len(continuing) > others_count:  # no longer returned, with no leaving date
            continuing = continuing[: max(others_count, 0)]
        appearing = [self._new(old) for _ in range(others_count - len(continuing))]
        others = continuing + appearing
        agency = [
            self._new(ys + timedelta(days=20), agency=True)
            for _ in range(int(figures["agency_headcount"] or 0))
        ]
        in_units = _tenths(figures["inpost_fte"])
        starter_units = _tenths(figures["starters_fte"])
        groups = [
            (agency, _tenths(figures["agency_fte"])),
            (starters, starter_units),
            (others, in_units - starter_units),
        ]
        allotted = _allot([(len(g), u) for g, u in groups], _tenths(figures["case_holders_fte"]))
        assert allotted is not None, year
        holders: list[Worker] = []
        for (people, units), (k, r) in zip(groups, allotted, strict=True):
            for w, share in zip(
                people, split(r, k) + split(units - r, len(people) - k), strict=True
            ):
                w.fte, w.cases = share, 0
            holders += people[:k]
        cases = int(figures["cases"] or 0)
        assert len(holders) <= cases, year
        for i, w in enumerate(holders):
            w.cases = cases // len(holders) + (1 if i < cases % len(holders) else 0)
        employed = starters + others
        lost = int((figures["working_days_lost_fte"] or Decimal(0)) * 100)
        for i, w in enumerate(employed):
            w.days_lost = Decimal(lost // len(employed) + (1 if i < lost % len(employed) else 0))
            w.days_lost /= 100
        self.in_post = others + starters
        return figures, employed + leavers + agency

    def write(self, year: int, folder: Path) -> Path:
        """The council's return for ``year``, written as CSWW XML in ``folder``."""
        figures, workers = self.year(year)
        rules = rules_for(year)
        records = "".join(_record(rules.worker_names(), w, year) for w in workers)
        path = folder / f"csww_{self.la_number}_{year}.xml"
        path.write_text(
            f"""<?xml version="1.0" encoding="UTF-8"?>
<Message><Header><CollectionDetails><Collection>CSWW</Collection><Year>{year}</Year>
<ReferenceDate>{year}-09-30</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>
<LEA>{self.la_number}</LEA><SoftwareCode>Rebuilt from published figures</SoftwareCode>
<DateTime>{year}-10-20T09:00:00</DateTime></Source></Header>
<LALevelVacancies><NumberOfVacancies>{figures["vacancy_fte"] or 0}</NumberOfVacancies>
<NoAgencyFTE>{figures["agency_fte"] or 0}</NoAgencyFTE>
<NoAgencyHeadcount>{figures["agency_headcount"] or 0}</NoAgencyHeadcount></LALevelVacancies>
{records}</Message>""",
            encoding="utf-8",
        )
        return path


def _record(order: tuple[str, ...], w: Worker, year: int) -> str:
    fte = f"{Decimal(w.fte) / 10:.6f}"
    values = {"AgencyWorker": "1" if w.agency else "0", "SWENo": w.number, "FTE": fte}
    values.update(OrgRole="5", RoleStartDate=w.start.isoformat())
    if w.end is None:
        values["Cases30"] = str(w.cases)
    if not w.agency:
        values.update(
            FTE30="0" if w.end else fte,
            PersonBirthDate=w.born.isoformat(),
            GenderCurrent="2",
            Sex="F",
            Ethnicity="WBRI",
            QualInst="University of Bristol",  # required of directly employed workers 2022-2024
            StepUpGrad="0",
            FrontlineGrad="0",
            StartOrigin=w.origin,
            WorkingDaysLost=f"{w.days_lost:.2f}",
        )
        if w.end is not None:
            values.update(RoleEndDate=w.end.isoformat(), ReasonLeave="1", LeaverDestination="1")
    items = "".join(f"<{n}>{escape(values[n])}</{n}>" for n in order if n in values)
    return f"<CSWWWorker>{items}</CSWWWorker>\n"


def write_returns(la_number: str, folder: Path) -> list[Path]:
    """The council's returns for every published year, 2017-2024, in ``folder``."""
    council = Council(la_number)
    return [council.write(year, folder) for year in YEARS]
