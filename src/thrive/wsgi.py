"""The WSGI entry point, for gunicorn (``thrive serve``)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
application = get_wsgi_application()

# Import every page's code while the worker boots, not in its first request: the URL patterns
# import every view, and through them the summaries, charts and models (2-3 s of CPU).
get_resolver().url_patterns  # noqa: B018

# Each server process watches the store and gets a new version ready before anyone asks
# (THRIVE_KEEP=shared only): see thrive.centre.prepare.
from thrive.centre.prepare import start_watching  # noqa: E402

start_watching()
