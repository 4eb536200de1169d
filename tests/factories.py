"""Small builders for hand-made test fixtures: an authority, its teams, workers and spells.

Each takes only what a test cares about and fills the rest with plain defaults, so a test reads
as the situation it checks. Use them inside a test that has database access.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count

from thrive.codes import CareerGrade, ContractType, Route, TeamKind
from thrive.workforce import models

_ids = count(1)


def authority(la_number: str = "999", name: str = "Testshire County Council") -> models.Authority:
    return models.Authority.objects.create(la_number=la_number, name=name, region="South West")


def team(
    of: models.Authority,
    name: str = "Child Protection North",
    service: str = "Safeguarding",
    kind: TeamKind = TeamKind.CHILD_PROTECTION,
) -> models.Team:
    owning_service, _ = models.Service.objects.get_or_create(authority=of, name=service)
    return models.Team.objects.create(service=owning_service, name=name, kind=kind.value)


def worker(
    of: models.Authority, route: Route = Route.EXPERIENCED, **fields: object
) -> models.Worker:
    n = next(_ids)
    values: dict[str, object] = {
        "pseudonym": f"T{n:06d}",
        "name": f"Test Worker {n}",
        "swe_number": f"SW{900000 + n}",
        "birth_date": date(1985, 1, 1),
        "route": route.value,
    }
    values.update(fields)
    return models.Worker.objects.create(authority=of, **values)


def spell(
    who: models.Worker,
    in_team: models.Team,
    start: date,
    end: date | None = None,
    grade: CareerGrade = CareerGrade.SOCIAL_WORKER,
    contract: ContractType = ContractType.PERMANENT,
    fte: str = "1",
    **fields: object,
) -> models.EmploymentSpell:
    return models.EmploymentSpell.objects.create(
        worker=who,
        team=in_team,
        start_date=start,
        end_date=end,
        grade=grade.value,
        org_role=int(grade.org_role),
        contract_type=contract.value,
        fte=Decimal(fte),
        **fields,
    )
