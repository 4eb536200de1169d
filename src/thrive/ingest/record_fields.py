"""The canonical fields of the people-development and feedback records a council keeps.

Line management, the ASYE programme, development schemes, exit interviews, staff survey answers,
CPD and stay conversations: each is an extract kind like the HR ones (same templates, checks,
profiles, batches and undo), so the measures built on them work on a council's real records.
A worker is named by ``worker_id`` or ``swe_number``, as in every other extract; survey answers
name no one (staff surveys are anonymous) but a respondent reference from the survey tool.
"""

from __future__ import annotations

from decimal import Decimal

from thrive import codes
from thrive.codes import lifecycle
from thrive.ingest.council_fields import COUNCIL_FIELDS, COUNCIL_LABELS
from thrive.ingest.field_spec import SWE_NUMBER, WORKER_ID, FieldSpec, spec

LONG_TEXT = 4000  # comments, actions agreed: free text kept whole

RECORD_LABELS = {
    "line_management": "Line management",
    "asye": "ASYE programme",
    "schemes": "Scheme membership",
    "exit_interviews": "Exit interviews",
    "survey": "Staff survey answers",
    "cpd": "CPD records",
    "stay_conversations": "Stay conversations",
    **COUNCIL_LABELS,
}


def _date(name: str, label: str, doc: str, example: str, required: bool = False) -> FieldSpec:
    return spec(name, label, "date", doc, required=required, example=example)


REASON = lifecycle.LeavingReason

RECORD_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "line_management": (
        spec(
            "worker_id",
            "Worker ID",
            "text",
            "The worker_id of the person managed (the report). Either this or swe_number.",
            max_length=16,
            example="E012345",
        ),
        spec(
            "swe_number",
            "SWE number",
            "text",
            "The Social Work England number of the person managed, e.g. SW123456.",
            max_length=12,
            example="",
        ),
        spec(
            "manager_id",
            "Manager ID",
            "text",
            "The line manager's worker_id. Either this or manager_swe_number.",
            max_length=16,
            example="E000777",
        ),
        spec(
            "manager_swe_number",
            "Manager SWE number",
            "text",
            "The line manager's Social Work England number.",
            max_length=12,
            example="",
        ),
        _date(
            "start_date",
            "Start date",
            "First day the worker reports to this manager (a later start ends the open line "
            "on the day before: one line manager at a time).",
            "2023-04-01",
            required=True,
        ),
        _date("end_date", "End date", "Last day of this line; empty while current.", ""),
    ),
    "asye": (
        WORKER_ID,
        SWE_NUMBER,
        spec(
            "cohort",
            "Cohort",
            "text",
            "The ASYE cohort, e.g. 2023 September.",
            required=True,
            max_length=32,
            example="2023 September",
        ),
        _date("start_date", "Start date", "First day of the ASYE.", "2023-09-04", required=True),
        _date("review_3_months", "3-month review", "Date of the 3-month review.", "2023-12-04"),
        _date("review_6_months", "6-month review", "Date of the 6-month review.", "2024-03-04"),
        _date("review_12_months", "12-month review", "Date of the final review.", "2024-09-02"),
        spec(
            "outcome",
            "Outcome",
            "code",
            "Pass, fail or extended; empty while the year is under way.",
            codes=codes.AsyeOutcome,
            example="pass",
        ),
        _date("outcome_date", "Outcome date", "When the outcome was decided.", "2024-09-13"),
        _date("extended_to", "Extended to", "The new end date, if the ASYE was extended.", ""),
    ),
    "schemes": (
        WORKER_ID,
        SWE_NUMBER,
        spec(
            "scheme",
            "Scheme",
            "code",
            "The development scheme.",
            required=True,
            codes=codes.DevelopmentScheme,
            example="aspirant_manager",
        ),
        _date("start_date", "Start date", "First day on the scheme.", "2022-10-01", required=True),
        _date("end_date", "End date", "Last day on the scheme; empty while a member.", ""),
    ),
    "exit_interviews": (
        WORKER_ID,
        SWE_NUMBER,
        _date("date", "Date", "Date of the interview or questionnaire.", "2024-05-20", True),
        spec(
            "method",
            "Method",
            "code",
            "Interview or questionnaire.",
            required=True,
            codes=lifecycle.ExitMethod,
            example="interview",
        ),
        spec(
            "primary_reason",
            "Main reason",
            "code",
            "The main reason the leaver gave.",
            required=True,
            codes=REASON,
            example="workload",
        ),
        spec(
            "secondary_reason",
            "Second reason",
            "code",
            "A second reason, if given (not the main reason again).",
            codes=REASON,
            example="pay",
        ),
        spec(
            "would_return",
            "Would return",
            "yes_no",
            "Would they come back to work here? Empty if not answered.",
            example="yes",
        ),
        spec(
            "would_recommend",
            "Would recommend",
            "yes_no",
            "Would they recommend the council as an employer? Empty if not answered.",
            example="no",
        ),
        spec(
            "comments",
            "Comments",
            "text",
            "What the leaver said, in their words.",
            max_length=LONG_TEXT,
            example="Caseloads were too high.",
        ),
        _date(
            "leaving_date",
            "Leaving date",
            "The last day of employment the interview is about (the end date of the spell "
            "with a reason for leaving); empty: the leaving nearest the interview date.",
            "2024-05-31",
        ),
    ),
    "survey": (
        spec(
            "wave",
            "Wave",
            "text",
            "The survey run, e.g. All-staff survey 2024 (new waves are added).",
            required=True,
            max_length=80,
            example="All-staff survey 2024",
        ),
        spec(
            "wave_kind",
            "Wave kind",
            "code",
            "Which survey the wave belongs to (needed for a wave new to Thrive).",
            codes=lifecycle.SurveyKind,
            example="all_staff",
        ),
        _date("wave_start", "Wave start", "When the wave opened (needed for a new wave).", ""),
        _date("wave_end", "Wave end", "When the wave closed.", ""),
        spec(
            "respondent",
            "Respondent",
            "text",
            "The survey tool's anonymous id for one person's response: all of that person's "
            "rows in a wave make one response. Never a worker id.",
            required=True,
            max_length=40,
            example="R0042",
        ),
        spec(
            "team",
            "Team",
            "text",
            "The respondent's team, as already in Thrive; empty if not given.",
            example="Child Protection North",
        ),
        spec(
            "grade",
            "Grade",
            "code",
            "The respondent's career grade, if given.",
            codes=codes.CareerGrade,
            example="social_worker",
        ),
        spec(
            "item",
            "Item",
            "text",
            "The question's stable code, e.g. supervision_quality (new items are added).",
            required=True,
            max_length=40,
            example="supervision_quality",
        ),
        spec(
            "item_text",
            "Item text",
            "text",
            "The question as asked (needed for an item new to Thrive).",
            max_length=240,
            example="I get regular, reflective supervision",
        ),
        spec(
            "lga_standard",
            "LGA standard",
            "integer",
            "The LGA employer standard (1-8) the item tests, if any.",
            min=Decimal(1),
            max=Decimal(8),
            example="5",
        ),
        spec(
            "score",
            "Score",
            "integer",
            "The answer, from 1 (strongly disagree) to 5 (strongly agree).",
            required=True,
            min=Decimal(1),
            max=Decimal(5),
            example="4",
        ),
        spec(
            "comments",
            "Comments",
            "text",
            "The respondent's free text (on any one of their rows, or repeated on each).",
            max_length=LONG_TEXT,
            example="",
        ),
    ),
    "cpd": (
        WORKER_ID,
        SWE_NUMBER,
        _date(
            "date",
            "Date",
            "When the CPD was recorded with Social Work England.",
            "2024-02-12",
            True,
        ),
        spec(
            "title",
            "Title",
            "text",
            "What the CPD was, as recorded.",
            required=True,
            max_length=200,
            example="Reflective practice on a complex case",
        ),
    ),
    "stay_conversations": (
        WORKER_ID,
        SWE_NUMBER,
        _date("date", "Date", "When the conversation was held.", "2024-04-10", True),
        spec(
            "held_by_id",
            "Held by (worker ID)",
            "text",
            "The worker_id of the manager who held it, if on the workforce.",
            max_length=16,
            example="E000777",
        ),
        spec(
            "held_by_name",
            "Held by (name)",
            "text",
            "Who held it, if not on the workforce (e.g. HR); not with held_by_id.",
            example="",
        ),
        spec(
            "prompted_by",
            "Prompted by",
            "code",
            "What led to the conversation.",
            required=True,
            codes=lifecycle.ConversationPrompt,
            example="supervision",
        ),
        spec(
            "main_concern",
            "Main concern",
            "code",
            "The main reason they might leave, if any.",
            codes=REASON,
            example="workload",
        ),
        spec(
            "outcome",
            "Outcome",
            "code",
            "Where the conversation ended.",
            required=True,
            codes=lifecycle.ConversationOutcome,
            example="action_agreed",
        ),
        spec(
            "actions",
            "Actions",
            "text",
            "What was agreed, e.g. a caseload review.",
            max_length=LONG_TEXT,
            example="Caseload review in four weeks",
        ),
    ),
    **COUNCIL_FIELDS,
}
