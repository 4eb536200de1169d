"""The Forecast page's form: the levers a person sets, checked and refused in plain English.

The form's cleaned values become :class:`thrive.summaries.forecast.Levers`, which the view model
turns into a scenario.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from thrive.forecast import load_scenario
from thrive.forecast.scenario import month_of
from thrive.summaries.forecast import HORIZONS
from thrive.summaries.periods import months_after


def _scenario_choices() -> list[tuple[str, str]]:
    from thrive.forecast import packaged_scenarios

    return [(name, load_scenario(name).name) for name in packaged_scenarios()]


def _between(low: float, high: float, whole: bool = True) -> dict[str, str]:
    """Error messages for a number lever, in plain English."""
    kind = "a whole number" if whole else "a number"
    said = f"Enter {kind} from {low:g} to {high:g}"
    return {"invalid": said, "min_value": said, "max_value": said}


class ScenarioForm(forms.Form):
    """The levers: blank means "as the chosen scenario says"."""

    scenario = forms.ChoiceField(
        label="Start from",
        choices=_scenario_choices,
        error_messages={
            "invalid_choice": "Choose one of the example plans",
            "required": "Choose one of the example plans",
        },
    )
    asye_per_year = forms.IntegerField(
        label="Newly qualified social workers (ASYE) recruited a year",
        required=False,
        min_value=0,
        max_value=300,
        error_messages=_between(0, 300),
    )
    experienced_per_year = forms.IntegerField(
        label="Experienced social workers recruited a year",
        required=False,
        min_value=0,
        max_value=300,
        help_text="Blank: experienced hires fill vacancies at the rate they have recently.",
        error_messages=_between(0, 300),
    )
    turnover_change = forms.IntegerField(
        label="Change in leaving rates (%)",
        required=False,
        min_value=-90,
        max_value=100,
        help_text="For example -25 for a retention drive that cuts leaving by a quarter.",
        error_messages=_between(-90, 100),
    )
    target_caseload = forms.FloatField(
        label="Target caseload",
        required=False,
        min_value=5,
        max_value=40,
        error_messages=_between(5, 40, whole=False),
    )
    conversions_per_quarter = forms.FloatField(
        label="Agency workers converted to permanent a quarter",
        required=False,
        min_value=0,
        max_value=50,
        error_messages=_between(0, 50, whole=False),
    )
    horizon = forms.TypedChoiceField(
        label="Months ahead",
        choices=[("", "As the scenario says")] + [(str(h), f"{h} months") for h in HORIZONS],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose 12, 24, 36 or 60 months"},
    )
    compare = forms.BooleanField(label="Show the baseline beside it", required=False)
    goal_by = forms.CharField(
        label="Goal seek: the smallest ASYE intake that reaches 90% permanent and an average "
        "caseload of at most 14 by (year and month, e.g. 2027-09)",
        required=False,
        max_length=7,
        error_messages={"max_length": "Enter the goal's month as a year and month, like 2027-09"},
    )

    def __init__(self, *args: Any, latest: date | None = None, **kwargs: Any) -> None:
        """``latest``: the last date the records speak for; a goal more than the longest
        horizon after it is refused (it would take the goal seek minutes)."""
        super().__init__(*args, **kwargs)
        self.latest = latest

    def clean_goal_by(self) -> date | None:
        text = (self.cleaned_data.get("goal_by") or "").strip()
        if not text:
            return None
        try:
            month = month_of(text, "goal_by", "")
        except Exception:
            raise forms.ValidationError(
                "Enter the goal's month as a year and month, like 2027-09"
            ) from None
        if self.latest is not None and month > months_after(self.latest, max(HORIZONS)):
            furthest = months_after(self.latest, max(HORIZONS))
            raise forms.ValidationError(
                f"Enter a month up to {furthest:%B %Y}, {max(HORIZONS)} months after the "
                "records end"
            )
        return month
