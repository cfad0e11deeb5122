"""PostgreSQL: one GIN index over the full-text entries per content language (partial indexes) instead
of one over all of them. A search is always in one language: its bitmap then holds that language's
matches only, and the heap pages it visits are that language's (search.fulltext writes the entries of
each batch grouped by language), about half as many as when both languages' matches were fetched and
the other language's filtered out. A content language added later needs its own index (a migration
like this one); without one, its searches scan the table."""

from django.conf import settings
from django.db import migrations


def _name(code):
    return "search_fulltextentry_gin_" + code.replace("-", "_")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(code)} ON search_fulltextentry USING gin (fulltext) "
            "WHERE shown_in = %s",
            [code],
        )
    schema_editor.execute("DROP INDEX IF EXISTS search_fulltextentry_gin")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_fulltextentry_gin ON search_fulltextentry USING gin (fulltext)"
    )
    for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(code)}")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_shipped_synonyms")]
    operations = [migrations.RunPython(create, drop)]
