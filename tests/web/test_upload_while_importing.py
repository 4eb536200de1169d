"""An upload, undo or published-statistics load while another import is running is refused on
the page in words (who is importing, since when), and changes nothing; the web never waits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from import_held import another_import
from thrive.import_records.models import ImportBatch
from thrive.workforce.models import Worker

pytestmark = pytest.mark.django_db

STAFF = (
    "worker_id,swe_number,name,birth_date,sex,ethnicity,qualification_level,route,team,grade,"
    "org_role,contract_type,fte,start_date,end_date,start_origin,reason_leave,leaver_destination,"
    "day_rate,post_reference\n"
    "N900001,SW777001,Kit Newstarter,1990-01-01,F,WBRI,1,experienced,Child Protection North,"
    "social_worker,5,permanent,1,2025-09-01,,2,,,,\n"
)


def test_an_upload_while_another_import_runs_is_refused_in_words(council, signed_in):
    client = signed_in("hr")
    before = Worker.objects.count()
    with another_import():
        response = client.post(
            "/data/",
            {
                "kind": "staff",
                "profile": "generic",
                "file": SimpleUploadedFile("s.csv", STAFF.encode()),
            },
        )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Another import is running (started" in html
    assert "by hr.admin: staff other.csv" in html
    assert Worker.objects.count() == before
    assert not ImportBatch.objects.exists()


def test_an_undo_while_another_import_runs_is_refused_in_words(council, signed_in):
    client = signed_in("hr")
    client.post(
        "/data/",
        {
            "kind": "staff",
            "profile": "generic",
            "file": SimpleUploadedFile("s.csv", STAFF.encode()),
        },
    )
    batch = ImportBatch.objects.get()
    with another_import():
        response = client.post(f"/data/batches/{batch.pk}/undo/", follow=True)
    assert "was not undone: Another import is running (started" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
