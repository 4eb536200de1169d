from __future__ import annotations

from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "thrive.insight"
    label = "insight"
    verbose_name = "Retention and recruitment insight"
