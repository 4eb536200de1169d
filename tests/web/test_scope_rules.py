"""Every URL, every role: no page shows a name outside the viewer's scope.

The URLs are read from the URL configuration itself, so a page added later is covered without
editing this test; a URL with a parameter this test has no sample for fails, asking for one.
The API's URLs (``/api/v1/``) are asked with the same user's bearer token instead of a session
("nobody" has no role, so no token: a 401); its writes (an upload, an undo) with an empty POST.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from thrive.api_tokens.keys import issue

pytestmark = pytest.mark.django_db

SKIPPED = {"admin", "login", "logout"}  # the admin has its own staff check; no data on the others


def _patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin"):
                continue
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif entry.name not in SKIPPED:
            yield prefix + str(entry.pattern), entry


def _urls(council) -> list[str]:
    samples = {
        "<id:team_id>": [str(t.pk) for t in council.teams.values()],
        "<str:pseudonym>": [p for ps in council.pseudonyms.values() for p in ps],
        "<id:batch_id>": ["1"],
        "<str:token>": ["0" * 32],
        "<str:upload_id>": ["20261203-120000-" + "0" * 16],  # no such upload: 404
        "<key>": ["turnover_rate", "fte_in_post", "no_such_measure"],  # the API's measures
        "<batch_id>": ["1", "99999999999999999999"],  # the API's import batches
        "<upload_id>": ["20261203-120000-" + "0" * 16, "x"],  # the API's uploads: 404
        "<token>": ["0" * 32],  # the API's problem lists: 404
        "<id:token_id>": ["1"],  # revoking a token: POST only (405 to a GET)
        "<id:action_id>": ["1"],  # an action of the action plan (none here: 404 to HR)
        "<id:pack_id>": ["1"],  # an issued board pack (none here: 404 to HR and leadership)
        "<str:form>": ["pdf"],
    }
    urls = []
    for route, _pattern in _patterns():
        parts = [route]
        for placeholder, values in samples.items():
            if placeholder in route:
                parts = [p.replace(placeholder, v) for p in parts for v in values]
        assert all("<" not in p for p in parts), f"give test_scope_rules a sample for {route}"
        urls.extend("/" + p for p in parts)
    return urls


def _allowed(council, username: str) -> set[str]:
    return {
        "hr": council.all_names(),
        "lead": council.managers(),
        "svc": council.names_of("CPN", "CPS"),
        "tm": council.names_of("CPN"),
        "tm.cic": council.names_of("CIC"),
        "nobody": set(),
    }[username]


@pytest.mark.parametrize("username", ["hr", "lead", "svc", "tm", "tm.cic", "nobody"])
def test_no_page_names_anyone_outside_the_viewers_scope(council, signed_in, username):
    client = signed_in(username)
    api = Client()
    if username != "nobody":
        token = issue(council.users[username], 1, issued_by="test").text
        api = Client(headers={"Authorization": f"Bearer {token}"})
    allowed = _allowed(council, username)
    forbidden = council.all_names() - allowed
    checked = 0
    for url in _urls(council):
        for query in ("", "?as_at=2025-03-01"):
            if url.startswith("/api/"):
                # the API's writes are asked with POST (an empty one: nothing to import or undo)
                ask = api.post if url.endswith(("/imports", "/undo")) and not query else api.get
                response = ask(url + query)
                # with no token: 401, or 400 first for a parameter the call does not know
                expected = {200, 400, 403, 404, 405}
                expected |= {401} if username == "nobody" else set()
            else:
                response = client.get(url + query)
                expected = {200, 302, 403, 404, 405}
            assert response.status_code in expected, (url, response.status_code)
            html = response.content.decode()
            leaked = {name for name in forbidden if name in html}
            assert not leaked, f"{username} saw {sorted(leaked)} on {url}{query}"
            if "<title>" in html:  # a page's title is words: no markup spilled into it
                title = html.split("<title>")[1].split("</title>")[0]
                assert "<" not in title, (url, title[:80])
            checked += 1
    assert checked > 40


def test_a_team_manager_cannot_open_a_worker_outside_their_team(council, signed_in):
    client = signed_in("tm")
    cic_worker = council.pseudonyms["CIC"][2]
    response = client.get(f"/workers/{cic_worker}/")
    assert response.status_code == 403
    assert council.names["CIC"][2] not in response.content.decode()
    assert client.get(f"/workers/{council.pseudonyms['CPN'][2]}/").status_code == 200


def test_leadership_cannot_open_worker_records(council, signed_in):
    client = signed_in("lead")
    assert client.get(f"/workers/{council.pseudonyms['CPN'][0]}/").status_code == 403


def test_a_user_with_no_role_sees_no_page(council, signed_in):
    client = signed_in("nobody")
    assert client.get("/teams/").status_code == 403
    assert client.get(f"/teams/{council.teams['CPN'].pk}/").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(council, client):
    response = client.get(f"/teams/{council.teams['CPN'].pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
