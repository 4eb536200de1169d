"""Pages. A view gathers what the page shows into plain values; it never computes a measure."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.workforce.summary import authority_summaries


def home(request: HttpRequest) -> HttpResponse:
    """The front page: which authority is loaded, and a way to sign in."""
    return render(request, "thrive/home.html", {"authorities": authority_summaries()})
