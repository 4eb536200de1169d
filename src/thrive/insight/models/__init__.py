"""The insight records: conversations, exits, surveys, recruitment and registration."""

from thrive.insight.models.conversations import StayConversation
from thrive.insight.models.exits import ExitInterview
from thrive.insight.models.recruitment import Candidate, Requisition, StageEvent
from thrive.insight.models.registration import CpdRecord, RegistrationRecord
from thrive.insight.models.surveys import SurveyAnswer, SurveyItem, SurveyResponse, SurveyWave

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
]
