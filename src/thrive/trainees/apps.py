from django.apps import AppConfig


class TraineesConfig(AppConfig):
    name = "thrive.trainees"
    label = "trainees"
    verbose_name = "Students and trainees"
    default_auto_field = "django.db.models.BigAutoField"
