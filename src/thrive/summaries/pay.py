"""Pay and reward as a page, the API or ``thrive pay`` show it: base salary by grade, recruitment
and retention payments, who stayed a year on, and agency cover beside directly employed pay.

Every figure is a registry measure (``thrive.metrics.definitions.pay``), computed for the whole
council and by grade, then withheld here for a viewer who may not see people named (anyone but
HR) wherever it is made from 1 to 4 people (:func:`thrive.summaries.suppression.figure_withheld`):
a median of three salaries is close to each of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from thrive import metrics
from thrive.codes import CareerGrade
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result
from thrive.metrics.context import Options
from thrive.metrics.targets import Targets, default_targets
from thrive.retention.pay import payment_curves
from thrive.summaries.formatting import change, day, number
from thrive.summaries.suppression import (
    NOT_SHOWN,
    figure_withheld,
    is_small,
    people_result,
    shown_count,
    with_people,
    withheld_text,
)

NAMES = (
    "pay_records_headcount",
    "base_salary_lower_quartile",
    "median_base_salary",
    "base_salary_upper_quartile",
    "rr_payment_headcount",
    "rr_payment_share",
    "rr_payment_cost",
    "retained_with_rr_payment",
    "retained_without_rr_payment",
    "agency_rated_headcount",
    "agency_cost_per_fte",
    "employed_cost_per_fte",
    "agency_cost_premium",
)
WHOLE = "All grades"
REGION = (
    "The Department's published workforce figures that Thrive holds (2017 to 2024) give no pay, "
    "so there is no regional figure to set the council's pay beside."
)


@dataclass(frozen=True)
class Shown:
    """One figure as this viewer sees it: its text, and its number unless withheld."""

    text: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class PayRow:
    """A grade (or the whole council): its salaries, its change and agency cover's cost."""

    part: str
    people: Shown
    lower: Shown
    median: Shown
    upper: Shown
    median_year_before: Shown
    median_change: str
    agency_people: Shown
    agency_cost: Shown
    employed_cost: Shown
    premium: Shown


@dataclass(frozen=True)
class CurveRow:
    """Those with (or without) a payment, followed from the census date: the share still here
    half a year and a year on, from their retention curve."""

    group: str
    people: str
    leavers: str
    half_year: str
    one_year: str


@dataclass(frozen=True)
class PayPage:
    """What the Pay and reward page shows."""

    as_at: date
    census_day: date
    has_pay: bool
    named: bool
    rows: tuple[PayRow, ...]
    rr_people: Shown
    rr_share: Shown
    rr_cost: Shown
    retained_with: Shown
    retained_without: Shown
    on_cost_percent: float
    working_days: int
    curves_from: date | None = None
    curves: tuple[CurveRow, ...] = ()
    region: str = REGION

    @property
    def curves_from_text(self) -> str:
        return day(self.curves_from) if self.curves_from else ""

    @property
    def census_day_text(self) -> str:
        return day(self.census_day)

    @property
    def year_on_note(self) -> str:
        """Why "still here a year on" has no figure, when it has none for anyone ("" else)."""
        if any(s.text != "–" for s in (self.retained_with, self.retained_without)):
            return ""
        year_before = day(self.census_day.replace(year=self.census_day.year - 1))
        return (
            f"Nobody can be followed a year on yet: no pay was returned for the census day a "
            f"year before ({year_before})."
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (dates as ISO text)."""
        data = asdict(self)
        data["as_at"], data["census_day"] = self.as_at.isoformat(), self.census_day.isoformat()
        data["curves_from"] = self.curves_from.isoformat() if self.curves_from else None
        return data


def _share(value: object) -> str:
    return "–" if value is None else number(100 * float(str(value)), "%")


def _curve_rows(
    frames: WorkforceFrames, as_at: date, named: bool
) -> tuple[date | None, tuple[CurveRow, ...]]:
    """Each group's share still here, withheld outside HR where those followed, those who left
    or those still here are 1 to 4 (a share would then describe a few people)."""
    found = payment_curves(frames, as_at)
    if found is None:
        return None, ()
    rows = []
    for group, curves in found.curves.items():
        r = curves.summary.row(0, named=True)
        people, leavers = int(r["people"]), int(r["leavers"])
        few = any(is_small(n) for n in (people, leavers, people - leavers))
        if few and not named:
            count = str(shown_count(people, named=False))
            rows.append(CurveRow(group, count, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN))
            continue

        half, year = _share(r["retained_0.5y"]), _share(r["retained_1y"])
        rows.append(CurveRow(group, f"{people:,}", f"{leavers:,}", half, year))
    return found.census_day, tuple(rows)


def census_day_for(as_at: date) -> date:
    """The last census date (30 September) on or before ``as_at``."""
    year = as_at.year if (as_at.month, as_at.day) >= (9, 30) else as_at.year - 1
    return date(year, 9, 30)


def _shown(
    name: str, r: Result | None, named: bool, partners: Mapping[str, Result | None]
) -> Shown:
    if r is None:
        return Shown("–", None)
    m = metrics.measure(name)
    if figure_withheld(m, r, named, people=people_result(m, partners)):
        small = r.value if str(m.unit) == "people" else None
        return Shown(withheld_text(int(small)) if small is not None else NOT_SHOWN, None)
    return Shown(number(r.value, r.unit), r.value, r.numerator, r.denominator)


def pay_page(
    frames: WorkforceFrames,
    as_at: date,
    *,
    named: bool,
    targets: Targets | None = None,
    options: Options | None = None,
) -> PayPage:
    """The page's figures as at ``as_at``; ``named``: the viewer may see people named (HR)."""
    found = metrics.compute(
        frames,
        as_at,
        by="grade",
        names=with_people(NAMES),
        targets=targets,
        options=options,
        hr=True,
    )
    parts: dict[str | None, dict[str, Result]] = {}
    for r in found:
        key = None if r.slice is None else r.slice.get("grade")
        parts.setdefault(key, {})[r.name] = r

    def shown(name: str, part: str | None) -> Shown:
        results = parts.get(part, {})
        return _shown(name, results.get(name), named, results)

    def row(part: str | None, label: str) -> PayRow:
        median = parts.get(part, {}).get("median_base_salary")
        year_before = Shown("–", None)
        moved = "–"
        now = shown("median_base_salary", part)
        if median is not None and median.previous is not None and now.value is not None:
            before = median._replace(value=median.previous, previous=None)
            counted = parts.get(part, {}).get("pay_records_headcount")
            then = counted._replace(value=counted.previous) if counted is not None else None
            earlier = _shown("median_base_salary", before, named, {"pay_records_headcount": then})
            year_before = earlier
            if earlier.value is not None:
                moved = change(median.change, "£")
        return PayRow(
            label,
            shown("pay_records_headcount", part),
            shown("base_salary_lower_quartile", part),
            now,
            shown("base_salary_upper_quartile", part),
            year_before,
            moved,
            shown("agency_rated_headcount", part),
            shown("agency_cost_per_fte", part),
            shown("employed_cost_per_fte", part),
            shown("agency_cost_premium", part),
        )

    grades = [g for g in CareerGrade if str(g) in parts]
    rows = [row(str(g), g.label) for g in grades]
    rows.append(row(None, WHOLE))
    whole = parts.get(None, {})
    used = (targets or default_targets()).apply_to(options or Options())
    counted = whole.get("pay_records_headcount")
    curves_from, curves = _curve_rows(frames, as_at, named)
    return PayPage(
        as_at=as_at,
        census_day=census_day_for(as_at),
        has_pay=counted is not None and bool(counted.value),
        named=named,
        rows=tuple(rows),
        rr_people=shown("rr_payment_headcount", None),
        rr_share=shown("rr_payment_share", None),
        rr_cost=shown("rr_payment_cost", None),
        retained_with=shown("retained_with_rr_payment", None),
        retained_without=shown("retained_without_rr_payment", None),
        on_cost_percent=round(100 * used.pay_on_cost_rate, 1),
        working_days=used.working_days_per_year,
        curves_from=curves_from,
        curves=curves,
    )
