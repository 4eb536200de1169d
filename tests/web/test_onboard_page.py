"""The Data page's first load: several files uploaded at once, the one-page result as HTML, the
same all-or-nothing rule as ``thrive onboard``, HR admins only, CSRF checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from thrive.codes import Role
from thrive.import_records.models import ImportBatch
from thrive.web.models import AuditEvent
from thrive.workforce.models import Authority, UserAccess, Worker

pytestmark = pytest.mark.django_db

FILES = ("golden_2023.xml", "golden_2024.xml", "posts.csv", "staff.csv", "caseloads.csv")
BAD = Path(__file__).parents[1] / "ingest" / "bad"


@pytest.fixture
def hr_of_999() -> Client:
    """An HR admin of LA 999, whose store is empty."""
    authority = Authority.objects.create(la_number="999", name="Golden Vale", region="South West")
    user = User.objects.create(username="hr999")
    UserAccess.objects.create(user=user, authority=authority, role=Role.HR_ADMIN.value)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def uploads(data: Path, *extra: Path) -> list[SimpleUploadedFile]:
    paths = [data / name for name in FILES] + list(extra)
    return [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]


def post(client: Client, files: list[SimpleUploadedFile]):  # type: ignore[no-untyped-def]
    page = client.get("/data/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    return client.post("/data/first-load/", {"files": files, "csrfmiddlewaretoken": token.group(1)})


def test_the_data_page_offers_a_multiple_file_upload(hr_of_999: Client) -> None:
    html = hr_of_999.get("/data/").content.decode()
    assert 'name="files" type="file" multiple' in html and 'action="/data/first-load/"' in html


def test_several_files_load_and_the_page_shows_each_file_and_the_headline(
    hr_of_999: Client, data: Path
) -> None:
    notes = SimpleUploadedFile("notes.csv", b"colour,shape\nred,round\n")
    response = post(hr_of_999, [*uploads(data), notes])
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 files loaded" in html
    for name in FILES:
        assert name in html
    assert "notes.csv" in html and "Not imported: what it is could not be told" in html
    assert "Headline measures beside the Department's figures" in html
    assert "Turnover rate (FTE)" in html
    assert ImportBatch.objects.filter(authority__la_number="999").count() == 5
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count() == 5
    token = response.context["token"]
    download = hr_of_999.get(f"/data/problems/{token}.csv")
    assert b"notes.csv" in b"".join(download.streaming_content)


def test_an_unreadable_file_in_the_upload_changes_nothing(
    hr_of_999: Client, data: Path, snapshot
) -> None:
    before = snapshot()
    response = post(hr_of_999, uploads(data, BAD / "staff_utf16.csv"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nothing was stored: 1 file(s) cannot be read" in html
    assert "this is UTF-16 text" in html
    assert snapshot() == before


def test_another_councils_census_return_is_refused(council, signed_in, data: Path) -> None:
    response = signed_in("hr").post("/data/first-load/", {"files": uploads(data)[:1]})
    assert response.status_code == 422
    assert "golden_2023.xml is LA 999&#x27;s census return, not LA 998&#x27;s" in (
        response.content.decode()
    )
    assert not Worker.objects.filter(authority__la_number="999").exists()


def test_files_of_another_type_or_with_the_same_name_are_refused_before_import(
    hr_of_999: Client, data: Path
) -> None:
    response = post(hr_of_999, [SimpleUploadedFile("notes.txt", b"hello")])
    assert response.status_code == 400
    assert "notes.txt: upload a .csv, .xlsx or .xml file" in response.content.decode()
    twice = uploads(data)[2:3] * 2
    response = post(hr_of_999, twice)
    assert "two files are called posts.csv" in response.content.decode()
    assert post(hr_of_999, []).status_code == 400


def test_only_hr_may_load_and_a_get_is_not_allowed(council, signed_in, data: Path) -> None:
    for username in ("lead", "svc", "tm"):
        response = signed_in(username).post("/data/first-load/", {"files": uploads(data)[:1]})
        assert response.status_code == 403, username
    assert signed_in("hr").get("/data/first-load/").status_code == 405
    assert not ImportBatch.objects.exists()


def test_the_form_needs_the_csrf_token(hr_of_999: Client, data: Path) -> None:
    response = hr_of_999.post("/data/first-load/", {"files": uploads(data)[:1]})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()
