"""Recording a stay conversation ("Talk Before You Walk"): who may, the form, and saving it.

Only someone who may see the worker named, and manages people, may record one: an HR admin,
or the team or service manager of the worker's team (never about themselves). Leadership, who
see no one below manager named, cannot. Each conversation recorded is written to the audit log
as a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl
from django import forms
from django.http import HttpRequest

from thrive.codes import Role
from thrive.codes.lifecycle import ConversationOutcome, ConversationPrompt, LeavingReason
from thrive.frames.workforce import WorkforceFrames
from thrive.lifecycle.models import StayConversation
from thrive.summaries.periods import in_post
from thrive.summaries.scope import MANAGER_GRADES, Scope
from thrive.web import audit
from thrive.web.models import AuditEvent

MANAGING_ROLES = frozenset({Role.HR_ADMIN, Role.SERVICE_MANAGER, Role.TEAM_MANAGER})


def may_record(
    scope: Scope,
    frames: WorkforceFrames,
    worker_id: int,
    as_at: date,
    named: frozenset[int] | None = None,
) -> bool:
    """Whether this user may record (and read) stay conversations with this worker
    (``named``: the scope's named workers "as at" ``as_at``, if the caller has them already)."""
    if scope.is_hr_admin:
        return True
    if scope.role not in MANAGING_ROLES or worker_id == scope.own_worker_id:
        return False
    return worker_id in (named if named is not None else scope.named_workers(frames, as_at))


def holders(scope: Scope, frames: WorkforceFrames, as_at: date) -> list[tuple[str, str]]:
    """Who may be chosen as having held it: the viewer first, then managers they may name."""
    named = scope.named_workers(frames, as_at)
    managing = in_post(frames.spells, as_at).filter(pl.col("grade").is_in(MANAGER_GRADES))
    ids = set(managing["worker_id"].to_list()) & set(named)
    if scope.own_worker_id is not None:
        ids.add(scope.own_worker_id)
    people = frames.workers.filter(pl.col("worker_id").is_in(list(ids)))
    choices = sorted(
        (str(w), name or pseudonym) for w, name, pseudonym in
        people.select("worker_id", "name", "pseudonym").iter_rows()
    )  # fmt: skip
    choices.sort(key=lambda c: (c[0] != str(scope.own_worker_id), c[1]))
    return choices


class StayConversationForm(forms.Form):
    """The conversation's date, who held it, what prompted it, the concern, outcome, actions."""

    date = forms.DateField(
        label="Date of the conversation",
        error_messages={
            "required": "Enter the date of the conversation",
            "invalid": "Enter the date as a real date, for example 12/9/2025",
        },
    )
    held_by = forms.ChoiceField(label="Who held it", required=False)
    held_by_name = forms.CharField(
        label="Or, if they are not in the list, their name and role",
        required=False,
        max_length=120,
        error_messages={"max_length": "Name and role must be 120 characters or fewer"},
    )
    prompted_by = forms.ChoiceField(
        label="What prompted it",
        choices=ConversationPrompt.choices(),
        error_messages={"required": "Select what prompted the conversation"},
    )
    main_concern = forms.ChoiceField(
        label="Their main concern",
        required=False,
        choices=[("", "None raised"), *LeavingReason.choices()],
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=ConversationOutcome.choices(),
        error_messages={"required": "Select the outcome of the conversation"},
    )
    actions = forms.CharField(
        label="Actions agreed",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "Actions must be 2,000 characters or fewer"},
    )

    def __init__(
        self, *args: object, people: list[tuple[str, str]], earliest: dt.date | None,
        latest: dt.date,
        **kwargs: object,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        held_by = self.fields["held_by"]
        assert isinstance(held_by, forms.ChoiceField)
        held_by.choices = [("", "Someone not in this list"), *people]
        self.earliest = earliest
        self.latest = latest

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > self.latest:
            raise forms.ValidationError(
                f"The date must be today or earlier ({self.latest:%-d %B %Y} or before)"
            )
        if self.earliest is not None and day < self.earliest:
            raise forms.ValidationError(
                f"The date must be after they started with the council ({self.earliest:%-d %B %Y})"
            )
        return day

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        chosen, name = cleaned.get("held_by"), (cleaned.get("held_by_name") or "").strip()
        if not chosen and not name:
            self.add_error("held_by", "Select who held the conversation, or enter their name")
        elif chosen and name:
            self.add_error("held_by_name", "Either select who held it or enter a name, not both")
        cleaned["held_by_name"] = name
        return cleaned


@dataclass(frozen=True)
class Recorded:
    conversation_id: int
    subject: str


def save(
    request: HttpRequest, scope: Scope, worker_id: int, pseudonym: str,
    form: StayConversationForm,
) -> Recorded:  # fmt: skip
    """Store a valid form as a StayConversation and write the change to the audit log."""
    data = form.cleaned_data
    conversation = StayConversation.objects.create(
        worker_id=worker_id,
        date=data["date"],
        held_by_id=int(data["held_by"]) if data["held_by"] else None,
        held_by_name=data["held_by_name"],
        prompted_by=data["prompted_by"],
        main_concern=data["main_concern"] or "",
        outcome=data["outcome"],
        actions=data["actions"].strip(),
    )
    subject = f"Recorded a stay conversation with {pseudonym} on {data['date']:%-d %B %Y}"
    audit.record(request, scope, AuditEvent.Action.CHANGE, subject, [pseudonym])
    return Recorded(conversation.pk, subject)


@dataclass(frozen=True)
class ConversationRow:
    """A recorded stay conversation, as the worker's page lists it."""

    on: date
    held_by: str
    prompted_by: str
    main_concern: str
    outcome: str
    actions: str


def conversations_of(
    worker_id: int, names_of: Callable[[set[int]], dict[int, str]]
) -> list[ConversationRow]:
    """The worker's stay conversations, latest first (read from the database each time).

    ``names_of``: the names, of the managers given, that the viewer may see (a manager outside
    them is not named).
    """
    rows = []
    found = list(StayConversation.objects.filter(worker_id=worker_id).order_by("-date", "-pk"))
    names = names_of({c.held_by_id for c in found if not c.held_by_name and c.held_by_id})
    for c in found:
        holder = c.held_by_name
        if not holder and c.held_by_id:
            holder = names.get(c.held_by_id, "A manager outside your part of the council")
        rows.append(
            ConversationRow(
                on=c.date,
                held_by=holder or "Not recorded",
                prompted_by=_label(ConversationPrompt, c.prompted_by),
                main_concern=_label(LeavingReason, c.main_concern) if c.main_concern else "None",
                outcome=_label(ConversationOutcome, c.outcome),
                actions=c.actions,
            )
        )
    return rows


def _label(codes: type[ConversationPrompt] | type[LeavingReason] | type[ConversationOutcome],
           value: str) -> str:  # fmt: skip
    try:
        return str(codes(value).label)
    except ValueError:
        return value
