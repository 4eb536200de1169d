"""Database guards against overlapping date ranges, which a CHECK constraint cannot express.

- One worker cannot hold two employment spells in the same census role on the same day.
- One worker has one line manager at a time.

PostgreSQL: exclusion constraints over date ranges (btree_gist). SQLite: triggers that abort the
insert or update. Either way the database raises IntegrityError.
"""

from django.db import migrations

GUARDS = [
    # (table, name, key columns, message)
    (
        "workforce_employmentspell",
        "spell_no_overlap",
        ("worker_id", "org_role"),
        "overlapping employment spells for one worker in one role",
    ),
    (
        "workforce_linemanagement",
        "line_one_manager_at_a_time",
        ("report_id",),
        "a worker has one line manager at a time",
    ),
]


def _sqlite_trigger(table, name, keys, message, event):
    same_key = " AND ".join(f"other.{k} = NEW.{k}" for k in keys)
    not_self = " AND other.id <> NEW.id" if event == "UPDATE" else ""
    return f"""
        CREATE TRIGGER {name}_{event.lower()} BEFORE {event} ON {table}
        WHEN EXISTS (
            SELECT 1 FROM {table} AS other
            WHERE {same_key}{not_self}
              AND other.start_date <= COALESCE(NEW.end_date, '9999-12-31')
              AND NEW.start_date <= COALESCE(other.end_date, '9999-12-31')
        )
        BEGIN SELECT RAISE(ABORT, '{message}'); END;
    """


def add_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, name, keys, message in GUARDS:
        if vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
            equal = ", ".join(f"{k} WITH =" for k in keys)
            schema_editor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist "
                f"({equal}, daterange(start_date, end_date, '[]') WITH &&)"
            )
        elif vendor == "sqlite":
            for event in ("INSERT", "UPDATE"):
                schema_editor.execute(_sqlite_trigger(table, name, keys, message, event))


def remove_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, name, _keys, _message in GUARDS:
        if vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
        elif vendor == "sqlite":
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]
    operations = [migrations.RunPython(add_guards, remove_guards)]
