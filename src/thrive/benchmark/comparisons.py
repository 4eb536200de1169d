"""An authority's published figures beside England's, its region's and its comparators'.

>>> rows = compare("933", 2018, ["turnover_rate_fte"], comparators=["802"])  # doctest: +SKIP

Each :class:`Comparison` holds a value or, where the Department did not publish a number, the
marker and its reason ("c: confidential (a small number, suppressed)"): never a zero. If no
figures have been imported yet, the table shipped with Thrive is loaded first, so benchmarks
work out of the box.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from thrive.benchmark.markers import MARKER_REASONS
from thrive.benchmark.models import PublishedFigure


@dataclass(frozen=True)
class Comparison:
    """One published figure for one area, or why there is none."""

    area: str
    level: str  # England | Region | Local authority | Comparator
    measure: str
    value: Decimal | None
    marker: str = ""

    @property
    def reason(self) -> str:
        if self.value is not None:
            return ""
        return MARKER_REASONS.get(self.marker, "not in the published table")


def ensure_loaded() -> None:
    """Load the shipped 2017-2024 table if no published figures are in the store yet."""
    if not PublishedFigure.objects.exists():
        from thrive.benchmark.loader import import_dfe_stats

        import_dfe_stats(user="thrive (shipped table)")


def _one(query: dict[str, str], year: int, measure: str, area: str, level: str) -> Comparison:
    figure = PublishedFigure.objects.filter(year=year, measure=measure, **query).first()
    if figure is None:
        return Comparison(area, level, measure, None, "")
    return Comparison(figure.area_name, level, measure, figure.value, figure.marker)


def compare(
    la_number: str, year: int, measures: Iterable[str], comparators: Iterable[str] = ()
) -> list[Comparison]:
    """The authority, England, its region and each comparator authority, measure by measure."""
    ensure_loaded()
    own = (
        PublishedFigure.objects.filter(
            la_number=la_number, level=PublishedFigure.Level.LOCAL_AUTHORITY
        )
        .order_by("-year")
        .first()
    )
    region = own.region_code if own is not None else ""
    rows = []
    for measure in measures:
        rows.append(
            _one(
                {"la_number": la_number, "level": "Local authority"},
                year,
                measure,
                la_number,
                "Local authority",
            )
        )
        rows.append(_one({"level": "National"}, year, measure, "England", "England"))
        if region:
            rows.append(
                _one({"level": "Regional", "region_code": region}, year, measure, region, "Region")
            )
        for other in comparators:
            rows.append(
                _one(
                    {"la_number": other, "level": "Local authority"},
                    year,
                    measure,
                    other,
                    "Comparator",
                )
            )
    return rows
