from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API has no models of its own (its tokens are the ``api_tokens`` store app's)."""

    name = "thrive.api"
    label = "api"
    verbose_name = "Thrive API"
