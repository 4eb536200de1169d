"""The API tokens page (HR admin): issue a personal token for a user of the council, see every
token with its expiry and last use, revoke one. A new token is shown once, on the page that
issued it; issuing and revoking are written to the audit log as changes."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from thrive.api_tokens.keys import MOST_DAYS, Issued, TokenError, issue, revoke
from thrive.api_tokens.models import ApiToken
from thrive.audit import write
from thrive.centre.centre import Centre
from thrive.summaries.scope import OutOfScopeError
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.models import AuditEvent
from thrive.web.views.common import page_request, render_page
from thrive.workforce.models import UserAccess


class TokenForm(forms.Form):
    user = forms.ChoiceField(label="Whose token", help_text="It acts with their role and scope.")
    days = forms.IntegerField(label="Days it lasts", min_value=1, max_value=MOST_DAYS, initial=90)
    label = forms.CharField(
        label="What it is for", max_length=80, required=False, help_text="For example, Power BI."
    )

    def __init__(self, *args: object, users: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["user"].choices = [("", "Choose a user"), *users]  # type: ignore[attr-defined]


def _hr_admin(request: HttpRequest) -> Centre:
    page = page_request(request)
    if not page.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can issue API tokens.")
    return page


def _users(page: Centre) -> list[tuple[str, str]]:
    """The council's users with a role, by name: the people a token may be issued for."""
    rows = (
        UserAccess.objects.filter(authority_id=page.authority_id, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )
    return [(str(a.user_id), f"{a.user.get_username()} ({a.get_role_display()})") for a in rows]


def _tokens(page: Centre) -> list[ApiToken]:
    council = UserAccess.objects.filter(authority_id=page.authority_id).values("user_id")
    return list(ApiToken.objects.filter(user_id__in=council).select_related("user"))


def _audit(request: HttpRequest, page: Centre, subject: str) -> None:
    write(
        user_id=request.user.pk,
        username=page.scope.username,
        action=AuditEvent.Action.CHANGE,
        authority_id=page.authority_id,
        subject=subject,
        path=request.get_full_path(),
    )


@accepts(*DOWNLOADS)
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Every token of the council's users; the form to issue one."""
    page = _hr_admin(request)
    users = _users(page)
    form = TokenForm(request.POST or None, users=users)
    issued: Issued | None = None
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.get(pk=int(form.cleaned_data["user"]))
        try:
            issued = issue(
                user,
                form.cleaned_data["days"],
                issued_by=page.scope.username,
                label=form.cleaned_data["label"],
            )
        except TokenError as refused:
            form.add_error("user", str(refused))
        else:
            _audit(request, page, f"Issued API token {issued.token.prefix} for {user}")
            form = TokenForm(users=users)
    return render_page(
        request,
        page,
        "thrive/api_tokens.html",
        "api_tokens",
        {"form": form, "issued": issued, "tokens": _tokens(page)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the council's tokens, then back to the list."""
    page = _hr_admin(request)
    token = next((t for t in _tokens(page) if t.pk == token_id), None)
    if token is None:
        raise Http404("No such token")
    revoke(token.prefix, revoked_by=page.scope.username)
    _audit(request, page, f"Revoked API token {token.prefix} of {token.user}")
    return redirect("api_tokens")
