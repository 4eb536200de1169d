"""The Children page: changes of social worker, waits and weighted caseloads, scoped and with
small numbers withheld outside the named scope; its tables download as shown."""

from __future__ import annotations

import csv
import io

import pytest

from small_children import CIC_CHILDREN, COUNTED, WAITING, WHOLE, add_children
from thrive.web.page_tables import read_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def children(council):  # type: ignore[no-untyped-def]
    add_children(council)
    return council


def _tables(response) -> dict[str, list[list[object]]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return {t.name: t.rows for t in read_tables(response.content)}


def _row(rows: list[list[object]], first: str) -> list[object]:
    return next(r for r in rows if r[0] == first)


def test_hr_sees_every_band_the_waits_and_the_plain_english_headline(children, signed_in):
    response = signed_in("hr").get("/children/")
    html = response.content.decode()
    share = 100 * (WHOLE["2"] + WHOLE["3+"]) / COUNTED
    assert f"Of {COUNTED} children whose case was open throughout the year" in html
    assert f"about 1 in {round(100 / share)} ({share:.0f}%)" in html
    assert "19,000" in html and "How this is worked out" in html
    tables = _tables(response)
    whole = _row(tables["Children by changes of social worker in the year"], "All children")
    assert whole[1:6] == [COUNTED, WHOLE["0"], WHOLE["1"], WHOLE["2"], WHOLE["3+"]]
    assert whole[6] == round(share, 1)
    waiting = tables["Children waiting for a social worker"]
    assert _row(waiting, "Children waiting unallocated on the day")[1] == WAITING
    assert _row(waiting, "Longest wait so far")[1] == "10.0 days"  # a column of mixed units
    causes = tables["Changes of social worker in the year, by why the last allocation ended"]
    left = _row(causes, "The social worker left")
    assert left[1] == 6 + 2 + CIC_CHILDREN  # K1, K3's first change, the CIC children
    cic = _row(tables["By service"], "Children in Care")
    assert cic[1] == CIC_CHILDREN


def test_leadership_gets_no_count_of_one_to_four_children(children, signed_in):
    tables = _tables(signed_in("lead").get("/children/"))
    whole = _row(tables["Children by changes of social worker in the year"], "All children")
    assert whole[5] == "c"  # two children with 3 or more changes
    assert whole[4] == "c"  # and the next smallest band, so the 2 can't be worked out
    assert whole[6] == "c"  # the share with two or more is made from them
    assert whole[7] == "c"  # and the changes per child would narrow them down
    assert _row(tables["By service"], "Children in Care")[1:] == ["c"] * 7
    # ... and the other service, or the whole less it would give the 3 away
    assert _row(tables["By service"], "Safeguarding")[1] == "c"
    teams = tables["By team"]  # the same for the teams (CPS holds no children: no row)
    assert [row[0] for row in teams] == ["Child Protection North", "Children in Care East"]
    assert {row[1] for row in teams} == {"c"}
    case_types = tables["By case type (the case type on the day)"]
    assert _row(case_types, "Child looked after")[1] == "c"
    assert _row(case_types, "Child protection")[1] == "c"
    waiting = tables["Children waiting for a social worker"]
    assert _row(waiting, "Children waiting unallocated on the day")[1] == "c"
    assert _row(waiting, "Longest wait so far")[1] == "c"
    counts = [
        cell
        for name, rows in tables.items()
        if "social worker" in name or name.startswith("By ")
        for row in rows
        for cell in row[1:6]  # children counted and each band: counts of children
    ]
    assert counts and not [c for c in counts if isinstance(c, int | float) and 0 < c < 5]


@pytest.mark.parametrize("tiny", [1, 2, 3, 4])
def test_a_service_of_one_to_four_children_is_withheld_with_its_complement(
    council, signed_in, tiny
):
    add_children(council, cic_children=tiny)
    for who, named in (("lead", False), ("hr", True)):
        tables = _tables(signed_in(who).get("/children/"))
        services = tables["By service"]
        cic, safeguarding = _row(services, "Children in Care"), _row(services, "Safeguarding")
        whole = _row(tables["Children by changes of social worker in the year"], "All children")
        if named:
            assert (cic[1], cic[3]) == (tiny, tiny)
            assert whole[1] == COUNTED - CIC_CHILDREN + tiny
        else:
            assert cic[1:] == ["c"] * 7 and safeguarding[1] == "c"
            assert whole[3] in ("c", 6 + tiny) and whole[3] != tiny
        looked_after = _row(tables["By case type (the case type on the day)"], "Child looked after")
        assert looked_after[1] == (tiny if named else "c")


def test_a_service_manager_sees_their_service_named_and_others_in_aggregate(children, signed_in):
    client = signed_in("svc")
    own = _tables(client.get("/children/"))
    whole = _row(own["Children by changes of social worker in the year"], "All children")
    assert whole[1] == COUNTED - CIC_CHILDREN and whole[5] == WHOLE["3+"]
    assert "By team" in own
    council_wide = _tables(client.get("/children/", {"service": ""}))
    assert _row(council_wide["By service"], "Children in Care")[1] == "c"


def test_a_team_manager_is_refused(children, signed_in):
    assert signed_in("tm").get("/children/").status_code == 403


def test_the_tables_download_as_the_viewer_saw_them(children, signed_in):
    response = signed_in("lead").get("/children/", {"download": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert any(row and row[0] == "All children" and "c" in row for row in rows)


def test_with_no_allocation_records_the_page_says_so(council, signed_in):
    response = signed_in("hr").get("/children/")
    assert response.status_code == 200
    assert "No children's allocation records are loaded yet" in response.content.decode()


@pytest.mark.parametrize("who", ["hr", "lead", "svc"])
def test_the_page_names_no_worker_and_lists_no_child(children, signed_in, who):
    html = signed_in(who).get("/children/", {"service": ""}).content.decode()
    assert "Children by changes of social worker" in html
    assert not {name for name in children.all_names() if name in html}
    assert not any(child in html for child in ("K0-", "K1-", "K2-", "K3-", "KW-", "KC-"))


@pytest.mark.parametrize("named", [True, False])
def test_one_services_figures_work_out_and_keep_every_services(children, named):
    from django.core.cache import cache

    from thrive.centre.centre import Centre
    from thrive.summaries import kept_pages

    centre = Centre.for_authority(children.authority)
    as_at = centre.latest
    mine = kept_pages.children(centre, as_at, service="Safeguarding", named=named)
    key = centre.key(f"children:{as_at}:Children in Care:{named}", for_authority=True)
    theirs = cache.get(key)  # kept with it, before anyone asked
    assert theirs is not None and theirs.service == "Children in Care"
    assert kept_pages.children(centre, as_at, service="Children in Care", named=named) == theirs
    assert mine.whole.children.value == COUNTED - CIC_CHILDREN
    if not named:  # 3 children: withheld outside the named scope
        assert theirs.whole.children.value is None
        return
    whole = kept_pages.children(centre, as_at, service=None, named=named)
    by_service = {row.part: row for row in whole.by_service}
    # each service's own figures are the whole council's row for it (another pass, by nothing)
    for service, figures in (("Safeguarding", mine), ("Children in Care", theirs)):
        assert figures.whole.children == by_service[service].children
        assert figures.whole.bands == by_service[service].bands
    assert theirs.whole.children.value == CIC_CHILDREN
