"""Recording a stay conversation with one worker (HR admins and the worker's managers only)."""

from __future__ import annotations

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from thrive.codes.lifecycle import ConversationPrompt
from thrive.summaries.scope import OutOfScopeError
from thrive.summaries.worker import UnknownWorkerError, worker_id_for
from thrive.web import conversations, inputs
from thrive.web.inputs import accepts
from thrive.web.views.common import page_request, render_page


@accepts("prompted_by")
@login_required
@require_http_methods(["GET", "POST"])
def stay_conversation(request: HttpRequest, pseudonym: str) -> HttpResponse:
    """The form; a valid POST saves the conversation, audits it and returns to the record."""
    page = page_request(request)
    frames = page.frames
    try:
        worker_id = worker_id_for(frames, pseudonym)
    except UnknownWorkerError as missing:
        raise Http404("No such worker") from missing
    if not conversations.may_record(page.scope, frames, worker_id, page.latest):
        raise OutOfScopeError(
            "Only HR admins and this worker's own managers can record a stay conversation."
        )
    person = frames.workers.filter(pl.col("worker_id") == worker_id).row(0, named=True)
    today = timezone.localdate()
    started = frames.spells.filter(pl.col("worker_id") == worker_id)["start_date"].min()
    form = conversations.StayConversationForm(
        request.POST if request.method == "POST" else None,
        initial={
            "held_by": str(page.scope.own_worker_id or ""),
            "prompted_by": inputs.choice(
                request, "prompted_by", dict(ConversationPrompt.choices()), ""
            ),
            "date": today,
        },
        people=conversations.holders(page.scope, frames, page.latest),
        earliest=started if isinstance(started, type(today)) else None,
        latest=today,
    )
    if request.method == "POST" and form.is_valid():
        conversations.save(request, page.scope, worker_id, pseudonym, form)
        messages.success(request, "Stay conversation recorded.")
        return redirect("worker", pseudonym=pseudonym)
    context = {
        "form": form,
        "pseudonym": pseudonym,
        "worker_name": person["name"] or pseudonym,
    }
    status = 400 if request.method == "POST" else 200
    return render_page(request, page, "thrive/stay_conversation.html", "at_risk", context, status)
