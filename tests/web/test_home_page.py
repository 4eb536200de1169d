"""The front page says which authority is loaded, and shows no personal data."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

import factories

pytestmark = pytest.mark.django_db


def test_front_page_names_the_loaded_authority(client: Client) -> None:
    la = factories.authority(name="Somervale County Council")
    team = factories.team(la)
    factories.spell(factories.worker(la, name="Alex Example"), team, date(2015, 1, 1))
    page = client.get("/").content.decode()
    assert "Somervale County Council" in page
    assert "999" in page
    assert "Alex Example" not in page


def test_front_page_says_when_nothing_is_loaded(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "No authority is loaded yet" in page


def test_sign_in_page_is_served(client: Client) -> None:
    assert client.get("/login/").status_code == 200
