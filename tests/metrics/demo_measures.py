"""The demo council's calibration figures, taken with the measures (thrive.metrics).

``measured(frames)`` gives a value for every key of ``thrive.demo.calibration.TARGETS``, each
from the registry's measures (as at 30 September, or averaged over month ends), so the demo
tests can check that the measures land on the figures the demo was calibrated to.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from statistics import mean

from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Options, Result, series
from thrive.metrics.periods import month_ends


def _sept(year: int) -> date:
    return date(year, 9, 30)


def _whole(results: Iterable[Result], name: str) -> dict[date, Result]:
    return {r.as_at: r for r in results if r.name == name and r.slice is None}


def _value(r: Result) -> float:
    assert r.value is not None, r
    return r.value


def measured(frames: WorkforceFrames) -> dict[str, float]:
    septembers = [_sept(y) for y in range(2015, 2026)]
    yearly = series(
        frames,
        septembers,
        names=[
            "headcount_in_post",
            "agency_headcount",
            "permanent_share",
            "turnover_rate",
            "average_caseload",
            "appraisal_completion",
            "absence_rate",
            "workforce_by_sex",
        ],
        by="grade",
        hr=True,
        compare=False,
    )
    monthly = series(
        frames,
        month_ends(date(2015, 10, 1), date(2025, 9, 30)),
        names=["largest_span_of_control", "span_of_control", "supervised_share"],
        by="grade",
        compare=False,
    )
    headcount = _whole(yearly, "headcount_in_post")
    agency = _whole(yearly, "agency_headcount")
    turnover = _whole(yearly, "turnover_rate")
    caseload = _whole(yearly, "average_caseload")
    # The targets count the ASYEs recruited since the academy opened in August 2015.
    since_academy = Options(asye_recruited_since=date(2015, 8, 1))
    asye = _whole(
        series(frames, [_sept(2018)], names=["asye_still_employed"], options=since_academy),
        "asye_still_employed",
    )[_sept(2018)]
    spans = _whole(monthly, "largest_span_of_control")
    supervised = _whole(monthly, "supervised_share")
    manager_spans = {
        r.as_at: r
        for r in monthly
        if r.name == "span_of_control" and r.slice == {"grade": "team_manager"}
    }
    consultants = next(
        r
        for r in yearly
        if r.name == "headcount_in_post"
        and r.as_at == _sept(2018)
        and r.slice == {"grade": "consultant_social_worker"}
    )
    women = next(
        r
        for r in yearly
        if r.name == "workforce_by_sex" and r.as_at == _sept(2018) and r.slice == {"sex": "Female"}
    )

    def months(first: date, last: date, by_date: dict[date, Result]) -> list[float]:
        return [_value(by_date[d]) for d in month_ends(first, last)]

    return {
        "permanent_2015": _value(headcount[_sept(2015)]),
        "agency_2015": _value(agency[_sept(2015)]),
        "permanent_2018": _value(headcount[_sept(2018)]),
        "agency_2018": _value(agency[_sept(2018)]),
        "permanent_share_2019": _value(_whole(yearly, "permanent_share")[_sept(2019)]),
        "turnover_2016": _value(turnover[_sept(2016)]),
        "turnover_2017": _value(turnover[_sept(2017)]),
        "turnover_2019": _value(turnover[_sept(2019)]),
        "turnover_later": mean(_value(turnover[_sept(y)]) for y in range(2020, 2026)),
        "caseload_2015": _value(caseload[_sept(2015)]),
        "caseload_2016": _value(caseload[_sept(2016)]),
        "caseload_2017": _value(caseload[_sept(2017)]),
        "caseload_2018": _value(caseload[_sept(2018)]),
        "caseload_later": mean(_value(caseload[_sept(y)]) for y in range(2019, 2026)),
        "asye_started": asye.denominator or 0.0,
        "asye_lost": (asye.denominator or 0.0) - (asye.numerator or 0.0),
        "max_reports_2017_on": max(months(date(2017, 1, 1), date(2025, 9, 30), spans)),
        "team_manager_span_2016": mean(months(date(2015, 10, 1), date(2016, 9, 30), manager_spans)),
        "supervised_2016": mean(months(date(2015, 10, 1), date(2016, 9, 30), supervised)),
        "supervised_2017_on": mean(months(date(2017, 4, 1), date(2025, 9, 30), supervised)),
        "appraisal_2017_on": mean(
            _value(_whole(yearly, "appraisal_completion")[_sept(y)]) for y in range(2018, 2026)
        ),
        "absence_rate": mean(
            _value(_whole(yearly, "absence_rate")[_sept(y)]) for y in range(2015, 2026)
        ),
        "consultants_2018": _value(consultants),
        "female_share": _value(women),
    }
