"""How figures read on a page: units, signs and dates, the same everywhere."""

from __future__ import annotations

from datetime import date

_DECIMALS = {
    "%": 1,
    "FTE": 1,
    "people": 0,
    "cases": 0,
    "cases per FTE": 1,
    "working days": 1,
    "£": 0,
    "years": 1,
    "reports per manager": 1,
}
_SUFFIX = {
    "FTE": " FTE",
    "cases": " cases",
    "cases per FTE": "",
    "working days": " days",
    "years": " years",
    "reports per manager": "",
    "people": "",
}


def number(value: float | None, unit: str) -> str:
    """A value with its unit: 13.9%, £12,345, 210.5 FTE, 14.2 (cases per FTE shown in the label)."""
    if value is None:
        return "–"
    places = _DECIMALS.get(unit, 1)
    if unit == "%":
        return f"{value:,.{places}f}%"
    if unit == "£":
        return f"£{value:,.{places}f}"
    return f"{value:,.{places}f}{_SUFFIX.get(unit, '')}"


def change(value: float | None, unit: str) -> str:
    """A change with its sign: +1.2 percentage points, -3 FTE, no change."""
    if value is None:
        return "–"
    places = _DECIMALS.get(unit, 1)
    if round(value, places) == 0:
        return "no change"
    sign = "+" if value > 0 else "−"
    size = abs(value)
    if unit == "%":
        return f"{sign}{size:,.{places}f} points"
    if unit == "£":
        return f"{sign}£{size:,.{places}f}"
    return f"{sign}{size:,.{places}f}{_SUFFIX.get(unit, '')}"


def direction(value: float | None, higher_is_better: bool | None, unit: str) -> str | None:
    """'better', 'worse' or None (no change, no direction, or nothing to compare)."""
    if value is None or higher_is_better is None:
        return None
    if round(value, _DECIMALS.get(unit, 1)) == 0:
        return None
    return "better" if (value > 0) == higher_is_better else "worse"


def day(value: date | None) -> str:
    return "–" if value is None else f"{value:%-d %B %Y}"


def short_day(value: date) -> str:
    return f"{value:%-d %b %Y}"


def change_in_words(
    value: float | None,
    previous: float | None,
    unit: str,
    higher_is_better: bool | None,
    *,
    target: str | None = None,
    status: str | None = None,
) -> str:
    """A change on a year ago as a director would say it: "down 1.2 from 15.4: better",
    "up 2.0 points from 11.0%: worse", "no change from 6.0", "no figure a year ago".

    Worked out from the figures as shown (rounded), so the words and the two figures on the page
    always add up; "better" or "worse" only where the measure has a direction. Given the
    measure's ``target`` (as shown, "at most 6.0") and ``status``, the words agree with the
    status: a move the wrong way that is still within the target reads "up 0.1 from 5.8: still
    within the target of at most 6.0", and a move the right way that has not reached it "down
    0.5 from 16.0: better, not yet within the target of at most 14.0" (:func:`sense_for_target`).
    """
    if value is None:
        return "–"
    if previous is None:
        return "no figure a year ago"
    places = _DECIMALS.get(unit, 1)
    before = number(previous, unit)
    difference = round(round(value, places) - round(previous, places), places)
    if difference == 0:
        return f"no change from {before}"
    size = change(abs(difference), unit).removeprefix("+")
    said = f"{'up' if difference > 0 else 'down'} {size} from {before}"
    sense = sense_for_target(direction(difference, higher_is_better, unit), status)
    if sense and target and sense != direction(difference, higher_is_better, unit):
        sense = f"{sense} of {target}"
    return f"{said}: {sense}" if sense else said


def sense_for_target(sense: str | None, status: str | None) -> str | None:
    """'better' or 'worse' put so that it agrees with the measure's status against its target.

    A move the wrong way while the figure still meets its target (status ``green``) reads
    "still within the target", not "worse" beside "Meets target"; a move the right way while the
    figure still misses it (``amber`` or ``red``) reads "better, not yet within the target".
    Without a status (no target, or withheld) the plain sense stands.
    """
    if sense == "worse" and status == "green":
        return "still within the target"
    if sense == "better" and status in {"amber", "red"}:
        return "better, not yet within the target"
    return sense
