"""``thrive retention`` and ``thrive recruitment`` on a small council built in the test database."""

from __future__ import annotations

import json
import pickle
from dataclasses import fields
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factories import authority, spell, team, worker
from thrive.centre.centre import Centre
from thrive.codes import CareerGrade, Route
from thrive.commands.result_tables import as_payload
from thrive.frames.cache import fresh_version
from thrive.lifecycle.models import Candidate, ExitInterview, Requisition, StageEvent
from thrive.summaries import results
from thrive.summaries.results_common import Loaded
from thrive.workforce.models import Authority, CaseloadSnapshot, Supervision

pytestmark = pytest.mark.django_db
AS_AT = date(2024, 9, 30)


def _council():  # type: ignore[no-untyped-def]
    """60 social workers in two teams, hired 2016-2021; about half leave, heavier caseloads
    leave sooner. Monthly caseloads and supervision; an exit interview for each leaver; a
    requisition and two candidates behind each hire."""
    rng = np.random.default_rng(11)
    council = authority()
    teams = [team(council, "Assessment North"), team(council, "Child Protection South")]
    snapshots, sessions = [], []
    for n in range(60):
        start = date(2016, 1, 1) + timedelta(days=int(rng.integers(0, 6 * 365)))
        heavy = n % 3 == 0
        months = int(rng.exponential(30 if heavy else 70)) + 2
        end = start + timedelta(days=30 * months)
        left = end <= AS_AT
        who = worker(council, route=Route.ASYE if n % 2 else Route.EXPERIENCED)
        spell(who, teams[n % 2], start, end if left else None, grade=CareerGrade.SOCIAL_WORKER,
              **({"reason_leave": 1, "leaver_destination": 1} if left else {}))  # fmt: skip
        day = start
        while day <= min(end, AS_AT):
            snapshots.append(CaseloadSnapshot(worker=who, date=day, cases=24 if heavy else 13))
            sessions.append(Supervision(worker=who, date=day, kind="individual"))
            day += timedelta(days=30)
        if left:
            ExitInterview.objects.create(worker=who, date=end, method="interview",
                                         primary_reason="workload" if heavy else "relocation",
                                         would_return=not heavy, would_recommend=True,
                                         comments="My caseload was too high" if heavy else
                                         "My family is moving away")  # fmt: skip
        requisition = Requisition.objects.create(authority=council, reference=f"R{n}",
                                                 team=teams[n % 2], grade="social_worker",
                                                 start_date=start - timedelta(days=90))  # fmt: skip
        for k, source in enumerate(("job_board" if heavy else "referral", "microsite")):
            hired = who if k == 0 else None
            candidate = Candidate.objects.create(
                requisition=requisition, reference=f"C{n}-{k}", source=source, hired_worker=hired
            )
            StageEvent.objects.create(
                candidate=candidate, stage="applied", date=start - timedelta(days=80)
            )
            if k == 0:
                StageEvent.objects.create(
                    candidate=candidate, stage="accepted", date=start - timedelta(days=40)
                )
                StageEvent.objects.create(candidate=candidate, stage="started", date=start)
    CaseloadSnapshot.objects.bulk_create(snapshots)
    Supervision.objects.bulk_create(sessions)
    return council


def _json(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command(*args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_every_retention_action_answers_in_json() -> None:
    _council()
    curves = _json("retention", "curves", "--by", "route_in", "--as-at", "2024-09-30")
    assert {c["cohort"] for c in curves["cohorts"]} == {"asye", "experienced"}  # type: ignore[index, union-attr]
    assert sum(c["people"] for c in curves["cohorts"]) == 60  # type: ignore[index, union-attr]
    risk = _json("retention", "risk", "--as-at", "2024-09-30")
    ratios = {r["covariate"]: r for r in risk["hazard_ratios"]}  # type: ignore[union-attr]
    assert ratios["high_caseload"]["hazard_ratio"] > 1  # type: ignore[index]
    assert 0 <= risk["out_of_time"]["concordance"] <= 1  # type: ignore[index]
    at_risk = _json("retention", "at-risk", "--top", "5", "--as-at", "2024-09-30")
    assert at_risk["shown"] == 5 and "name" not in at_risk["people"][0]  # type: ignore[index]
    exits = _json("retention", "exits", "--as-at", "2024-09-30")
    assert {r["reason"] for r in exits["reasons"]} == {"workload", "relocation"}  # type: ignore[union-attr]
    themes = _json("retention", "themes", "--themes", "2")
    assert themes["comments"] == ExitInterview.objects.count()
    for action in ("careers", "registration"):
        assert _json("retention", action, "--as-at", "2024-09-30")["authority"]


def test_the_funnel_and_an_import_from_the_command_line(tmp_path: Path) -> None:
    council = _council()
    funnel = _json("recruitment", "funnel", "--by", "source")
    steps = {r["stage"]: r["candidates"] for r in funnel["funnel"]}  # type: ignore[union-attr]
    assert steps["applied"] == 120 and steps["started"] == 60
    stayed = funnel["hires_who_stay"]["source"]["cohorts"]  # type: ignore[index]
    assert {c["cohort"] for c in stayed} == {"job_board", "referral"}
    export = tmp_path / "ats.csv"
    export.write_text(
        "requisition,team,grade,opened,candidate,source,applied\n"
        "NEW1,Assessment North,social_worker,2024-09-01,X1,referral,2024-09-03\n",
        "utf-8",
    )
    result = _json("recruitment", "import", str(export), "--authority", council.la_number)
    assert result["added"] == 2 and Requisition.objects.filter(reference="NEW1").exists()
    export.write_text("requisition,team,grade,opened,candidate,source\nN2,Nowhere,social_worker,"
                      "2024-09-01,X2,referral\n", "utf-8")  # fmt: skip
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("recruitment", "import", str(export), stdout=StringIO(), stderr=StringIO())
    assert _json("recruitment", "funnel")["visit_funnel"] == []  # no visit recorded yet
    visits = tmp_path / "visits.csv"
    visits.write_text(
        "visit,date,career_stage,source,candidate\nV1,2024-08-20,student,social_media,X1\n"
        "V2,2024-08-21,experienced,,\n",
        "utf-8",
    )
    call_command("import", "visits", str(visits), stdout=StringIO())
    fresh_version()  # one process here: read the store's version now, not in a few seconds
    funnel = _json("recruitment", "funnel")
    steps = {r["stage"]: r["visits"] for r in funnel["visit_funnel"]}  # type: ignore[union-attr]
    assert (steps["visited"], steps["applied"], steps["shortlisted"]) == (2, 1, 0)
    by_stage = {r["group"]: r["applied"] for r in funnel["visits_by_career_stage"]}  # type: ignore[union-attr]
    assert by_stage == {"student": 1, "experienced": 0}


def test_table_output_and_refusals() -> None:
    with pytest.raises(CommandError, match="no authority"):
        call_command("retention", "curves", stdout=StringIO())
    _council()
    out = StringIO()
    call_command("retention", "curves", "--as-at", "2024-09-30", stdout=out)
    assert "Cohorts" in out.getvalue() and "experienced" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("retention", "curves", "--as-at", "30/09/2024", stdout=StringIO())


def test_pages_suppress_small_cohorts_and_filter_named_people() -> None:
    council = _council()
    by_team = results.retention_curves(records(council), by="first_team", as_at=AS_AT, named=False)
    assert all(not c.suppressed for c in by_team.cohorts)  # 30 people each
    start = results.retention_curves(records(council), by="start_year", as_at=AS_AT, named=False)
    small = [c for c in start.cohorts if c.suppressed]
    assert small and all(c.people is None and c.retained_1y is None for c in small)
    shown_cohorts = {p.cohort for p in start.curves}
    assert not shown_cohorts & {c.cohort for c in small}
    everyone = results.people_at_risk(records(council), visible=None, as_at=AS_AT, top=None)
    first = everyone.people[0].worker_id
    mine = results.people_at_risk(records(council), visible={first}, as_at=AS_AT, top=None)
    assert [p.worker_id for p in mine.people] == [first]
    assert results.people_at_risk(records(council), visible=set(), as_at=AS_AT).people == []


def test_results_keep_in_the_cache_and_print_their_fields_in_order() -> None:
    data = records(_council())
    for result in (
        results.retention_curves(data, as_at=AS_AT),
        results.leaving_risk(data, as_at=AS_AT),
        results.people_at_risk(data, visible=None, as_at=AS_AT),
        results.exits_summary(data, end=AS_AT, by="team"),
        results.text_themes(data, themes=2),
        results.survey_summary(data),
        results.careers_summary(data, as_at=AS_AT),
        results.registration_summary(data, as_at=AS_AT),
        results.recruitment_summary(data, as_at=AS_AT),
    ):
        assert pickle.loads(pickle.dumps(result)) == result  # Django's cache pickles them
        assert list(as_payload(result)) == [f.name for f in fields(result)]


def records(authority: Authority) -> Loaded:
    """The authority's frames, as the retention and recruitment results take them."""
    return Centre.for_authority(authority).records()
