"""Demo records about people: exit interviews, stay conversations, registration and CPD.

The story follows the seeds: before the strategy (2017) leavers mostly blame workload and
management support; afterwards career progression and moving away lead, pay stays a minor
reason, and more leavers would come back or recommend the council. "Talk Before You Walk" stay
conversations start in April 2017. Everything is drawn from one NumPy generator, people taken in
pseudonym order, so a seed always gives the same records.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import polars as pl

from thrive.codes import ReasonLeave
from thrive.codes.lifecycle import (
    ConversationOutcome,
    ConversationPrompt,
    ExitMethod,
    LeavingReason,
    RegistrationEvent,
)
from thrive.demo.feedback_text import EXIT_PHRASES, comment
from thrive.frames.workforce import WorkforceFrames
from thrive.lifecycle.models import CpdRecord, ExitInterview, RegistrationRecord, StayConversation

STRATEGY = date(2017, 1, 1)
TALK_BEFORE_YOU_WALK = date(2017, 4, 1)
RISK_LIST_FROM = date(2019, 4, 1)
FIRST_SWE_YEAR = 2020  # Social Work England took over the register in December 2019
R = LeavingReason

BEFORE: dict[LeavingReason, float] = {
    R.WORKLOAD: 22,
    R.MANAGEMENT_SUPPORT: 16,
    R.CAREER_PROGRESSION: 18,
    R.DEVELOPMENT: 9,
    R.AGENCY_WORK: 10,
    R.CULTURE: 7,
    R.PAY: 6,
    R.WELLBEING: 4,
    R.TRAVEL: 3,
    R.FLEXIBLE_WORKING: 3,
    R.RELOCATION: 2,
}
AFTER: dict[LeavingReason, float] = {
    R.CAREER_PROGRESSION: 22,
    R.RELOCATION: 11,
    R.WORKLOAD: 12,
    R.DEVELOPMENT: 10,
    R.MANAGEMENT_SUPPORT: 8,
    R.PAY: 7,
    R.FLEXIBLE_WORKING: 7,
    R.WELLBEING: 6,
    R.TRAVEL: 5,
    R.AGENCY_WORK: 5,
    R.CULTURE: 5,
    R.OTHER: 2,
}
UNHAPPY = {R.WORKLOAD, R.MANAGEMENT_SUPPORT, R.CULTURE, R.WELLBEING}
ACTIONS = {
    R.CAREER_PROGRESSION: "Progression plan to senior practitioner agreed",
    R.DEVELOPMENT: "Place on the academy's practice educator course",
    R.WORKLOAD: "Caseload review with the team manager",
    R.MANAGEMENT_SUPPORT: "Monthly reflective supervision booked",
    R.FLEXIBLE_WORKING: "Compressed hours trial agreed",
    R.WELLBEING: "Referral to occupational health and wellbeing offer",
    R.PAY: "Pay grading checked with HR",
    R.TRAVEL: "Move to the nearer office considered",
}
CPD_TITLES = (
    "Reflective practice log",
    "Direct work with children training",
    "Court skills workshop",
    "Signs of Safety refresher",
    "Practice educator session",
    "Trauma-informed practice course",
    "Peer case discussion",
    "Research in Practice webinar",
)


def _pick(rng: np.random.Generator, weights: dict[LeavingReason, float]) -> LeavingReason:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _caseload_before(frames: WorkforceFrames, stints: pl.DataFrame) -> dict[int, float]:
    """Each leaving stint's average caseload over its last six months."""
    ends = stints.filter(pl.col("left")).select("stint_id", "worker_id", "end_date")
    joined = ends.join(frames.caseloads.select("worker_id", "date", "cases"), on="worker_id")
    recent = joined.filter(
        (pl.col("date") <= pl.col("end_date"))
        & (pl.col("date") > pl.col("end_date").dt.offset_by("-6mo"))
    )
    table = recent.group_by("stint_id").agg(pl.col("cases").mean())
    return dict(zip(table["stint_id"].to_list(), table["cases"].to_list(), strict=True))


def exit_interviews(
    frames: WorkforceFrames, stints: pl.DataFrame, rng: np.random.Generator
) -> list[ExitInterview]:
    """Exit interviews or questionnaires for most leavers (more after the strategy began)."""
    caseload = _caseload_before(frames, stints)
    leaving_spell = {
        (w, e): s
        for w, e, s in frames.spells.filter(pl.col("reason_leave").is_not_null())
        .select("worker_id", "end_date", "spell_id")
        .iter_rows()
    }
    records = []
    silent = {int(ReasonLeave.DECEASED), int(ReasonLeave.DISMISSED)}
    leavers = stints.filter(pl.col("left") & (pl.col("end_date") >= date(2014, 10, 1)))
    for row in leavers.sort("end_date", "pseudonym").iter_rows(named=True):
        if row["reason_leave"] in silent:
            continue
        after = row["end_date"] >= STRATEGY
        if rng.random() > (0.8 if after else 0.45):
            continue
        weights = dict(AFTER if after else BEFORE)
        if caseload.get(row["stint_id"], 0.0) > 18:
            weights[R.WORKLOAD] *= 2.5
        if row["grade"] == "social_worker" and row["duration_years"] > 3:
            weights[R.CAREER_PROGRESSION] *= 1.8
        if row["reason_leave"] == int(ReasonLeave.RETIRED):
            primary = R.RETIREMENT
        elif row["reason_leave"] == int(ReasonLeave.MOVED_WITHIN_LA):
            primary = R.CAREER_PROGRESSION
        else:
            primary = _pick(rng, weights)
        secondary = None
        if rng.random() < 0.6:
            weights.pop(primary, None)
            secondary = _pick(rng, weights)
        unhappy = primary in UNHAPPY
        would_return = rng.random() < (0.62 if after else 0.45) * (0.55 if unhappy else 1.1)
        recommend = rng.random() < (0.78 if after else 0.52) * (0.6 if unhappy else 1.05)
        text = ""
        if rng.random() < 0.75:
            second = str(secondary) if secondary and secondary != R.RETIREMENT else None
            text = comment(rng, EXIT_PHRASES, str(primary), second)
        records.append(
            ExitInterview(
                worker_id=row["worker_id"],
                leaving_spell_id=leaving_spell.get((row["worker_id"], row["end_date"])),
                date=row["end_date"] - timedelta(days=int(rng.integers(0, 21))),
                method=str(
                    ExitMethod.INTERVIEW if rng.random() < 0.6 else ExitMethod.QUESTIONNAIRE
                ),
                primary_reason=str(primary),
                secondary_reason=str(secondary) if secondary else "",
                would_return=bool(would_return) if rng.random() < 0.95 else None,
                would_recommend=bool(recommend) if rng.random() < 0.95 else None,
                comments=text,
            )
        )
    return records


def _line_managers(frames: WorkforceFrames) -> dict[int, list[tuple[date, date | None, int]]]:
    managers: dict[int, list[tuple[date, date | None, int]]] = {}
    for manager, report, start, end in frames.line_management.iter_rows():
        managers.setdefault(report, []).append((start, end, manager))
    return managers


def _manager_on(spans: Sequence[tuple[date, date | None, int]], day: date) -> int | None:
    for start, end, manager in spans:
        if start <= day and (end is None or end >= day):
            return manager
    return None


def stay_conversations(
    stints: pl.DataFrame,
    frames: WorkforceFrames,
    exits: list[ExitInterview],
    rng: np.random.Generator,
    until: date,
) -> list[StayConversation]:
    """Talk Before You Walk: before many resignations, and now and then with people who stay."""
    reasons = {e.worker_id: LeavingReason(e.primary_reason) for e in exits}
    managers = _line_managers(frames)
    records = []

    def talk(worker: int, day: date, outcome: ConversationOutcome, concern: LeavingReason) -> None:
        prompts = [
            ConversationPrompt.WORKER,
            ConversationPrompt.MANAGER,
            ConversationPrompt.SUPERVISION,
        ]
        if day >= RISK_LIST_FROM:
            prompts.append(ConversationPrompt.RISK_LIST)
        records.append(
            StayConversation(
                worker_id=worker,
                date=day,
                held_by_id=_manager_on(managers.get(worker, []), day),
                prompted_by=str(prompts[int(rng.integers(len(prompts)))]),
                main_concern=str(concern),
                outcome=str(outcome),
                actions=ACTIONS.get(concern, "") if outcome != ConversationOutcome.LEAVING else "",
            )
        )

    for row in stints.sort("start_date", "pseudonym").iter_rows(named=True):
        first = max(row["start_date"] + timedelta(days=180), TALK_BEFORE_YOU_WALK)
        last = min(row["end_date"] or until, until)
        if row["left"] and row["end_date"] >= TALK_BEFORE_YOU_WALK and rng.random() < 0.45:
            day = row["end_date"] - timedelta(days=int(rng.integers(30, 120)))
            if day >= first:
                concern = reasons.get(row["worker_id"]) or _pick(rng, AFTER)
                outcome = (
                    ConversationOutcome.LEAVING
                    if rng.random() < 0.6
                    else ConversationOutcome.UNDECIDED
                )
                talk(row["worker_id"], day, outcome, concern)
        day = first + timedelta(days=int(rng.integers(0, 365)))
        while day <= last - timedelta(days=150):
            if rng.random() < 0.13:
                outcome = (
                    ConversationOutcome.STAYING
                    if rng.random() < 0.5
                    else ConversationOutcome.ACTION_AGREED
                )
                talk(row["worker_id"], day, outcome, _pick(rng, AFTER))
            day += timedelta(days=365)
    return records


def registrations(
    stints: pl.DataFrame, frames: WorkforceFrames, rng: np.random.Generator, until: date
) -> tuple[list[RegistrationRecord], list[CpdRecord]]:
    """Social Work England registration events and CPD records from December 2019."""
    qualified = dict(frames.workers.select("worker_id", "qualified_on").iter_rows())
    events: list[RegistrationRecord] = []
    cpd: list[CpdRecord] = []
    current_year = until.year + 1 if until.month == 12 else until.year
    seen: set[tuple[int, int]] = set()
    recorded: set[tuple[int, date, str]] = set()

    def event(worker: int, year: int, kind: RegistrationEvent, day: date) -> None:
        events.append(
            RegistrationRecord(worker_id=worker, registration_year=year, event=str(kind), date=day)
        )

    for row in stints.sort("start_date", "pseudonym").iter_rows(named=True):
        worker, start, end = row["worker_id"], row["start_date"], row["end_date"] or until
        for year in range(max(FIRST_SWE_YEAR, start.year), min(end.year + 1, current_year) + 1):
            year_from, year_to = date(year - 1, 12, 1), date(year, 11, 30)
            if start > year_to or end < year_from or (worker, year) in seen:
                continue
            seen.add((worker, year))
            on = qualified.get(worker)
            if on is not None and year_from <= on <= year_to:
                event(worker, year, RegistrationEvent.REGISTERED, on + timedelta(days=30))
            else:
                renewed = date(year - 1, 9, 1) + timedelta(days=int(rng.integers(0, 91)))
                event(worker, year, RegistrationEvent.RENEWED, renewed)
            if year == current_year and row["end_date"] is None and rng.random() < 0.006:
                event(worker, year, RegistrationEvent.LAPSED, until - timedelta(days=20))
            employed_from, employed_to = max(start, year_from), min(end, year_to, until)
            span = (employed_to - employed_from).days
            for _ in range(int(min(rng.poisson(3.2), 6)) if span > 0 else 0):
                day = employed_from + timedelta(days=int(rng.integers(0, span + 1)))
                title = CPD_TITLES[int(rng.integers(len(CPD_TITLES)))]
                if (worker, day, title) not in recorded:  # the same piece twice is one record
                    recorded.add((worker, day, title))
                    cpd.append(CpdRecord(worker_id=worker, date=day, title=title))
        # some renew for next year in the first weeks of the window
        if row["end_date"] is None and until.month >= 9 and rng.random() < 0.3:
            renewed = date(until.year, 9, 1) + timedelta(days=int(rng.integers(0, until.day)))
            event(worker, current_year + 1, RegistrationEvent.RENEWED, renewed)
    return events, cpd
