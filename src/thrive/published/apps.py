from django.apps import AppConfig


class PublishedConfig(AppConfig):
    """The label stays ``benchmark`` (the tables' prefix and the migrations' app)."""

    name = "thrive.published"
    label = "benchmark"
    verbose_name = "Published statistics"
    default_auto_field = "django.db.models.BigAutoField"
