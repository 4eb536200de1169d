"""The WSGI entry point, for gunicorn (``thrive serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
application = get_wsgi_application()

# Each server process watches the store and gets a new version ready before anyone asks
# (THRIVE_KEEP=shared only): see thrive.centre.prepare.
from thrive.centre.prepare import start_watching  # noqa: E402

start_watching()
