"""PostgreSQL: a GIN index over the full-text entries' tsvectors."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_fulltextentry_gin ON search_fulltextentry USING gin (fulltext)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_fulltextentry_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fulltext_entry")]
    operations = [migrations.RunPython(create, drop)]
