from django.apps import AppConfig


class ActionPlanConfig(AppConfig):
    name = "thrive.action_plan"
    label = "action_plan"
    verbose_name = "The strategy's action plan"
    default_auto_field = "django.db.models.BigAutoField"
