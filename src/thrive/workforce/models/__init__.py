"""The workforce model: structure, people, employment over time, practice and careers."""

from thrive.workforce.models.access import UserAccess
from thrive.workforce.models.development import AsyeProgramme, SchemeMembership
from thrive.workforce.models.employment import EmploymentSpell, EstablishmentPost, LineManagement
from thrive.workforce.models.organisation import Authority, Service, Team, TeamManagerAssignment
from thrive.workforce.models.people import Worker
from thrive.workforce.models.practice import (
    AbsenceEpisode,
    Appraisal,
    CaseloadSnapshot,
    Supervision,
)
from thrive.workforce.models.targets import MeasureTarget

__all__ = [
    "AbsenceEpisode",
    "Appraisal",
    "AsyeProgramme",
    "Authority",
    "CaseloadSnapshot",
    "EmploymentSpell",
    "EstablishmentPost",
    "LineManagement",
    "MeasureTarget",
    "SchemeMembership",
    "Service",
    "Supervision",
    "Team",
    "TeamManagerAssignment",
    "UserAccess",
    "Worker",
]
