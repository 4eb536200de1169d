"""The lifecycle records: conversations, exits, surveys, recruitment (and Try Before You Apply
visits) and registration."""

from thrive.lifecycle.models.conversations import StayConversation
from thrive.lifecycle.models.exits import ExitInterview
from thrive.lifecycle.models.recruitment import Candidate, Requisition, StageEvent, Visit
from thrive.lifecycle.models.registration import CpdRecord, RegistrationRecord
from thrive.lifecycle.models.surveys import SurveyAnswer, SurveyItem, SurveyResponse, SurveyWave

__all__ = [
    "Candidate",
    "CpdRecord",
    "ExitInterview",
    "RegistrationRecord",
    "Requisition",
    "StageEvent",
    "StayConversation",
    "SurveyAnswer",
    "SurveyItem",
    "SurveyResponse",
    "SurveyWave",
    "Visit",
]
