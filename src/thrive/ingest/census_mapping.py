"""How census codes map onto Thrive's workforce model (and back, for the export).

The census has no teams, local grades or contract types: a directly employed worker becomes a
permanent spell on the grade that usually goes with their OrgRole (an ASYE when CFKSSstatus
says so), in one team for the whole authority, "Team not recorded (census)".
"""

from __future__ import annotations

import re

from thrive.codes import CareerGrade, Route, Sex

CENSUS_SERVICE = "Children's social work (census)"
CENSUS_TEAM = "Team not recorded (census)"
VACANCY_SERVICE = "LA level (census)"
VACANCY_TEAM = "Vacancies returned in the census"

ORG_ROLE_GRADE = {
    1: CareerGrade.HEAD_OF_SERVICE,
    2: CareerGrade.OPERATIONS_MANAGER,
    3: CareerGrade.TEAM_MANAGER,
    4: CareerGrade.SENIOR_PRACTITIONER,
    5: CareerGrade.SOCIAL_WORKER,
    6: CareerGrade.SOCIAL_WORKER,
}

GENDER_CURRENT_SEX = {"1": Sex.MALE, "2": Sex.FEMALE, "0": Sex.NOT_KNOWN, "9": Sex.NOT_KNOWN}
SEX_GENDER_CURRENT = {Sex.MALE.value: "1", Sex.FEMALE.value: "2", Sex.NOT_KNOWN.value: "0"}


def grade_for(org_role: int, cfkss: str | None) -> CareerGrade:
    """The local grade for a census role: an ASYE case holder if CFKSSstatus is 1."""
    if org_role == 5 and cfkss == "1":
        return CareerGrade.ASYE
    return ORG_ROLE_GRADE[org_role]


def route_for(step_up: str | None, frontline: str | None, start_origin: str | None) -> Route:
    """The route into social work that the census flags and start origin point to."""
    if step_up == "1":
        return Route.STEP_UP
    if frontline == "1":
        return Route.FRONTLINE
    if start_origin == "1":
        return Route.ASYE
    if start_origin == "3":
        return Route.INTERNATIONAL
    return Route.EXPERIENCED


def swe_key(number: str) -> str:
    """The key that matches one Social Work England number across years.

    ``SW0123456``, ``SW123456`` and a 2022-style ``0000123456`` all give ``SW123456``: the 10
    digits some 2022 returns carried are the same registration number, zero-padded.
    """
    digits = re.sub(r"^SW", "", number.strip().upper())
    return f"SW{int(digits)}" if digits.isdigit() else number.strip().upper()
