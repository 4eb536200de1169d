"""Adding and changing an action of the strategy's action plan: the form, saving, auditing.

Only an HR admin may write the plan (as only HR may load data or issue tokens); leadership read
it. Every action added or changed is written to the audit log as a change, saying what changed
from what to what. The measures an action aims to move are the metrics registry's (each a whole
figure, not a breakdown), so the pack can show their current values.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest

from thrive.action_plan.models import Action
from thrive.summaries.action_plan import measure_choices
from thrive.summaries.scope import Scope
from thrive.web import audit
from thrive.web.models import AuditEvent

MOST_MEASURES = 6
EARLIEST_DUE = dt.date(2000, 1, 1)
YEARS_AHEAD = 10


class ActionForm(forms.Form):
    """An action's title, owner, due date, status, the measures it aims to move, and notes."""

    title = forms.CharField(
        label="Action",
        max_length=200,
        min_length=3,
        error_messages={
            "required": "Enter what the action is",
            "max_length": "The action must be 200 characters or fewer",
            "min_length": "The action must be at least 3 characters",
        },
    )
    owner = forms.CharField(
        label="Owner",
        help_text="Who answers for it, by name or role: for example, Head of service, CIN",
        max_length=120,
        error_messages={
            "required": "Enter who owns the action",
            "max_length": "The owner must be 120 characters or fewer",
        },
    )
    due = forms.DateField(
        label="Due date",
        error_messages={
            "required": "Enter the date the action is due",
            "invalid": "Enter the due date as a real date, for example 31/3/2026",
        },
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        error_messages={"required": "Select how the action is going"},
    )
    measures = forms.MultipleChoiceField(
        label="The measures it aims to move",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select measures from the list"},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "Notes must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: object, today: dt.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        chosen = self.fields["measures"]
        assert isinstance(chosen, forms.MultipleChoiceField)
        chosen.choices = measure_choices()
        self.today = today

    def clean_title(self) -> str:
        return str(self.cleaned_data["title"]).strip()

    def clean_owner(self) -> str:
        return str(self.cleaned_data["owner"]).strip()

    def clean_due(self) -> dt.date:
        day: dt.date = self.cleaned_data["due"]
        latest = self.today.replace(year=self.today.year + YEARS_AHEAD, day=1)
        if day < EARLIEST_DUE:
            raise forms.ValidationError(f"The due date must be in {EARLIEST_DUE.year} or later")
        if day > latest:
            raise forms.ValidationError(
                f"The due date must be within {YEARS_AHEAD} years ({latest:%-d %B %Y} or before)"
            )
        return day

    def clean_measures(self) -> list[str]:
        chosen: list[str] = list(self.cleaned_data["measures"])
        if len(chosen) > MOST_MEASURES:
            raise forms.ValidationError(f"Select {MOST_MEASURES} measures or fewer")
        return chosen


def initial_of(action: Action) -> dict[str, object]:
    return {
        "title": action.title,
        "owner": action.owner,
        "due": action.due,
        "status": action.status,
        "measures": list(action.measures or ()),
        "notes": action.notes,
    }


def _shown(field: str, value: object) -> str:
    if field == "status":
        return str(Action.Status(str(value)).label)
    if field == "due" and isinstance(value, dt.date):
        return f"{value:%-d %b %Y}"
    if field == "measures":
        return ", ".join(str(v) for v in value) if isinstance(value, list) and value else "none"
    if field == "notes":
        return "new notes" if value else "no notes"
    return f"'{value}'"


def changes(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """What changed, in words: "status On track to At risk"."""
    said = []
    for field in ("title", "owner", "due", "status", "measures", "notes"):
        if before.get(field) != after.get(field):
            was, now = _shown(field, before.get(field)), _shown(field, after[field])
            said.append(f"{field} {was} to {now}")
    return said


def save(
    request: HttpRequest, scope: Scope, form: ActionForm, action: Action | None = None
) -> Action | None:
    """Store a valid form as a new or changed action and write the change to the audit log
    (nothing is written, and None returned, for a change that changes nothing)."""
    data = {k: form.cleaned_data[k] for k in ("title", "owner", "due", "status", "measures")}
    data["notes"] = str(form.cleaned_data["notes"]).strip()
    if action is None:
        action = Action.objects.create(authority_id=scope.authority_id, **data)
        subject = (
            f"Added action '{action.title}' to the action plan: due {action.due:%-d %b %Y}, "
            f"{action.get_status_display()}"
        )
    else:
        said = changes(initial_of(action), data)
        if not said:
            return None
        old_title = action.title
        for field, value in data.items():
            setattr(action, field, value)
        action.save()
        subject = f"Changed action '{old_title}' in the action plan: {'; '.join(said)}"
    audit.record(request, scope, AuditEvent.Action.CHANGE, subject)
    return action
