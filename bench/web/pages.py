"""The pages a user meets, one HTTP request at a time, and how each role finds them.

Every page in the navigation (``src/thrive/urls.py``, ``thrive.web.views.common``), a team page
and a worker's record. Which pages a role gets is read from its navigation (the links on its
Overview), as a user would see them; the team is the first one on its Teams page (a team
manager's Teams link goes straight to their own team), the worker the first record linked from
that team page (leadership opens no records, so it has no worker page).

Requests use ``http.client`` with the session cookie, one connection a request (gunicorn's sync
workers close the connection after each response), redirects not followed.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass

# (label, path) in the order a user meets them; None: found on another page.
PAGES: tuple[tuple[str, str | None], ...] = (
    ("Overview", "/overview/"),
    ("Teams", "/teams/"),
    ("Team page", None),
    ("Workforce", "/workforce/"),
    ("ASYE and careers", "/careers/"),
    ("Leavers", "/leavers/"),
    ("Retention", "/retention/"),
    ("Who to talk to", "/retention/at-risk/"),
    ("Recruitment", "/recruitment/"),
    ("Feedback", "/feedback/"),
    ("Children", "/children/"),
    ("Forecast", "/forecast/"),
    ("Data", "/data/"),
    ("Worker page", None),
)
QUICK_PAGES = ("Overview", "Teams", "Team page", "Workforce", "Worker page")

TEAM_LINK = re.compile(r'href="(/teams/\d+/)"')
WORKER_LINK = re.compile(r'href="(/workers/[^/"?]+/(?:\?as_at=[0-9-]+)?)"')


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    cookie: str


@dataclass(frozen=True)
class Answer:
    status: int
    seconds: float
    body: str
    location: str

    @property
    def ok(self) -> bool:
        """A page, or a redirect to another page (not to the sign-in page)."""
        if self.status == 200:
            return True
        return self.status == 302 and not self.location.startswith("/login/")

    @property
    def working(self) -> bool:
        """The page said "Working this out" (its result was not ready: it fills in later)."""
        return self.status == 200 and "Working this out" in self.body


class Request:
    """One GET, split in two so a worker can be chosen between sending and reading."""

    def __init__(self, port: int, path: str, cookie: str, timeout: float = 300) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.started = time.perf_counter()
        self.connection.request("GET", path, headers={"Cookie": cookie})

    def answer(self, keep_body: bool = True) -> Answer:
        try:
            response = self.connection.getresponse()
            body = response.read()
            seconds = time.perf_counter() - self.started
            return Answer(
                response.status,
                seconds,
                body.decode(errors="replace") if keep_body else "",
                response.getheader("Location") or "",
            )
        finally:
            self.connection.close()


def get(port: int, path: str, cookie: str, timeout: float = 300) -> Answer:
    """One request, timed from connecting to the last byte; a failure is status 0."""
    started = time.perf_counter()
    try:
        return Request(port, path, cookie, timeout).answer(keep_body=False)
    except (OSError, http.client.HTTPException) as failed:
        return Answer(0, time.perf_counter() - started, str(failed), "")


def offered(overview: str) -> set[str]:
    """The paths in a role's navigation, from its Overview page."""
    return set(re.findall(r'href="(/[a-z/-]*)"', overview))


def next_path(label: str, seen: dict[str, Answer], navigation: set[str]) -> str | None:
    """The path of the page ``label`` for this role, or None if the role does not get it."""
    path = dict(PAGES)[label]
    if path is not None:
        return path if label == "Overview" or path in navigation else None
    if label == "Team page":
        teams = seen.get("Teams")
        if teams is None:
            return None
        if teams.status == 302:
            return teams.location if TEAM_LINK.fullmatch(f'href="{teams.location}"') else None
        found = TEAM_LINK.search(teams.body)
        return found.group(1) if found else None
    team = seen.get("Team page")
    found = WORKER_LINK.search(team.body) if team is not None else None
    return found.group(1) if found else None
