from django.apps import AppConfig


class CommandsConfig(AppConfig):
    name = "thrive.commands"
    label = "commands"
    verbose_name = "Thrive's commands"
