"""The front page says which authority is loaded, and shows no personal data."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

import factories

pytestmark = pytest.mark.django_db


def test_front_page_names_the_loaded_authority_and_nothing_about_its_workforce(
    client: Client,
) -> None:
    la = factories.authority(name="Somervale County Council")
    team = factories.team(la)
    factories.spell(factories.worker(la, name="Alex Example"), team, date(2015, 1, 1))
    page = client.get("/").content.decode()
    assert "Somervale County Council" in page
    assert "Alex Example" not in page
    for about_the_workforce in ("Workers on record", "Teams", "History", "2015", ">1<"):
        assert about_the_workforce not in page


def test_signed_in_the_front_page_describes_the_councils_records(council, signed_in) -> None:
    page = signed_in("hr").get("/").content.decode()
    assert "Workers on record" in page and "History" in page


def test_front_page_says_when_nothing_is_loaded(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "No authority is loaded yet" in page


def test_sign_in_page_is_served(client: Client) -> None:
    assert client.get("/login/").status_code == 200
