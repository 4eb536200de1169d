"""Login throttling and lockout (django-axes) for the sign-in page.

After ``AXES_FAILURE_LIMIT`` wrong passwords for one user name from one address, that pair is
locked out for ``AXES_COOLOFF_TIME``; the sign-in page then says so (HTTP 429). The check applies
to sign-ins through the web, where guessing happens: an authentication with no request (the
``thrive`` command line, a test calling ``authenticate``) has nothing to throttle and is passed
on to Django's own backend unchecked.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class WebLoginLockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, for sign-ins that come with a web request."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
