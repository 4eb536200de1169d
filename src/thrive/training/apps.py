from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "thrive.training"
    label = "training"
    verbose_name = "Training and induction"
    default_auto_field = "django.db.models.BigAutoField"
