"""Each development and feedback exporter gives rows the importer takes back unchanged.

Records entered as the demo and the admin enter them (in authority 999) are exported as template
rows, written to CSV, and imported into a second authority (998) with the same staff but none of
these records: both then hold the same records, compared by worker ids, names and values.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from thrive.ingest.development_exports import EXPORTERS_FOR_NEW_KINDS
from thrive.ingest.extract_import import import_extract
from thrive.ingest.fields import FIELDS
from thrive.lifecycle import models as lc
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
D = dt.date


def _staff(data: Path, la: str) -> wf.Authority:
    for kind in ("posts", "staff"):
        import_extract(kind, data / f"{kind}.csv", authority=la, user="test", today=TODAY)
    return wf.Authority.objects.get(la_number=la)


def _records(authority: wf.Authority) -> None:
    """Records of every kind, written straight to the store as the demo and the admin do."""
    w = {x.pseudonym: x for x in wf.Worker.objects.filter(authority=authority)}
    wf.LineManagement.objects.bulk_create([
        wf.LineManagement(manager=w["E000001"], report=w["E000002"], start_date=D(2021, 1, 4)),
        wf.LineManagement(manager=w["E000001"], report=w["E000004"], start_date=D(2021, 5, 10),
                          end_date=D(2024, 5, 31)),
        wf.LineManagement(manager=w["E000006"], report=w["E000007"], start_date=D(2020, 6, 1)),
    ])  # fmt: skip
    wf.AsyeProgramme.objects.create(
        worker=w["E000003"], cohort="2022 September", start_date=D(2022, 9, 5),
        review_3_months=D(2022, 12, 5), review_6_months=D(2023, 3, 6),
        review_12_months=D(2023, 9, 4), outcome="pass", outcome_date=D(2023, 9, 15),
    )  # fmt: skip
    wf.AsyeProgramme.objects.create(
        worker=w["E000005"], cohort="2023 September", start_date=D(2023, 9, 4),
        review_3_months=D(2023, 12, 4),
    )  # fmt: skip
    wf.SchemeMembership.objects.create(
        worker=w["E000002"], scheme="aspirant_manager", start_date=D(2023, 1, 9)
    )
    wf.SchemeMembership.objects.create(
        worker=w["E000007"], scheme="practice_educator", start_date=D(2021, 3, 1),
        end_date=D(2022, 2, 28),
    )  # fmt: skip
    lc.ExitInterview.objects.create(
        worker=w["E000004"], leaving_spell=w["E000004"].spells.get(), date=D(2024, 5, 20),
        method="questionnaire", primary_reason="career_progression", secondary_reason="",
        would_return=None, would_recommend=True, comments='She said "more support", then left.',
    )  # fmt: skip
    wave = lc.SurveyWave.objects.create(
        authority=authority, name="All-staff survey 2023", kind="all_staff",
        start_date=D(2023, 11, 1), end_date=D(2023, 11, 30),
    )  # fmt: skip
    items = [
        lc.SurveyItem.objects.create(authority=authority, code="valued", text="I feel valued",
                                     lga_standard=4),
        lc.SurveyItem.objects.create(authority=authority, code="pay_fair", text="Fair pay, yes"),
    ]  # fmt: skip
    team = wf.Team.objects.get(service__authority=authority, name="Child Protection North")
    answers = {
        ("social_worker", "Workload is heavy,\nbut the team is good."): (4, 2),
        ("senior_practitioner", ""): (5, 1),
    }
    for (grade, comments), scores in answers.items():
        response = lc.SurveyResponse.objects.create(
            wave=wave, team=team if comments else None, grade=grade, comments=comments
        )
        for item, score in zip(items, scores, strict=True):
            lc.SurveyAnswer.objects.create(response=response, item=item, score=score)
    for day, title in ((D(2024, 2, 12), "Reflective practice"), (D(2024, 6, 3), "Training")):
        lc.CpdRecord.objects.create(worker=w["E000002"], date=day, title=title)
    lc.StayConversation.objects.create(
        worker=w["E000004"], date=D(2024, 4, 10), held_by=w["E000001"], prompted_by="manager",
        main_concern="workload", outcome="leaving",
    )  # fmt: skip
    lc.StayConversation.objects.create(
        worker=w["E000007"], date=D(2024, 7, 1), held_by_name="HR business partner",
        prompted_by="worker", main_concern="", outcome="action_agreed", actions="Compressed hours",
    )  # fmt: skip


def _workers(q: Any, *names: str) -> list[tuple[Any, ...]]:
    return sorted(q.values_list(*names), key=repr)


CANONICAL: dict[str, Callable[[wf.Authority], list[tuple[Any, ...]]]] = {
    "line_management": lambda a: _workers(
        wf.LineManagement.objects.filter(report__authority=a),
        "report__pseudonym", "manager__pseudonym", "start_date", "end_date",
    ),
    "asye": lambda a: _workers(
        wf.AsyeProgramme.objects.filter(worker__authority=a),
        "worker__pseudonym", "cohort", "start_date", "review_3_months", "review_6_months",
        "review_12_months", "outcome", "outcome_date", "extended_to",
    ),
    "schemes": lambda a: _workers(
        wf.SchemeMembership.objects.filter(worker__authority=a),
        "worker__pseudonym", "scheme", "start_date", "end_date",
    ),
    "exit_interviews": lambda a: _workers(
        lc.ExitInterview.objects.filter(worker__authority=a),
        "worker__pseudonym", "leaving_spell__end_date", "date", "method", "primary_reason",
        "secondary_reason", "would_return", "would_recommend", "comments",
    ),
    "survey": lambda a: _workers(
        lc.SurveyAnswer.objects.filter(response__wave__authority=a),
        "response__wave__name", "response__wave__kind", "response__wave__start_date",
        "response__wave__end_date", "response__team__name", "response__grade",
        "response__comments", "item__code", "item__text", "item__lga_standard", "score",
    ),
    "cpd": lambda a: _workers(
        lc.CpdRecord.objects.filter(worker__authority=a), "worker__pseudonym", "date", "title"
    ),
    "stay_conversations": lambda a: _workers(
        lc.StayConversation.objects.filter(worker__authority=a),
        "worker__pseudonym", "date", "held_by__pseudonym", "held_by_name", "prompted_by",
        "main_concern", "outcome", "actions",
    ),
}  # fmt: skip


@pytest.fixture
def two_councils(data: Path) -> tuple[wf.Authority, wf.Authority]:
    source = _staff(data, "999")
    _records(source)
    return source, _staff(data, "998")


def test_every_new_kind_has_an_exporter() -> None:
    assert sorted(EXPORTERS_FOR_NEW_KINDS) == sorted(CANONICAL)


@pytest.mark.parametrize("kind", sorted(EXPORTERS_FOR_NEW_KINDS))
def test_exported_rows_import_back_as_the_same_records(
    kind: str, two_councils: tuple[wf.Authority, wf.Authority], tmp_path: Path
) -> None:
    source, target = two_councils
    rows = list(EXPORTERS_FOR_NEW_KINDS[kind](source))
    names = [spec.name for spec in FIELDS[kind]]
    assert rows and all(list(row) == names for row in rows)
    path = tmp_path / f"{kind}.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    assert CANONICAL[kind](target) == []
    outcome = import_extract(kind, path, authority="998", user="test", today=TODAY)
    assert outcome.counts is not None and outcome.counts.added == len(rows)
    assert CANONICAL[kind](target) == CANONICAL[kind](source)
    again = import_extract(kind, path, authority="998", user="test", today=TODAY)
    assert again.counts is not None and again.counts.unchanged == len(rows)
