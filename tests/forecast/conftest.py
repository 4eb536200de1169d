"""Hand-built workforce frames for the forecast's tests (no database needed).

``synthetic_frames`` simulates a small authority person by person with known rates, so tests can
check that the forecast recovers them; ``frames_from`` builds frames from a few explicit spells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from thrive.frames.workforce import WorkforceFrames, empty_frames, frame

END = date(2025, 9, 30)
START = date(2016, 10, 1)


def frames_from(
    spells: list[dict[str, object]],
    workers: list[dict[str, object]] | None = None,
    posts: list[dict[str, object]] | None = None,
    caseloads: list[dict[str, object]] | None = None,
) -> WorkforceFrames:
    numbered = [{"spell_id": i + 1, "team_id": 1, "org_role": 5, **s} for i, s in enumerate(spells)]
    ids = sorted({int(s["worker_id"]) for s in spells})  # type: ignore[call-overload]
    people = workers or [
        {"worker_id": i, "pseudonym": f"W{i}", "route": "experienced"} for i in ids
    ]
    return replace(
        empty_frames(),
        spells=frame("spells", numbered),  # type: ignore[arg-type]
        workers=frame("workers", people),  # type: ignore[arg-type]
        posts=frame("posts", posts or []),  # type: ignore[arg-type]
        caseloads=frame("caseloads", caseloads or []),  # type: ignore[arg-type]
        teams=frame(
            "teams",
            [
                {
                    "team_id": 1,
                    "team": "Assessment",
                    "team_kind": "assessment",
                    "service_id": 1,
                    "service": "Front door",
                }
            ],
        ),
    )


def synthetic_frames(
    seed: int = 1, monthly_leave: float = 0.012, size: int = 120
) -> WorkforceFrames:
    """A small authority simulated month by month with constant rates (known answers).

    Social workers leave at ``monthly_leave`` a month, progress to senior practitioner at 0.8%
    a month; posts (``size`` social worker + 30 senior) are refilled by experienced hires at 25%
    of vacancies a month; an ASYE cohort of 10 joins each September and completes after 12
    months. Agency workers cover 60% of vacancies. Caseload snapshots at each month end.
    """
    rng = np.random.default_rng(seed)
    spells: list[dict[str, object]] = []
    workers: list[dict[str, object]] = []
    people: dict[int, dict[str, object]] = {}
    next_id = 1

    def hire(grade: str, on: date, route: str, tenure_days: int = 0) -> None:
        nonlocal next_id
        people[next_id] = {
            "grade": grade,
            "start": on,
            "chain": on - timedelta(days=tenure_days),
            "fte": 1.0 if rng.random() < 0.85 else 0.6,
        }
        workers.append({"worker_id": next_id, "pseudonym": f"W{next_id}", "route": route})
        next_id += 1

    for _i in range(size):
        hire("social_worker", START, "experienced", int(rng.integers(0, 2500)))
    for _i in range(30):
        hire("senior_practitioner", START, "experienced", int(rng.integers(300, 3000)))
    caseloads: list[dict[str, object]] = []
    agency_id = 100_000
    day = START
    while day <= END:
        month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        for wid, p in list(people.items()):
            grade = str(p["grade"])
            leave = monthly_leave * (1.3 if grade == "asye" else 1.0)
            u = rng.random()
            if u < leave:
                spells.append(
                    {
                        "worker_id": wid,
                        "contract_type": "permanent",
                        "grade": grade,
                        "fte": p["fte"],
                        "start_date": p["start"],
                        "end_date": month_end,
                        "reason_leave": 1,
                        "leaver_destination": 1,
                    }
                )
                del people[wid]
                continue
            promote = None
            if grade == "asye" and (month_end - p["start"]).days >= 364:  # type: ignore[operator]
                promote = "social_worker"
            elif grade == "social_worker" and u < leave + 0.008:
                promote = "senior_practitioner"
            if promote:
                spells.append(
                    {
                        "worker_id": wid,
                        "contract_type": "permanent",
                        "grade": grade,
                        "fte": p["fte"],
                        "start_date": p["start"],
                        "end_date": month_end,
                    }
                )
                p["grade"], p["start"] = promote, month_end + timedelta(days=1)
        in_post = {"social_worker": 0.0, "senior_practitioner": 0.0}
        for p in people.values():
            key = "social_worker" if p["grade"] in ("asye", "social_worker") else str(p["grade"])
            in_post[key] += float(p["fte"])  # type: ignore[arg-type]
        next_month = month_end + timedelta(days=1)
        for key, funded in (("social_worker", size), ("senior_practitioner", 30)):
            vacant = max(0, int(funded - in_post[key]))
            for _ in range(int(rng.binomial(vacant, 0.25))):
                hire(key, next_month, "experienced")
            for _ in range(int(rng.binomial(max(vacant, 0), 0.6))):
                agency_id += 1
                spells.append(
                    {
                        "worker_id": agency_id,
                        "contract_type": "agency",
                        "grade": key,
                        "fte": 1.0,
                        "start_date": month_end,
                        "end_date": month_end + timedelta(days=27),
                        "day_rate": 420.0,
                    }
                )
                workers.append(
                    {"worker_id": agency_id, "pseudonym": f"A{agency_id}", "route": "experienced"}
                )
        if next_month.month == 9:
            for _ in range(10):
                hire("asye", next_month, "asye")
        for wid, p in people.items():
            if p["grade"] in ("asye", "social_worker", "senior_practitioner"):
                caseloads.append(
                    {
                        "worker_id": wid,
                        "date": month_end,
                        "cases": int(rng.poisson(11 if p["grade"] == "asye" else 15)),
                    }
                )
        day = next_month
    for wid, p in people.items():
        spells.append(
            {
                "worker_id": wid,
                "contract_type": "permanent",
                "grade": p["grade"],
                "fte": p["fte"],
                "start_date": p["start"],
                "end_date": None,
            }
        )
    # The first spell of each worker starts at their tenure start (time with the council).
    first_seen: dict[int, bool] = {}
    spells.sort(key=lambda s: (s["worker_id"], s["start_date"]))  # type: ignore[arg-type, return-value]
    starts = {wid: p["chain"] for wid, p in people.items()}
    for s in spells:
        wid = int(s["worker_id"])  # type: ignore[call-overload]
        if wid not in first_seen and s["contract_type"] != "agency":
            first_seen[wid] = True
            s["start_date"] = min(s["start_date"], starts.get(wid, s["start_date"]))  # type: ignore[type-var]
    posts = [
        {
            "post_id": i + 1,
            "team_id": 1,
            "reference": f"P{i}",
            "grade": g,
            "funded_fte": 1.0,
            "start_date": date(2010, 1, 1),
            "end_date": None,
        }
        for i, g in enumerate(["social_worker"] * size + ["senior_practitioner"] * 30)
    ]
    return frames_from(spells, workers, posts, caseloads)


@pytest.fixture(scope="session")
def synthetic() -> WorkforceFrames:
    return synthetic_frames()


@pytest.fixture
def build() -> Callable[..., WorkforceFrames]:
    return frames_from
