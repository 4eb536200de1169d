"""Finding the workers and teams an extract's rows refer to, in one authority."""

from __future__ import annotations

from collections import defaultdict

from thrive.ingest.census_mapping import swe_key
from thrive.workforce import models as wf


class WorkerIndex:
    """An authority's workers by pseudonymous id (``worker_id``) and by SWE number."""

    def __init__(self, authority: wf.Authority) -> None:
        self.authority = authority
        self.by_id: dict[str, wf.Worker] = {}
        self.by_swe: dict[str, wf.Worker] = {}
        self._pks: dict[int, int] = {}
        for worker in wf.Worker.objects.filter(authority=authority):
            self.add(worker)

    def pk_of(self, worker: wf.Worker) -> int:
        """The worker's id, remembered (a model's ``pk`` property is slow in a loop)."""
        key = id(worker)
        found = self._pks.get(key)
        if found is None:
            found = self._pks[key] = worker.pk
        return found

    def add(self, worker: wf.Worker) -> None:
        self.by_id[worker.pseudonym] = worker
        if worker.swe_number:
            self.by_swe[swe_key(worker.swe_number)] = worker

    def find(self, worker_id: str | None, swe_number: str | None) -> wf.Worker | None:
        if worker_id:
            return self.by_id.get(worker_id)
        if swe_number:
            return self.by_swe.get(swe_key(swe_number))
        return None


class TeamIndex:
    """An authority's teams by name (a name used in two services is ambiguous)."""

    def __init__(self, authority: wf.Authority) -> None:
        self.by_name: dict[str, list[wf.Team]] = defaultdict(list)
        for team in wf.Team.objects.filter(service__authority=authority).select_related("service"):
            self.by_name[team.name.casefold()].append(team)

    def find(self, name: str) -> tuple[wf.Team | None, str]:
        """The team, or None and why not."""
        teams = self.by_name.get(name.casefold(), [])
        if len(teams) == 1:
            return teams[0], ""
        if not teams:
            return None, (
                "a team already in Thrive (import the posts extract first, or add the team "
                "in the admin)"
            )
        services = ", ".join(t.service.name for t in teams)
        return None, f"a team name used once: {name!r} is a team in {services}"
