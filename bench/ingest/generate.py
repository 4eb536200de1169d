"""Synthetic input files for the import benchmark: an HR staff extract, a caseload extract and a
national-size census return. Deterministic for a seed; all values valid."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

ETHNICITIES = ["WBRI", "WIRI", "WOTH", "MWBC", "AIND", "APKN", "BAFR", "BCRB", "CHNE", "OOTH"]
GRADES = ["social_worker"] * 6 + ["senior_practitioner"] * 2 + ["asye", "team_manager"]
TEAMS = 20
CASELOAD_DATES = [date(2024, 6, 30), date(2024, 7, 31), date(2024, 8, 31), date(2024, 9, 30)]


def posts(path: Path) -> None:
    with path.open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(
            ["service", "team", "team_kind", "reference", "grade", "funded_fte", "start_date"]
        )
        for t in range(TEAMS):
            out.writerow(
                [
                    "Safeguarding",
                    f"Team {t:02d}",
                    "child_protection",
                    f"T{t:02d}-1",
                    "social_worker",
                    1,
                    "2015-01-01",
                ]
            )


def staff(path: Path, workers: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(
            [
                "worker_id",
                "swe_number",
                "birth_date",
                "sex",
                "ethnicity",
                "team",
                "grade",
                "contract_type",
                "fte",
                "start_date",
                "start_origin",
            ]
        )
        for n in range(workers):
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(14000))
            start = date(2010, 1, 1) + timedelta(days=rng.randrange(5300))
            out.writerow(
                [
                    f"E{n:06d}",
                    f"SW{100000 + n}",
                    born.isoformat(),
                    rng.choice("MF"),
                    rng.choice(ETHNICITIES),
                    f"Team {n % TEAMS:02d}",
                    rng.choice(GRADES),
                    "permanent",
                    rng.choice(["1", "1", "0.8", "0.6"]),
                    start.isoformat(),
                    rng.randrange(1, 10),
                ]
            )


def caseloads(path: Path, workers: int, seed: int = 2) -> int:
    rng = random.Random(seed)
    rows = 0
    with path.open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["worker_id", "date", "cases", "children", "weighted_points"])
        for day in CASELOAD_DATES:
            for n in range(workers):
                cases = rng.randrange(4, 30)
                out.writerow(
                    [
                        f"E{n:06d}",
                        day.isoformat(),
                        cases,
                        cases + rng.randrange(3),
                        f"{rng.uniform(40, 110):.2f}",
                    ]
                )
                rows += 1
    return rows


def caseloads_xlsx(path: Path, workers: int, seed: int = 3) -> int:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("caseloads")
    sheet.append(["Caseload report"])
    sheet.append([])
    sheet.append(["worker_id", "date", "cases", "children", "weighted_points"])
    for n in range(workers):
        cases = rng.randrange(4, 30)
        sheet.append(
            [f"E{n:06d}", date(2024, 9, 30), cases, cases + 1, round(rng.uniform(40, 110), 2)]
        )
    book.save(path)
    return workers


def census(path: Path, workers: int, year: int = 2024, seed: int = 4) -> int:
    """A national-size return: ``workers`` directly employed records plus 10% agency."""
    rng = random.Random(seed)
    records = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><CollectionDetails>'
            f"<Collection>CSWW</Collection><Year>{year}</Year><ReferenceDate>{year}-09-30"
            "</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>"
            "<LEA>850</LEA><SoftwareCode>bench</SoftwareCode></Source></Header>\n"
            "<LALevelVacancies><NumberOfVacancies>4321.50</NumberOfVacancies>"
            f"<NoAgencyFTE>{workers // 10}.00</NoAgencyFTE><NoAgencyHeadcount>{workers // 10}"
            "</NoAgencyHeadcount></LALevelVacancies>\n"
        )
        for n in range(workers):
            start = date(2005, 1, 1) + timedelta(days=rng.randrange(7000))
            leaver = rng.random() < 0.12
            fte = rng.choice(["1.000000", "1.000000", "0.800000", "0.600000"])
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(14000))
            parts = [
                "<AgencyWorker>0</AgencyWorker>",
                f"<SWENo>SW{200000 + n}</SWENo>",
                f"<FTE>{fte}</FTE>",
                f"<FTE30>{'0' if leaver else fte}</FTE30>",
                f"<PersonBirthDate>{born}</PersonBirthDate>",
                f"<Sex>{rng.choice('MF')}</Sex>",
                f"<Ethnicity>{rng.choice(ETHNICITIES)}</Ethnicity>",
                "<QualInst>University</QualInst>",
                f"<QualLevel>{rng.randrange(1, 4)}</QualLevel>",
                "<StepUpGrad>0</StepUpGrad>",
                "<FrontlineGrad>0</FrontlineGrad>",
                f"<OrgRole>{rng.choice([5, 5, 5, 4, 3, 6])}</OrgRole>",
                f"<RoleStartDate>{start}</RoleStartDate>",
                f"<StartOrigin>{rng.randrange(1, 10)}</StartOrigin>",
            ]
            if leaver:
                end = date(year - 1, 10, 1) + timedelta(days=rng.randrange(360))
                parts += [
                    f"<RoleEndDate>{max(end, start)}</RoleEndDate>",
                    "<LeaverDestination>1</LeaverDestination>",
                    "<ReasonLeave>1</ReasonLeave>",
                ]
            else:
                parts.append(f"<Cases30>{rng.randrange(0, 30)}</Cases30>")
            lost = rng.choice(["0.00", "0.00", "3.50", "12.00"])
            parts.append(f"<WorkingDaysLost>{lost}</WorkingDaysLost>")
            out.write("<CSWWWorker>" + "".join(parts) + "</CSWWWorker>\n")
            records += 1
        for n in range(workers // 10):
            out.write(
                f"<CSWWWorker><AgencyWorker>1</AgencyWorker><SWENo>SW{700000 + n}</SWENo>"
                f"<FTE>1.000000</FTE><OrgRole>5</OrgRole><Cases30>{rng.randrange(5, 25)}</Cases30>"
                "</CSWWWorker>\n"
            )
            records += 1
        out.write("</Message>\n")
    return records
