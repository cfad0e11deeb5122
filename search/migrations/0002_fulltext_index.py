"""The full-text index beside the documents: an FTS5 table on SQLite, a tsvector column on PostgreSQL."""

from django.db import migrations


def engine(schema_editor):
    from search.fulltext import PostgresFullText, SQLiteFullText

    return {"postgresql": PostgresFullText, "sqlite": SQLiteFullText}.get(schema_editor.connection.vendor)


def create(apps, schema_editor):
    if kind := engine(schema_editor):
        for statement in kind.create:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if kind := engine(schema_editor):
        for statement in kind.drop:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
