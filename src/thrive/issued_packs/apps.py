from django.apps import AppConfig


class IssuedPacksConfig(AppConfig):
    name = "thrive.issued_packs"
    label = "issued_packs"
    verbose_name = "Issued board packs"
    default_auto_field = "django.db.models.BigAutoField"
