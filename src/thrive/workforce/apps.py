from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "thrive.workforce"
    label = "workforce"
    verbose_name = "Workforce records"
    default_auto_field = "django.db.models.BigAutoField"
