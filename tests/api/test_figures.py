"""The API's figures are ``thrive metrics --format json``'s for the same date, withheld for a
viewer outside the named scope exactly as the Overview withholds them."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from small_council import AS_AT

pytestmark = pytest.mark.django_db
DAY = "2025-03-31"


def _command(*args: str) -> list[dict]:
    out = StringIO()
    call_command("metrics", *args, "--format", "json", "--authority", "998", stdout=out)
    return json.loads(out.getvalue())


def _whole(results: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in results if r["slice"] is None}


def test_an_hr_admin_gets_exactly_the_commands_figures(council, api):
    answer = api("hr").get(f"/api/v1/measures?as_at={DAY}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["as_at"] == DAY and body["la_number"] == "998"
    ours = {r["name"]: r for r in body["measures"]}
    theirs = _whole(_command("--as-at", DAY, "--hr"))
    assert len(ours) > 20 and set(ours) <= set(theirs)
    for name, figure in ours.items():
        expected = {k: v for k, v in theirs[name].items() if v is not None}
        got = {k: v for k, v in figure.items() if v is not None and k in expected}
        assert got == expected, name
        assert not figure["suppressed"]


def test_leadership_gets_the_same_figures_with_small_groups_withheld(council, api):
    ours = {
        r["name"]: r for r in api("lead").get(f"/api/v1/measures?as_at={DAY}").json()["measures"]
    }
    shared = _whole(_command("--as-at", DAY))
    everything = _whole(_command("--as-at", DAY, "--hr"))
    withheld = [name for name, r in ours.items() if r["suppressed"]]
    assert withheld, "the small council has small counts: something must be withheld"
    for name, figure in ours.items():
        if shared[name].get("suppressed"):
            assert figure["suppressed"], name  # never less withheld than the command's own
        if figure["suppressed"]:
            assert figure["value"] is None and figure["status"] is None, name
            assert figure["previous"] is None and figure["numerator"] is None, name
            assert everything[name]["value"] is not None or everything[name]["numerator"] == 0
        else:
            assert figure["value"] == shared[name]["value"], name
            assert figure["target"] == shared[name]["target"], name
            assert figure["status"] == shared[name]["status"], name


def test_a_trend_is_the_commands_trend_month_by_month(council, api):
    answer = api("hr").get("/api/v1/measures/turnover_rate/trend?start=2024-10-01&end=2025-09-30")
    assert answer.status_code == 200
    body = answer.json()
    assert body["unit"] == "%" and body["start"] == "2024-10-01" and body["end"] == "2025-09-30"
    theirs = _command(
        "trend", "--from", "2024-10-01", "--to", "2025-09-30", "--measure", "turnover_rate", "--hr"
    )
    theirs = [r for r in theirs if r["slice"] is None]
    assert [p["period"]["end"] for p in body["points"]] == [r["period"]["end"] for r in theirs]
    assert len(body["points"]) == 12
    assert [p["value"] for p in body["points"]] == [r["value"] for r in theirs]
    assert any(p["value"] for p in body["points"])


def test_a_service_manager_sees_their_own_service_named_and_others_as_leadership_does(council, api):
    own = api("svc").get("/api/v1/measures?service=Safeguarding").json()["measures"]
    other = api("svc").get("/api/v1/measures?service=Children in Care").json()["measures"]
    as_lead = api("lead").get("/api/v1/measures?service=Children in Care").json()["measures"]
    as_hr = api("hr").get("/api/v1/measures?service=Safeguarding").json()["measures"]
    assert own == as_hr
    assert other == as_lead
    assert all(r["slice"] == {"service": "Children in Care"} for r in other)


def test_the_default_date_is_the_latest_the_records_speak_for(council, api):
    assert api("tm").get("/api/v1/measures").json()["as_at"] == AS_AT.isoformat()


def test_workforce_names_only_whom_the_pages_name(council, api):
    team = council.teams["CIC"].pk
    tm = api("tm").get("/api/v1/workforce").json()
    assert {w["name"] for w in tm["workers"]} <= council.names_of("CPN")
    assert [t["team"] for t in tm["teams"]] == ["Child Protection North"]
    assert api("tm").get(f"/api/v1/workforce?team_id={team}").status_code == 403
    lead = api("lead").get("/api/v1/workforce").json()
    assert {w["name"] for w in lead["workers"]} == council.managers()
    assert len(lead["teams"]) == 3 and not any(t["named"] for t in lead["teams"])
    hr = api("hr").get(f"/api/v1/workforce?team_id={team}").json()
    assert {w["name"] for w in hr["workers"]} == set(council.names["CIC"])
    assert hr["teams"][0]["headcount"] == len(council.names["CIC"])


def _sliced(results: list[dict]) -> dict[tuple[str, str], dict]:
    return {
        (r["name"], json.dumps(r["slice"], sort_keys=True)): r
        for r in results
        if r["slice"] is not None
    }


@pytest.mark.parametrize("by", ["team", "service", "grade", "contract", "route", "staff_group"])
@pytest.mark.parametrize(("username", "hr"), [("hr", True), ("lead", False), ("tm", False)])
def test_each_slice_is_exactly_the_commands_slice(council, api, by, username, hr):
    answer = api(username).get(f"/api/v1/measures?as_at={DAY}&by={by}")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["by"] == by
    ours = _sliced(body["measures"])
    theirs = _sliced(_command("--as-at", DAY, "--by", by, *(["--hr"] if hr else [])))
    assert len(ours) > 20
    offered = {name for name, _ in ours}  # the Overview's measures, not the breakdowns
    assert set(ours) == {key for key in theirs if key[0] in offered}
    everything = _sliced(_command("--as-at", DAY, "--by", by, "--hr"))
    for key, figure in ours.items():
        if figure["suppressed"]:  # withheld as the Overview withholds: never from HR
            assert not hr and figure["value"] is None and figure["numerator"] is None, key
            assert figure["status"] is None and figure["previous"] is None, key
            continue
        # every field the command writes, the same; the command leaves out suppressed: false
        expected = theirs[key]
        small = [0 < (expected.get(k) or 0) < 5 for k in ("numerator", "denominator")]
        if not hr and any(small):  # a rate's workings that would give a small count away
            expected = {**expected, "numerator": None, "denominator": None, "detail": None}
        assert set(theirs[key]) <= set(figure), key
        absent = {"suppressed": False}
        assert figure == {k: expected.get(k, absent.get(k)) for k in figure}, key
        assert figure["value"] == everything[key]["value"], key
    # the whole authority's figures are the Overview's, as without by
    whole = api(username).get(f"/api/v1/measures?as_at={DAY}").json()["measures"]
    assert [r for r in body["measures"] if r["slice"] is None] == whole
    if not hr:
        assert any(f["suppressed"] for f in ours.values()), "small slices are withheld"


def test_by_takes_only_the_six_slicings_and_not_with_a_service(council, api):
    hr = api("hr")
    assert hr.get("/api/v1/measures?by=case_type").status_code == 400
    both = hr.get("/api/v1/measures?by=team&service=Safeguarding")
    assert both.status_code == 400 and "not both" in both.json()["detail"]


@pytest.mark.parametrize("by", ["team", "service", "grade", "contract", "route", "staff_group"])
def test_every_slice_has_its_group_size_so_a_small_slice_is_withheld(council, by):
    """The sizes the API withholds small slices by are keyed as the slices are: a slice with no
    size would never count as small."""
    from datetime import date

    from thrive import metrics
    from thrive.centre.centre import Centre
    from thrive.summaries.suppression import group_sizes
    from thrive.workforce.models import Authority

    frames = Centre.for_authority(Authority.objects.get(la_number="998")).frames
    day = date.fromisoformat(DAY)
    found = metrics.compute(frames, day, by=by, names=["fte_in_post", "turnover_rate"], hr=True)
    slices = [r.slice[by] for r in found if r.slice is not None]
    assert slices and set(slices) <= set(group_sizes(frames, day, by))


def _parts(results: list[dict], names: set[str]) -> dict[tuple[str, str], dict]:
    return {
        (r["name"], json.dumps(r["slice"], sort_keys=True)): r
        for r in results
        if r["name"] in names
    }


@pytest.mark.parametrize("by", [None, "team", "grade"])
def test_an_hr_admin_gets_exactly_the_commands_breakdowns(council, api, by):
    from thrive.summaries.feed import breakdown_measures

    names = {m.name for m in breakdown_measures()}
    sliced = f"&by={by}" if by else ""
    body = api("hr").get(f"/api/v1/measures?as_at={DAY}&breakdowns=true{sliced}").json()
    ours = _parts(body["measures"], names)
    theirs = _parts(_command("--as-at", DAY, "--hr", *(["--by", by] if by else [])), names)
    assert {name for name, _ in ours} == names
    assert set(ours) == set(theirs)
    assert any(r["value"] for r in ours.values())
    for key, figure in ours.items():
        assert {k: v for k, v in figure.items() if k != "suppressed"} == {
            k: theirs[key].get(k) for k in figure if k != "suppressed"
        }, key
        assert not figure["suppressed"], key
    without = api("hr").get(f"/api/v1/measures?as_at={DAY}{sliced}").json()["measures"]
    assert [r for r in body["measures"] if r["name"] not in names] == without


@pytest.mark.parametrize("by", [None, "team", "service"])
def test_leadership_gets_the_breakdowns_withheld_together_as_the_leavers_page(council, api, by):
    from thrive.summaries.feed import breakdown_measures

    names = {m.name for m in breakdown_measures()}
    sliced = f"&by={by}" if by else ""
    body = api("lead").get(f"/api/v1/measures?as_at={DAY}&breakdowns=true{sliced}").json()
    ours = _parts(body["measures"], names)
    shared = _parts(_command("--as-at", DAY, *(["--by", by] if by else [])), names)
    everything = _parts(_command("--as-at", DAY, "--hr", *(["--by", by] if by else [])), names)
    assert set(ours) == set(everything)
    withheld = [key for key, r in ours.items() if r["suppressed"]]
    assert withheld, "the small council has small groups of leavers: some must be withheld"
    for key, figure in ours.items():
        if shared[key].get("suppressed"):  # the registry's primary and secondary suppression
            assert figure["suppressed"], key
        if figure["suppressed"]:
            assert figure["value"] is None and figure["numerator"] is None, key
            continue
        assert figure["value"] == shared[key]["value"] == everything[key]["value"], key
        assert figure["numerator"] is None or not 0 < figure["numerator"] < 5, key
        assert figure["previous"] is None, key
    # Within one breakdown of one slice, never exactly one part withheld for its size: its
    # neighbour goes with it, so it cannot be worked out from the total.
    for (name, slice_text), figure in ours.items():
        if figure["suppressed"] and everything[(name, slice_text)]["numerator"]:
            key = metrics_breakdown(name)
            rest = {k: v for k, v in (json.loads(slice_text) or {}).items() if k != key}
            same = [
                r
                for (n, s), r in ours.items()
                if n == name
                and {k: v for k, v in (json.loads(s) or {}).items() if k != key} == rest
                and everything[(n, s)]["numerator"]
            ]
            assert sum(r["suppressed"] for r in same) != 1 or len(same) == 1, (name, rest)


def metrics_breakdown(name: str) -> str:
    from thrive.metrics import measure

    return str(measure(name).breakdown)


def _points(results: list[dict]) -> list[tuple[str, str]]:
    return [(r["period"]["end"], json.dumps(r["slice"], sort_keys=True)) for r in results]


@pytest.mark.parametrize("by", ["team", "grade", "service"])
@pytest.mark.parametrize(("username", "hr"), [("hr", True), ("lead", False)])
def test_a_trend_by_slice_is_the_commands_trend_slice_by_slice(council, api, by, username, hr):
    span = "start=2024-10-01&end=2025-09-30"
    answer = api(username).get(f"/api/v1/measures/turnover_rate/trend?{span}&by={by}")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["by"] == by
    theirs = _command(
        "trend", "--from", "2024-10-01", "--to", "2025-09-30", "--measure", "turnover_rate",
        "--by", by, *(["--hr"] if hr else []),
    )  # fmt: skip
    full = _command(
        "trend", "--from", "2024-10-01", "--to", "2025-09-30", "--measure", "turnover_rate",
        "--by", by, "--hr",
    )  # fmt: skip
    everything = dict(zip(_points(full), full, strict=True))
    assert sorted(_points(body["points"])) == sorted(_points(theirs))
    assert len({s for _, s in _points(body["points"])}) > 2  # the whole and its slices
    by_key = dict(zip(_points(theirs), theirs, strict=True))
    for key, point in zip(_points(body["points"]), body["points"], strict=True):
        if point["suppressed"]:
            assert not hr and point["value"] is None and point["numerator"] is None, key
            continue
        assert point["value"] == by_key[key]["value"] == everything[key]["value"], key
    # the whole authority's points are the trend's without by
    whole = api(username).get(f"/api/v1/measures/turnover_rate/trend?{span}").json()["points"]
    assert [p for p in body["points"] if p["slice"] is None] == whole
    if not hr:
        assert any(p["suppressed"] for p in body["points"]), "small slices are withheld"
    # the last month end's points withheld exactly as /measures?by= withholds that day's
    last = body["end"]
    at_end = api(username).get(f"/api/v1/measures?as_at={last}&by={by}&measure=turnover_rate")
    figures = {json.dumps(f["slice"], sort_keys=True): f for f in at_end.json()["measures"]}
    ends = [p for p in body["points"] if p["period"]["end"] == last]
    assert ends and len(ends) == len(figures)
    for point in ends:
        figure = figures[json.dumps(point["slice"], sort_keys=True)]
        assert (point["suppressed"], point["value"]) == (figure["suppressed"], figure["value"])
    assert api(username).get(
        f"/api/v1/measures/turnover_rate/trend?by={by}&service=x"
    ).status_code in (400, 403, 404)


def test_a_service_manager_sees_their_own_services_breakdowns_as_hr_does(council, api):
    asked = "/api/v1/measures?breakdowns=true&service="
    own = api("svc").get(asked + "Safeguarding").json()["measures"]
    assert own == api("hr").get(asked + "Safeguarding").json()["measures"]
    other = api("svc").get(asked + "Children in Care").json()["measures"]
    assert other == api("lead").get(asked + "Children in Care").json()["measures"]
    parts = [r for r in own if r["name"] == "leavers_by_reason"]
    assert parts and all(r["slice"]["service"] == "Safeguarding" for r in parts)
    assert any(r["numerator"] and r["numerator"] < 5 for r in parts)  # named: small ones shown
    hidden = [r for r in other if r["name"] == "leavers_by_reason"]
    assert all(r["numerator"] is None or r["numerator"] >= 5 for r in hidden)
