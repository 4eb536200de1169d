"""Start-up wiring: the store learns which measures exist from the metrics registry, and a
commit that moves the store version gets the new version ready.

The store never imports the analysis packages; a measure target names its measure by the
registry's key, and the admin's drop-down and checks need the registry's list. So the list is
handed to the store here, once, when Django starts.

Every change Thrive makes to the records saves an import batch (imports, undo), an admin log
entry (admin edits) or an authority (the demo): saving one of those runs
:func:`thrive.centre.prepare.store_changed`, which starts the preparation when the transaction
commits.
"""

from django.apps import AppConfig, apps
from django.db.models.signals import post_save


class CentreConfig(AppConfig):
    name = "thrive.centre"
    label = "centre"
    verbose_name = "Thrive's centre"

    def ready(self) -> None:
        from thrive.metrics import measures
        from thrive.workforce.models import targets

        targets.know_measures(measures)

        from django.contrib.admin.models import LogEntry

        from thrive.centre.prepare import store_changed
        from thrive.workforce.models import Authority

        senders: list[type] = [LogEntry, Authority]
        if apps.is_installed("thrive.import_records"):
            senders.append(apps.get_model("ingest", "ImportBatch"))
        for sender in senders:
            post_save.connect(
                store_changed, sender=sender, dispatch_uid=f"thrive-ready-{sender.__name__}"
            )
