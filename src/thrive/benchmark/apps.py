from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "thrive.benchmark"
    label = "benchmark"
    verbose_name = "Published statistics"
    default_auto_field = "django.db.models.BigAutoField"
