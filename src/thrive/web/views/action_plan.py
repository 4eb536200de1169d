"""The Action plan page: the strategy's actions, read by HR and leadership, written by HR."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from thrive.action_plan.models import Action
from thrive.centre.centre import Centre
from thrive.codes import Role
from thrive.summaries.action_plan import actions_of, progress_of
from thrive.summaries.scope import OutOfScopeError
from thrive.web import action_plan_form
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import page_request, render_page

READ_ROLES = frozenset({Role.HR_ADMIN, Role.LEADERSHIP})


def _plan_centre(request: HttpRequest, *, writing: bool = False) -> Centre:
    page = page_request(request)
    if page.scope.role not in READ_ROLES:
        raise OutOfScopeError("Only HR admins and leadership can open the action plan.")
    if writing and not page.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can add or change the action plan's actions.")
    return page


@accepts(*DOWNLOADS)
@require_http_methods(["GET", "HEAD"])
@login_required
def action_plan(request: HttpRequest) -> HttpResponse:
    """Every action, soonest due first, with the plan's progress in a line."""
    page = _plan_centre(request)
    actions = actions_of(page.authority_id, timezone.localdate())
    return render_page(
        request,
        page,
        "thrive/action_plan.html",
        "action_plan",
        {
            "actions": actions,
            "progress": progress_of(actions),
            "may_write": page.scope.is_hr_admin,
        },
    )


@accepts()
@require_http_methods(["GET", "POST"])
@login_required
def edit_action(request: HttpRequest, action_id: int | None = None) -> HttpResponse:
    """The form to add an action (no ``action_id``) or change one; a valid POST saves it,
    audits it and returns to the plan."""
    page = _plan_centre(request, writing=True)
    action = None
    if action_id is not None:
        action = Action.objects.filter(pk=action_id, authority_id=page.authority_id).first()
        if action is None:
            raise Http404("No such action in this council's plan")
    form = action_plan_form.ActionForm(
        request.POST if request.method == "POST" else None,
        initial=action_plan_form.initial_of(action) if action else {"status": "not_started"},
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        saved = action_plan_form.save(request, page.scope, form, action)
        if saved is None:
            messages.info(request, "Nothing was changed.")
        else:
            messages.success(request, "Action added." if action is None else "Action changed.")
        return redirect("action_plan")
    context = {"form": form, "action": action}
    status = 400 if request.method == "POST" else 200
    return render_page(
        request, page, "thrive/action_form.html", "action_plan", context, status,
        downloadable=False,
    )  # fmt: skip
