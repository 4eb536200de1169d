"""Start-up wiring: the store learns which measures exist from the metrics registry.

The store never imports the analysis packages; a measure target names its measure by the
registry's key, and the admin's drop-down and checks need the registry's list. So the list is
handed to the store here, once, when Django starts.
"""

from django.apps import AppConfig


class CentreConfig(AppConfig):
    name = "thrive.centre"
    label = "centre"
    verbose_name = "Thrive's centre"

    def ready(self) -> None:
        from thrive.metrics import measures
        from thrive.workforce.models import targets

        targets.know_measures(measures)
