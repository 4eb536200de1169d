"""The development and feedback records of an authority, as rows of their import templates.

Each exporter gives one dict per record (per answer, for the staff survey) keyed by the kind's
canonical field names, every value written as the importer reads it: dates as YYYY-MM-DD, codes
as Thrive's code, yes/no answers as ``yes`` or ``no``, workers by their worker id, and nothing
(``""``) for an empty value. So a folder of these files imported into another store gives back
the same records. ``EXPORTERS_FOR_NEW_KINDS`` maps each kind to its exporter (``thrive export
records`` writes one file per kind).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from thrive.ingest.fields import FIELDS
from thrive.ingest.record_rows import cell
from thrive.lifecycle import models as lc
from thrive.workforce import models as wf

Rows = Iterator[dict[str, str]]


def _row(kind: str, **values: Any) -> dict[str, str]:
    """Every column of the kind's template, in order; the ones not given are empty."""
    return {spec.name: cell(values.get(spec.name)) for spec in FIELDS[kind]}


def _who(worker: wf.Worker) -> dict[str, Any]:
    return {"worker_id": worker.pseudonym, "swe_number": worker.swe_number}


def line_management_rows(authority: wf.Authority) -> Rows:
    lines = wf.LineManagement.objects.filter(report__authority=authority).select_related(
        "report", "manager"
    )
    for line in lines.order_by("report__pseudonym", "start_date"):
        yield _row(
            "line_management",
            **_who(line.report),
            manager_id=line.manager.pseudonym,
            start_date=line.start_date,
            end_date=line.end_date,
        )


def asye_rows(authority: wf.Authority) -> Rows:
    records = wf.AsyeProgramme.objects.filter(worker__authority=authority).select_related("worker")
    for r in records.order_by("worker__pseudonym"):
        yield _row(
            "asye",
            **_who(r.worker),
            cohort=r.cohort,
            start_date=r.start_date,
            review_3_months=r.review_3_months,
            review_6_months=r.review_6_months,
            review_12_months=r.review_12_months,
            outcome=r.outcome,
            outcome_date=r.outcome_date,
            extended_to=r.extended_to,
        )


def scheme_rows(authority: wf.Authority) -> Rows:
    records = wf.SchemeMembership.objects.filter(worker__authority=authority)
    for r in records.select_related("worker").order_by("worker__pseudonym", "start_date", "scheme"):
        yield _row(
            "schemes",
            **_who(r.worker),
            scheme=r.scheme,
            start_date=r.start_date,
            end_date=r.end_date,
        )


def exit_interview_rows(authority: wf.Authority) -> Rows:
    records = lc.ExitInterview.objects.filter(worker__authority=authority)
    for r in records.select_related("worker", "leaving_spell").order_by(
        "worker__pseudonym", "date"
    ):
        yield _row(
            "exit_interviews",
            **_who(r.worker),
            date=r.date,
            method=r.method,
            primary_reason=r.primary_reason,
            secondary_reason=r.secondary_reason,
            would_return=r.would_return,
            would_recommend=r.would_recommend,
            comments=r.comments,
            leaving_date=r.leaving_spell.end_date if r.leaving_spell else None,
        )


UNNAMED = "unnamed-"
"""The start of the respondent id the export gives a response that has none."""


def respondent_ids(authority: wf.Authority) -> dict[int, str]:
    """Each survey response's respondent id, as the export writes it.

    A response with no respondent id (entered in Thrive, or a survey tool that gave none) gets
    ``unnamed-<n>``: n is its place among its wave's responses, in the order they were stored
    (``unnamed-1`` the first), skipping any id the wave already uses. The place does not depend
    on the store's own numbers, so exporting the same records from any store gives the same ids;
    and once imported, the id is the response's own, so exporting again gives it back unchanged.
    """
    ids: dict[int, str] = {}
    by_wave: dict[int, list[tuple[int, str]]] = {}
    responses = lc.SurveyResponse.objects.filter(wave__authority=authority).order_by("pk")
    for pk, wave_id, respondent in responses.values_list("pk", "wave_id", "respondent"):
        by_wave.setdefault(wave_id, []).append((pk, respondent))
    for stored in by_wave.values():
        taken = {respondent for _, respondent in stored if respondent}
        for place, (pk, respondent) in enumerate(stored, start=1):
            given = respondent or f"{UNNAMED}{place}"
            while given in taken and not respondent:
                given += "x"
            ids[pk] = given
    return ids


def survey_rows(authority: wf.Authority) -> Rows:
    """One row per answer; each respondent's answers together, the items in the order stored
    (the order of the questions), so an import adds the items in that order again."""
    respondents = respondent_ids(authority)
    answers = lc.SurveyAnswer.objects.filter(response__wave__authority=authority).select_related(
        "response__wave", "response__team", "item"
    )
    for a in answers.order_by("response__wave__start_date", "response__wave__name", "response_id",
                              "item_id"):  # fmt: skip
        response, wave, item = a.response, a.response.wave, a.item
        yield _row(
            "survey",
            wave=wave.name,
            wave_kind=wave.kind,
            wave_start=wave.start_date,
            wave_end=wave.end_date,
            respondent=respondents[response.pk],
            team=response.team.name if response.team else None,
            grade=response.grade,
            item=item.code,
            item_text=item.text,
            lga_standard=item.lga_standard,
            score=a.score,
            comments=response.comments,
        )


def cpd_rows(authority: wf.Authority) -> Rows:
    records = lc.CpdRecord.objects.filter(worker__authority=authority).select_related("worker")
    for r in records.order_by("worker__pseudonym", "date", "title"):
        yield _row("cpd", **_who(r.worker), date=r.date, title=r.title)


def stay_conversation_rows(authority: wf.Authority) -> Rows:
    records = lc.StayConversation.objects.filter(worker__authority=authority)
    for r in records.select_related("worker", "held_by").order_by("worker__pseudonym", "date"):
        yield _row(
            "stay_conversations",
            **_who(r.worker),
            date=r.date,
            held_by_id=r.held_by.pseudonym if r.held_by else None,
            held_by_name=r.held_by_name,
            prompted_by=r.prompted_by,
            main_concern=r.main_concern,
            outcome=r.outcome,
            actions=r.actions,
        )


EXPORTERS_FOR_NEW_KINDS: dict[str, Callable[[wf.Authority], Rows]] = {
    "line_management": line_management_rows,
    "asye": asye_rows,
    "schemes": scheme_rows,
    "exit_interviews": exit_interview_rows,
    "survey": survey_rows,
    "cpd": cpd_rows,
    "stay_conversations": stay_conversation_rows,
}
