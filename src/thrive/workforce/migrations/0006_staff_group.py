"""A staff group on each employment spell: social workers (every existing spell) or another group.

On SQLite, adding a column with a default rebuilds the table, which drops its triggers: the
overlap guards of 0002 on the spells table are put back afterwards (PostgreSQL keeps its
exclusion constraint through an added column).
"""

import importlib

from django.db import migrations, models

_guards = importlib.import_module("thrive.workforce.migrations.0002_overlap_guards")
_SPELLS = [g for g in _guards.GUARDS if g[0] == "workforce_employmentspell"]


def restore_spell_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, name, keys, message in _SPELLS:
        for event in ("INSERT", "UPDATE"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event.lower()}")
            schema_editor.execute(_guards._sqlite_trigger(table, name, keys, message, event))


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0005_worker_disability"),
    ]

    operations = [
        # (Undoing the migration rebuilds the table again: the guards are put back after that.)
        migrations.RunPython(migrations.RunPython.noop, restore_spell_guards),
        migrations.AddField(
            model_name="employmentspell",
            name="staff_group",
            field=models.CharField(
                choices=[
                    ("social_worker", "Social workers"),
                    ("family_support", "Family support workers"),
                    ("personal_adviser", "Personal advisers"),
                    ("early_help", "Early help officers"),
                    ("nursery", "Nursery workers"),
                    ("business_support", "Business support"),
                    ("other", "Other staff"),
                ],
                default="social_worker",
                help_text="Social workers (the census's population) or another staff group.",
                max_length=24,
            ),
        ),
        migrations.RunPython(restore_spell_guards, migrations.RunPython.noop),
    ]
