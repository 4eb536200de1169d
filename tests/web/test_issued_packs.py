"""Commentary and issued packs: HR adds a paragraph per section and issues the pack; an issued
pack is kept byte for byte, listed and downloadable later (even after an import), audited, and
one made for HR is for HR only."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from openpyxl import load_workbook

import factories
from thrive.frames import cache as frames_cache
from thrive.issued_packs.models import IssuedFile, IssuedPack
from thrive.web.models import AuditEvent

pytestmark = pytest.mark.django_db

TO = "2025-09-30"
SAID = "Turnover is down on a year ago; agency use is the board's worry this half-year."


def _issue(client, **fields: str):  # type: ignore[no-untyped-def]
    return client.post("/reports/issue/", {"to": TO, **fields})


def _reports(*, after: int = 0) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action=AuditEvent.Action.REPORT, pk__gt=after).order_by("pk")
    )


def _in_post(body: bytes) -> object:
    sheet = load_workbook(io.BytesIO(body))["Starters and leavers"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    return next(r[2] for r in rows if r[0] == "Social workers in post (headcount)")


def test_hr_issues_a_pack_with_commentary_kept_with_checksums_and_audited(council, signed_in):
    client = signed_in("hr")
    response = _issue(client, commentary_summary=SAID, commentary_actions="On course.")
    assert response.status_code == 303 and response["Location"] == "/reports/"
    issued = IssuedPack.objects.get()
    assert (issued.to, issued.named, issued.issued_by) == (date(2025, 9, 30), False, "hr")
    assert issued.commentary == {"summary": SAID, "actions": "On course."}
    files = {f.form: f for f in issued.files.all()}
    assert set(files) == {"pdf", "xlsx", "html"}
    for f in files.values():
        assert hashlib.sha256(bytes(f.content)).hexdigest() == f.sha256
    html = bytes(files["html"].content).decode()
    assert "Commentary" in html and "the board&#x27;s worry" in html
    summary = next(s for s in issued.figures["sections"] if s["key"] == "summary")
    assert summary["commentary"] == SAID and summary["tables"][0]["rows"]
    (event,) = _reports()
    assert event.username == "hr" and f"Issued board pack {issued.pk} to {TO}" in event.subject
    page = client.get("/reports/").content.decode()
    assert f"/reports/issued/{issued.pk}/pdf/" in page and "Leadership" in page
    # listed once, in the page's content: not in its title or head
    title = page.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "Reports" in title
    assert page.count("Issued packs</h2>") == 1
    assert page.index("Issued packs</h2>") > page.index('id="main-content"')


def test_an_issued_pack_downloads_unchanged_after_a_later_import(council, signed_in):
    client = signed_in("hr")
    _issue(client)
    issued = IssuedPack.objects.get()
    kept = bytes(issued.files.get(form="xlsx").content)
    # Records change afterwards: six more social workers in post on the half-year's end.
    for _ in range(6):
        person = factories.worker(council.authority)
        factories.spell(person, council.teams["CPN"], date(2024, 1, 1))
    frames_cache.forget()
    fresh = client.post("/reports/pack/", {"to": TO, "format": "xlsx"}).content
    assert _in_post(fresh) != _in_post(kept)  # a pack made now has the new figures
    seen = _reports()[-1].pk
    again = client.get(f"/reports/issued/{issued.pk}/xlsx/")
    assert again.status_code == 200 and again.content == kept
    assert again["X-Content-SHA256"] == hashlib.sha256(kept).hexdigest()
    assert 'filename="board-pack-issued-' in again["Content-Disposition"]
    (event,) = _reports(after=seen)
    assert (
        f"Downloaded issued board pack {issued.pk}" in event.subject and "(xlsx)" in event.subject
    )


def test_leadership_cannot_issue_and_sees_only_packs_for_leadership(council, signed_in):
    hr, lead = signed_in("hr"), signed_in("lead")
    _issue(hr)
    _issue(hr, small="yes")
    for_lead, for_hr = IssuedPack.objects.get(named=False), IssuedPack.objects.get(named=True)
    assert _issue(lead).status_code == 403 and IssuedPack.objects.count() == 2
    page = lead.get("/reports/").content.decode()
    assert f"/reports/issued/{for_lead.pk}/html/" in page
    assert f"/reports/issued/{for_hr.pk}/" not in page
    assert lead.get(f"/reports/issued/{for_lead.pk}/html/").status_code == 200
    assert lead.get(f"/reports/issued/{for_hr.pk}/html/").status_code == 404
    assert hr.get(f"/reports/issued/{for_hr.pk}/html/").status_code == 200
    assert lead.get(f"/reports/issued/{for_lead.pk}/docx/").status_code == 404


@pytest.mark.parametrize("username", ["svc", "tm", "nobody"])
def test_managers_can_neither_issue_nor_download(council, signed_in, username):
    _issue(signed_in("hr"))
    issued = IssuedPack.objects.get()
    client = signed_in(username)
    assert _issue(client).status_code == 403
    assert client.get(f"/reports/issued/{issued.pk}/pdf/").status_code == 403
    assert IssuedPack.objects.count() == 1


def test_overlong_commentary_is_refused_with_an_error_summary(council, signed_in):
    response = _issue(signed_in("hr"), commentary_trends="x" * 2001)
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "The commentary on Trends must be 2,000 characters or fewer" in html
    assert 'href="#id_commentary_trends"' in html and 'id="id_commentary_trends"' in html
    assert not IssuedPack.objects.exists() and not _reports()


def test_a_leadership_pack_may_not_name_a_worker_in_its_commentary(council, signed_in):
    name = council.names["CPN"][3]
    client = signed_in("hr")
    response = _issue(client, commentary_retention=f"We thank {name.lower()} for her work.")
    assert response.status_code == 400
    assert f"names {name}" in response.content.decode()
    assert not IssuedPack.objects.exists()
    # A pack made for HR (small numbers shown, not for leadership) may.
    assert _issue(client, small="yes", commentary_retention=f"Thanks to {name}.").status_code == 303
    assert IssuedPack.objects.get().named


def test_a_changed_file_is_not_passed_off_as_the_issued_one(council, signed_in):
    client = signed_in("hr")
    _issue(client)
    kept = IssuedFile.objects.get(form="html")
    kept.content = bytes(kept.content).replace(b"Summary", b"Summery")
    kept.save()
    response = client.get(f"/reports/issued/{kept.pack_id}/html/")
    assert response.status_code == 409 and b"Summery" not in response.content


def test_the_download_shows_the_commentary_before_issuing(council, signed_in):
    response = signed_in("lead").post(
        "/reports/pack/", {"to": TO, "format": "html", "commentary_caseloads": "Caseloads: better."}
    )
    assert response.status_code == 200 and b"Caseloads: better." in response.content
    assert not IssuedPack.objects.exists()


def test_the_list_of_issued_packs_downloads_as_a_table(council, signed_in):
    _issue(signed_in("hr"))
    response = signed_in("lead").get("/reports/", {"download": "csv", "table": 1})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "30 September 2025" in text and "Leadership" in text and ",hr," in text
