from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "thrive.web"
    label = "web"
    verbose_name = "Thrive web app"
