from django.apps import AppConfig


class ImportRecordsConfig(AppConfig):
    """The label stays ``ingest`` (the tables' prefix and the migrations' app) so no table moves."""

    name = "thrive.import_records"
    label = "ingest"
    verbose_name = "Imports"
    default_auto_field = "django.db.models.BigAutoField"
