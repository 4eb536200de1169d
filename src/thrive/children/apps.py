from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "thrive.children"
    label = "children"
    verbose_name = "Children's allocations"
