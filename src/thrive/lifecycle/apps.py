from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    """Label ``insight`` kept: the tables' prefix and the migrations' app, so no table moves."""

    name = "thrive.lifecycle"
    label = "insight"
    verbose_name = "Recruitment, registration, feedback and exits"
