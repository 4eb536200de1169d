"""Demo staff survey: an all-staff survey every November from 2015, anonymous, by team.

Scores follow the strategy: supervision, career path, learning and feeling valued rise from
2017 as the academy, the career path and the six-report rule arrive; the workload item tracks
each team's caseload; the pay item barely moves (pay was never the lever).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from thrive.codes import ContractType
from thrive.codes.lifecycle import SurveyKind
from thrive.demo.bulk import insert_rows
from thrive.demo.feedback_text import SURVEY_PHRASES, comment
from thrive.frames.dates import in_post_on
from thrive.frames.workforce import WorkforceFrames
from thrive.lifecycle.models import SurveyAnswer, SurveyItem, SurveyResponse, SurveyWave
from thrive.workforce.models import Authority

# code, text, LGA standard, score before the strategy, rise once it has taken hold
ITEMS = (
    ("workload_manageable", "My workload is manageable", 3, 2.7, 0.6),
    ("supervision_quality", "I get regular, reflective supervision", 5, 2.8, 1.1),
    ("career_path", "I can see how to progress my career here", 6, 2.5, 1.2),
    ("learning", "I get the learning and development I need", 6, 3.0, 0.8),
    ("manager_support", "My manager supports my wellbeing", 4, 3.2, 0.6),
    ("valued", "I feel valued for the work I do", 4, 2.8, 0.8),
    ("pay_fair", "I am fairly paid for the work I do", None, 2.6, 0.1),
    ("recommend", "I would recommend the council as a place to work", 1, 2.9, 0.9),
    ("intend_to_stay", "I expect to be working here a year from now", 2, 3.0, 0.8),
)
FIRST_WAVE, RESPONSE_RATE = 2015, 0.6


def _progress(day: date) -> float:
    """How far the strategy has taken hold: 0 before 2017, rising to 1 by 2020."""
    return float(np.clip((day.year + day.month / 12 - 2017) / 3, 0, 1))


def _team_caseloads(frames: WorkforceFrames, day: date) -> dict[int, float]:
    month = frames.caseloads.filter(
        (pl.col("date") <= day) & (pl.col("date") > pl.lit(day).dt.offset_by("-1mo"))
    )
    spells = frames.spells.filter(in_post_on(day)).select("worker_id", "team_id")
    table = month.join(spells, on="worker_id").group_by("team_id").agg(pl.col("cases").mean())
    return dict(zip(table["team_id"].to_list(), table["cases"].to_list(), strict=True))


def staff_survey(
    authority: Authority, frames: WorkforceFrames, rng: np.random.Generator, until: date
) -> dict[str, int]:
    """Write the waves, items, responses and answers; return how many of each."""
    items = SurveyItem.objects.bulk_create(
        SurveyItem(authority=authority, code=code, text=text, lga_standard=standard)
        for code, text, standard, _, _ in ITEMS
    )
    team_effect = {t: float(rng.normal(0, 0.25)) for t in sorted(frames.teams["team_id"])}
    counts = {"waves": 0, "responses": 0, "answers": 0}
    for year in range(FIRST_WAVE, until.year + 1):
        opened = date(year, 11, 1)
        if opened > until:
            break
        wave = SurveyWave.objects.create(
            authority=authority, name=f"All-staff survey {year}", kind=str(SurveyKind.ALL_STAFF),
            start_date=opened, end_date=date(year, 11, 30),
        )  # fmt: skip
        staff = (
            frames.spells.filter(
                (pl.col("contract_type") != ContractType.AGENCY.value) & in_post_on(opened)
            )
            .unique("worker_id", keep="first")
            .join(frames.workers.select("worker_id", "pseudonym"), on="worker_id")
            .sort("pseudonym")
        )
        caseloads = _team_caseloads(frames, opened)
        lift = _progress(opened)
        answering = staff.filter(pl.Series(rng.random(staff.height) < RESPONSE_RATE))
        teams = answering["team_id"].to_list()
        mood = rng.normal(0, 0.5, len(teams)) + np.array([team_effect.get(t, 0.0) for t in teams])
        base = np.array([item[3] + item[4] * lift for item in ITEMS])
        latent = base + mood[:, None] + rng.normal(0, 0.6, (len(teams), len(ITEMS)))
        pressure = np.array([caseloads.get(t, 16.0) - 16.0 for t in teams])
        latent[:, 0] -= 0.08 * pressure  # the workload item follows the team's caseload
        scores = np.clip(np.rint(latent), 1, 5).astype(int)
        topics = list(SURVEY_PHRASES)
        responses = []
        for team_id, grade in zip(teams, answering["grade"].to_list(), strict=True):
            text = ""
            if rng.random() < 0.3:
                topic = topics[int(rng.integers(len(topics)))]
                text = comment(rng, SURVEY_PHRASES, topic, remark_chance=0.0)
            responses.append(SurveyResponse(wave=wave, team_id=team_id, grade=grade, comments=text))
        saved = SurveyResponse.objects.bulk_create(responses, batch_size=500)
        insert_rows(
            SurveyAnswer,
            ("response_id", "item_id", "score"),
            (
                (response.pk, item.pk, int(score))
                for response, row in zip(saved, scores, strict=True)
                for item, score in zip(items, row, strict=True)
            ),
        )
        counts["waves"] += 1
        counts["responses"] += len(saved)
        counts["answers"] += len(saved) * len(items)
    return counts
