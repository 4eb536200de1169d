"""Beside next year from the published statistics: FTE in post from the council's own records.

The capacity forecast (:mod:`thrive.forecast`, the model the Forecast page keeps) runs its
baseline, "recent history carries on", with the Forecast page's runs and seed, to the 30
September the published forecast is for or, when the records already reach it, the next one.
The sentences say what each source expects and where they differ, in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive.forecast import CapacityForecast, load_scenario
from thrive.summaries import formatting
from thrive.summaries.forecast import BASELINE, RUNS, SEED
from thrive.summaries.next_year import ENGLAND, LOCAL, REGIONAL, Forecasts

MEASURE = "inpost_fte"  # the published measure the capacity forecast also makes


@dataclass(frozen=True)
class OwnForecast:
    """FTE social workers in post at ``on``, from the council's own records."""

    origin: date  # the records' last month end
    at_origin: float
    on: date
    p10: float
    p50: float
    p90: float


def own_forecast(model: CapacityForecast, year: int) -> OwnForecast:
    """The baseline's FTE in post at 30 September ``year``, or at the first 30 September after
    the records' last month when they already reach that one."""
    origin: date = model.origin_
    on = date(year, 9, 30)
    if origin >= on:
        on = date(origin.year + (origin >= date(origin.year, 9, 30)), 9, 30)
    horizon = (on.year - origin.year) * 12 + on.month - origin.month
    result = model.run(load_scenario(BASELINE), runs=RUNS, horizon=horizon, seed=SEED)
    p10, p50, p90 = result.at("fte_in_post", on)
    at_origin = result.at("fte_in_post", origin)[1]
    return OwnForecast(origin, at_origin, on, p10, p50, p90)


def _fte(value: float) -> str:
    return formatting.number(value, "FTE")


def _change(share: float) -> str:
    if abs(share) < 0.005:
        return "little change"
    return f"a {'rise' if share > 0 else 'fall'} of {abs(share):.0%}"


def own_sentences(own: OwnForecast, made: Forecasts, la_number: str, region: str) -> list[str]:
    """What the council's own records expect, and where that differs from the published
    figures' forecast (for the same 30 September when the dates agree, else the change)."""
    said = [
        f"From the council's own records (to {own.origin:%B %Y}, {_fte(own.at_origin)} in "
        f"post), FTE social workers in post at 30 September {own.on.year} are most likely "
        f"{_fte(own.p50)}, 8 in 10 likely between {_fte(own.p10)} and {_fte(own.p90)}, if "
        "recruitment, leaving and agency cover carry on as in the last three years."
    ]
    ours = made.of(LOCAL, la_number, MEASURE)
    if own.on.year == made.year and ours is not None:
        said.append(
            f"From the published figures alone it is most likely {_fte(ours['p50'])} "
            f"({_fte(ours['p10'])} to {_fte(ours['p90'])}). "
            + _differ(own, ours["p10"], ours["p50"], ours["p90"])
        )
        return said
    if ours is not None:  # (when it is None the page has said the council is not published)
        said.append(
            f"The published figures go to 30 September {made.year - 1}, so their forecast is "
            f"for {made.year}, which the council's records already cover: they expected "
            f"{_fte(ours['p50'])} ({_fte(ours['p10'])} to {_fte(ours['p90'])})."
        )
    moves = []
    for level, key, name in ((REGIONAL, region, region), (ENGLAND, "", "England")):
        row = made.of(level, key, MEASURE)
        if row is not None and row["last"]:
            moves.append((name, row["p50"] / row["last"] - 1))
    if moves:
        mine = own.p50 / own.at_origin - 1 if own.at_origin else 0.0
        theirs = "; ".join(f"{_change(c)} for {n}" for n, c in moves)
        alike = all(abs(mine - c) < 0.02 for _, c in moves)
        said.append(
            f"Over its year the council's own forecast is {_change(mine)}; the published "
            f"figures expect {theirs} in {made.year}: "
            + (
                "much the same movement."
                if alike
                else "the council is expected to move differently."
            )
        )
    return said


def _differ(own: OwnForecast, p10: float, p50: float, p90: float) -> str:
    if own.p50 > p90:
        return (
            "The council's own records point higher than the published figures alone: their "
            "most likely figure is above the published range."
        )
    if own.p50 < p10:
        return (
            "The council's own records point lower than the published figures alone: their "
            "most likely figure is below the published range."
        )
    if own.p10 <= p50 <= own.p90:
        return "The two agree: each most likely figure is inside the other's range."
    return (
        "They overlap, but the published figures' most likely figure is outside the range "
        "the council's own records give."
    )
