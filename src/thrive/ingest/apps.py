from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "thrive.ingest"
    label = "ingest"
    verbose_name = "Imports"
    default_auto_field = "django.db.models.BigAutoField"
