"""Vacancies by team, service or grade for the Workforce page: each group's row worked out once
for the authority with the people in post in it, and each viewer's rows withheld where the
group is small and outside what they may see named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive import metrics
from thrive.codes import CareerGrade, ContractType
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result, Targets
from thrive.summaries import formatting
from thrive.summaries.suppression import NOT_SHOWN, group_sizes, group_withheld

WHOLE = "Whole council"


@dataclass(frozen=True)
class VacancyRow:
    name: str
    fte: float | None
    vacancy_fte: str
    vacancy_rate: str
    unfilled_rate: str


@dataclass(frozen=True)
class VacancyFigures:
    """One group's vacancy row as someone who may see it is shown it, with the people in post in
    the group (``code`` None: the whole council), so each viewer's withholding is cheap."""

    code: str | None
    row: VacancyRow
    people: int


def shown_rows(groups: list[VacancyFigures], named: set[str] | None) -> list[VacancyRow]:
    """The rows a viewer sees. With ``named`` (the teams, services or grade codes whose people
    the viewer may see named), the row of a group of 1 to 4 people outside them is withheld: the
    rate's denominator holds their FTE in post, which the rate and the FTE vacant give away."""
    rows = []
    for group in groups:
        if (
            named is not None
            and group.code is not None
            and group_withheld(group.people, named=group.code in named)
        ):
            rows.append(VacancyRow(group.row.name, None, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN))
        else:
            rows.append(group.row)
    return rows


def vacancy_slices(
    frames: WorkforceFrames, as_at: date, targets: Targets, by: str
) -> list[VacancyFigures]:
    """Vacancies by ``by`` (team, service or grade), each group with its people in post; the
    whole council last."""
    results: dict[str | None, dict[str, Result]] = {}
    for r in metrics.compute(
        frames,
        as_at,
        by=by,
        names=["vacancy_fte", "vacancy_rate", "unfilled_vacancy_rate"],
        targets=targets,
        compare=False,
    ):
        code = None if r.slice is None else r.slice[by]
        results.setdefault(code, {})[r.name] = r
    sizes = group_sizes(frames, as_at, by)
    groups = []
    for code, found in results.items():

        def shown(name: str, unit: str, found: dict[str, Result] = found) -> str:
            r = found.get(name)
            return formatting.number(r.value if r else None, unit)

        fte = found.get("vacancy_fte")
        row = VacancyRow(
            WHOLE if code is None else _label(by, code),
            fte.value if fte else None,
            shown("vacancy_fte", "FTE"),
            shown("vacancy_rate", "%"),
            shown("unfilled_vacancy_rate", "%"),
        )
        people = 0 if code is None else sizes.get(code, 0)
        groups.append(VacancyFigures(code, row, people))
    whole = [g for g in groups if g.code is None]
    return sorted((g for g in groups if g.code is not None), key=lambda g: g.row.name) + whole


def _label(dimension: str, value: str) -> str:
    if dimension == "grade":
        try:
            return CareerGrade(value).label
        except ValueError:
            return value
    if dimension == "contract":
        try:
            return ContractType(value).label
        except ValueError:
            return value
    return value
