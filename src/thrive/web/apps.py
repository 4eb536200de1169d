"""The web app: pages, templates and static assets (GOV.UK Frontend, council-branded)."""

from django.apps import AppConfig
from django.db.models.signals import post_save


class WebConfig(AppConfig):
    name = "thrive.web"
    label = "web"
    verbose_name = "Thrive web app"

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry

        from thrive.web.audit import record_admin_change

        post_save.connect(record_admin_change, sender=LogEntry, dispatch_uid="thrive-audit-admin")
