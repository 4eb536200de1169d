"""The front page: which authority is loaded, and a way in (or, signed in, the way round).

To a visitor not signed in (or an account with no role) it names the councils loaded and
nothing about their workforce: no counts of teams or workers, no dates of their history.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.summaries.authorities import authority_summaries
from thrive.summaries.scope import scope_for
from thrive.web.views.common import navigation
from thrive.workforce.models import Authority


def home(request: HttpRequest) -> HttpResponse:
    """The front page: which authority is loaded; signed in, the pages your role offers."""
    context: dict[str, object] = {
        "loaded": list(Authority.objects.order_by("name").values_list("name", "is_demo"))
    }
    if request.user.is_authenticated:
        try:
            scope = scope_for(request.user)
        except PermissionDenied as refused:
            context["no_role"] = str(refused)
        else:
            context["authorities"] = authority_summaries()
            context["navigation"] = navigation(scope, "home")
            context["role_label"] = scope.role.label
            context["authority_name"] = (
                Authority.objects.filter(pk=scope.authority_id)
                .values_list("name", flat=True)
                .first()
            )
    return render(request, "thrive/home.html", context)
