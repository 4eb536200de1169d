"""The code lists of the lifecycle records (plain Python, no Django, like :mod:`thrive.codes`).

Exit-interview reasons follow what councils' exit questionnaires ask and what Somerset's
research found matters (career development and support, workload, management, pay); recruitment
sources are the channels the strategies name.
"""

from __future__ import annotations

from thrive.codes import TextCode


class LeavingReason(TextCode):
    """Why someone says they are leaving (exit interview) or might leave (stay conversation)."""

    CAREER_PROGRESSION = "career_progression", "Career progression elsewhere"
    DEVELOPMENT = "development", "Lack of learning and development"
    WORKLOAD = "workload", "Workload or caseload"
    MANAGEMENT_SUPPORT = "management_support", "Management support or supervision"
    CULTURE = "culture", "Team culture or morale"
    PAY = "pay", "Pay and benefits"
    AGENCY_WORK = "agency_work", "Moving to agency work"
    TRAVEL = "travel", "Travel or location"
    FLEXIBLE_WORKING = "flexible_working", "Flexible working or hours"
    WELLBEING = "wellbeing", "Stress or wellbeing"
    RELOCATION = "relocation", "Relocation or family reasons"
    RETIREMENT = "retirement", "Retirement"
    OTHER = "other", "Other"


class ExitMethod(TextCode):
    """How the exit feedback was collected."""

    INTERVIEW = "interview", "Exit interview"
    QUESTIONNAIRE = "questionnaire", "Exit questionnaire"


class ConversationPrompt(TextCode):
    """What led to a stay conversation."""

    RISK_LIST = "risk_list", "Leaving-risk list"
    WORKER = "worker", "Worker asked"
    MANAGER = "manager", "Manager's concern"
    SUPERVISION = "supervision", "Raised in supervision"
    OTHER = "other", "Other"


class ConversationOutcome(TextCode):
    """Where a stay conversation ended."""

    STAYING = "staying", "Staying"
    ACTION_AGREED = "action_agreed", "Staying, with actions agreed"
    UNDECIDED = "undecided", "Undecided"
    LEAVING = "leaving", "Intends to leave"


class SurveyKind(TextCode):
    """Which staff survey a wave belongs to."""

    ALL_STAFF = "all_staff", "All-staff survey"
    SWORD = "sword", "SWORD organisational resilience survey"
    HEALTH_CHECK = "health_check", "Social Work Health Check"
    PULSE = "pulse", "Pulse survey"


class CandidateSource(TextCode):
    """Where a candidate heard of the job or came from."""

    MICROSITE = "microsite", "Recruitment microsite"
    SOCIAL_MEDIA = "social_media", "Social media"
    JOB_BOARD = "job_board", "Job board"
    RECRUITMENT_FAIR = "recruitment_fair", "Recruitment fair"
    TRY_BEFORE_YOU_APPLY = "try_before_you_apply", "Try Before You Apply visit"
    STEP_UP = "step_up", "Step Up to Social Work"
    FRONTLINE = "frontline", "Frontline"
    REFERRAL = "referral", "Staff referral"
    AGENCY_CONVERSION = "agency_conversion", "Agency conversion"
    OTHER = "other", "Other"


class VisitorStage(TextCode):
    """Where a Try Before You Apply visitor is in their career when they visit."""

    STUDENT = "student", "Student social worker"
    NEWLY_QUALIFIED = "newly_qualified", "Newly qualified social worker"
    EXPERIENCED = "experienced", "Experienced social worker"
    AGENCY = "agency", "Agency social worker"


class Stage(TextCode):
    """A step in the recruitment pipeline, in order; withdrawn and rejected end it early."""

    APPLIED = "applied", "Applied"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEWED = "interviewed", "Interviewed"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    STARTED = "started", "Started"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REJECTED = "rejected", "Rejected"


FUNNEL = (
    Stage.APPLIED,
    Stage.SHORTLISTED,
    Stage.INTERVIEWED,
    Stage.OFFERED,
    Stage.ACCEPTED,
    Stage.STARTED,
)
"""The stages a successful candidate passes through, in order."""


class DeclineReason(TextCode):
    """Why a candidate turned down an offer (or withdrew after accepting)."""

    PAY = "pay", "Pay or package"
    ANOTHER_OFFER = "another_offer", "Accepted another offer"
    COUNTER_OFFER = "counter_offer", "Counter-offer from current employer"
    LOCATION = "location", "Location or travel"
    CASELOAD = "caseload", "Caseload or workload concerns"
    ROLE_FIT = "role_fit", "The role was not what they wanted"
    PERSONAL = "personal", "Personal circumstances"
    OTHER = "other", "Other"


class RegistrationEvent(TextCode):
    """A Social Work England registration event for one registration year."""

    REGISTERED = "registered", "First registered"
    RENEWED = "renewed", "Renewed"
    LAPSED = "lapsed", "Lapsed"
    REMOVED = "removed", "Removed"
