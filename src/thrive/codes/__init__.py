"""The code lists Thrive uses everywhere: the census's, and the council's own career grades.

Each list lives here once. The census lists follow the Department for Education's Children's
Social Work Workforce (CSWW) return; the local lists (career grade, contract type, route into
social work...) are Thrive's own, each mapped to the census where the census has a matching field.

This module is plain Python (no Django), so the analysis packages can use it too. Every list is
an enum whose members carry a plain-English ``label``; ``choices()`` gives ``(value, label)``
pairs for Django fields and forms.

>>> OrgRole.CASE_HOLDER.label
'Case holder'
>>> CareerGrade.ASYE.org_role
<OrgRole.CASE_HOLDER: 5>
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any


class _Labelled:
    """Mixin: members are declared as ``NAME = value, "Label"``."""

    label: str

    @classmethod
    def choices(cls) -> list[tuple[Any, str]]:
        return [(member.value, member.label) for member in cls]  # type: ignore[attr-defined]


class IntCode(_Labelled, IntEnum):
    """A census code list whose codes are whole numbers."""

    if not TYPE_CHECKING:  # members are declared as (code, label); lookups take the code alone

        def __new__(cls, value: int, label: str) -> IntCode:
            member = int.__new__(cls, value)
            member._value_ = value
            member.label = label
            return member


class TextCode(_Labelled, StrEnum):
    """A code list whose codes are short strings."""

    if not TYPE_CHECKING:

        def __new__(cls, value: str, label: str) -> TextCode:
            member = str.__new__(cls, value)
            member._value_ = value
            member.label = label
            return member

    def __str__(self) -> str:
        return str(self.value)


# --- The census (CSWW) code lists ------------------------------------------------------------


class OrgRole(IntCode):
    """The census ``OrgRole``: the worker's role in the organisation."""

    SENIOR_MANAGER = 1, "Senior manager"
    MIDDLE_MANAGER = 2, "Middle manager"
    FIRST_LINE_MANAGER = 3, "First line manager"
    SENIOR_PRACTITIONER = 4, "Senior practitioner"
    CASE_HOLDER = 5, "Case holder"
    QUALIFIED_WITHOUT_CASES = 6, "Qualified without cases"


class StartOrigin(IntCode):
    """The census ``StartOrigin``: where a starter came from."""

    NEWLY_QUALIFIED = 1, "Newly qualified social worker"
    OTHER_LA_ENGLAND = 2, "Social worker role in a different local authority in England"
    OUTSIDE_ENGLAND = 3, "Social worker role outside England"
    AGENCY_ENGLAND = 4, "Agency or consultancy in social work (England)"
    NON_LA_SOCIAL_WORK = 5, "Other social work role, non-local authority (England)"
    OTHER_SOCIAL_CARE = 6, "Other social care role, local authority or not (England)"
    NON_SOCIAL_CARE = (
        7,
        ("Non-social-care role, any role outside England, no employment or career break"),
    )
    OTHER = 8, "Other"
    NOT_KNOWN = 9, "Not known"
    NOT_YET_COLLECTED = 10, "Not yet collected"


class LeaverDestination(IntCode):
    """The census ``LeaverDestination``: where a leaver went (StartOrigin less 'NQSW')."""

    OTHER_LA_ENGLAND = 1, "Social worker role in a different local authority in England"
    OUTSIDE_ENGLAND = 2, "Social worker role outside England"
    AGENCY_ENGLAND = 3, "Agency or consultancy in social work (England)"
    NON_LA_SOCIAL_WORK = 4, "Other social work role, non-local authority (England)"
    OTHER_SOCIAL_CARE = 5, "Other social care role, local authority or not (England)"
    NON_SOCIAL_CARE = (
        6,
        ("Non-social-care role, any role outside England, no employment or career break"),
    )
    OTHER = 7, "Other"
    NOT_KNOWN = 8, "Not known"
    NOT_YET_COLLECTED = 9, "Not yet collected"


class ReasonLeave(IntCode):
    """The census ``ReasonLeave``: why a leaver left."""

    RESIGNATION = 1, "Resignation"
    VOLUNTARY_REDUNDANCY = 2, "Voluntary redundancy"
    COMPULSORY_REDUNDANCY = 3, "Compulsory redundancy"
    DISMISSED = 4, "Dismissed"
    RETIRED = 5, "Retired"
    DECEASED = 6, "Deceased"
    MOVED_WITHIN_LA = 7, "Moved to a non-children-and-family social work role within the LA"
    OTHER = 8, "Other"
    NOT_KNOWN = 9, "Not known"
    NOT_YET_COLLECTED = 10, "Not yet collected"


class ReasonAbsence(TextCode):
    """The census ``ReasonAbsence``: why a worker was absent."""

    MATERNITY_PATERNITY = "MAT", "Maternity or paternity leave"
    OTHER_PAID = "OTH", "Other paid authorised absence"
    PUBLIC_DUTIES = "PUB", "Public duties"
    SICKNESS = "SIC", "Sickness"
    TRAINING = "TRN", "Training"
    UNAUTHORISED = "UNA", "Unauthorised absence"
    UNPAID = "UNP", "Unpaid authorised absence"


class Ethnicity(TextCode):
    """The census ``Ethnicity`` codes (the Department's 18 categories)."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WOTH = "WOTH", "Any other White background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"

    @property
    def group(self) -> str:
        """The broad group the Department publishes (White, Mixed, Asian, Black, Other, Unknown)."""
        return _ETHNIC_GROUPS[self.value[0]] if self.value not in ("REFU", "NOBT") else "Unknown"


_ETHNIC_GROUPS = {
    "W": "White",
    "M": "Mixed",
    "A": "Asian",
    "B": "Black",
    "C": "Other",
    "O": "Other",
}


class Sex(TextCode):
    """Sex as recorded (census: ``GenderCurrent`` 0/1/2/9 to 2023, ``Sex`` M/F from 2024)."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    NOT_KNOWN = "U", "Not known or not specified"


class QualLevel(IntCode):
    """The census ``QualLevel``: the level of the worker's social work qualification."""

    UNDERGRADUATE = 1, "Undergraduate"
    POSTGRADUATE = 2, "Postgraduate"
    OTHER = 3, "Other"


# --- Thrive's local lists ---------------------------------------------------------------------


class ContractType(TextCode):
    """How the worker is engaged. Agency workers are not paid directly by the council."""

    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed-term"
    AGENCY = "agency", "Agency"

    @property
    def is_agency(self) -> bool:
        return self is ContractType.AGENCY


class CareerGrade(TextCode):
    """The council's local career grades, from newly qualified to head of service."""

    ASYE = "asye", "ASYE social worker"
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    CONSULTANT_SOCIAL_WORKER = "consultant_social_worker", "Consultant social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    OPERATIONS_MANAGER = "operations_manager", "Operations manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"

    @property
    def org_role(self) -> OrgRole:
        """The census OrgRole a worker on this grade is usually returned under."""
        return _GRADE_ORG_ROLE[str(self)]

    @property
    def is_manager(self) -> bool:
        return self.org_role <= OrgRole.FIRST_LINE_MANAGER

    @property
    def rank(self) -> int:
        """Seniority, 0 for ASYE upwards: used to keep the more senior post in headcount."""
        return list(CareerGrade).index(self)


_GRADE_ORG_ROLE = {
    "asye": OrgRole.CASE_HOLDER,
    "social_worker": OrgRole.CASE_HOLDER,
    "senior_practitioner": OrgRole.SENIOR_PRACTITIONER,
    "consultant_social_worker": OrgRole.SENIOR_PRACTITIONER,
    "team_manager": OrgRole.FIRST_LINE_MANAGER,
    "operations_manager": OrgRole.MIDDLE_MANAGER,
    "head_of_service": OrgRole.SENIOR_MANAGER,
}


class Route(TextCode):
    """The worker's route into social work (or into this council, for experienced hires)."""

    ASYE = "asye", "Newly qualified (ASYE)"
    STEP_UP = "step_up", "Step Up to Social Work"
    FRONTLINE = "frontline", "Frontline"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    EXPERIENCED = "experienced", "Experienced hire"
    INTERNATIONAL = "international", "International recruit"

    @property
    def is_newly_qualified(self) -> bool:
        """Routes that bring in a newly qualified social worker who then does the ASYE."""
        return self in (Route.ASYE, Route.STEP_UP, Route.FRONTLINE, Route.APPRENTICESHIP)


class TeamKind(TextCode):
    """What a team does."""

    ASSESSMENT = "assessment", "Assessment"
    CHILD_PROTECTION = "child_protection", "Child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    FOSTERING = "fostering", "Fostering"
    ADOPTION = "adoption", "Adoption"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    MANAGEMENT = "management", "Management"


class SupervisionKind(TextCode):
    """The kind of supervision session."""

    INDIVIDUAL = "individual", "Individual"
    GROUP = "group", "Group"
    REFLECTIVE = "reflective", "Reflective"


class AsyeOutcome(TextCode):
    """The outcome of the Assessed and Supported Year in Employment."""

    PASS = "pass", "Pass"
    FAIL = "fail", "Fail"
    EXTENDED = "extended", "Extended"


class DevelopmentScheme(TextCode):
    """Career schemes a worker can be a member of."""

    ASPIRANT_MANAGER = "aspirant_manager", "Aspirant manager scheme"
    PRACTICE_EDUCATOR = "practice_educator", "Practice educator"
    LEADERSHIP = "leadership", "Leadership programme"


class Role(TextCode):
    """What a Thrive user may see: each login has one role and, for managers, a scope."""

    HR_ADMIN = "hr_admin", "HR admin"
    LEADERSHIP = "leadership", "Leadership"
    SERVICE_MANAGER = "service_manager", "Service manager"
    TEAM_MANAGER = "team_manager", "Team manager"
