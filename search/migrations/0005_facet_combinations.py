"""PostgreSQL's full-text entries point at a combination of facet values instead of holding them."""

import django.db.models.deletion
from django.db import migrations, models

CATEGORIES = (
    "COALESCE((SELECT string_agg(c.key, ' ' ORDER BY c.key) FROM search_documentcategory c "
    "WHERE c.document_id = e.document_id), '')"
)


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # the entries are PostgreSQL's only
    schema_editor.execute(
        "INSERT INTO search_facetcombination (kind, status, organisation_type, categories) "
        f"SELECT DISTINCT e.kind, e.status, e.organisation_type, {CATEGORIES} FROM search_fulltextentry e"
    )
    schema_editor.execute(
        "UPDATE search_fulltextentry e SET facets_id = f.id FROM search_facetcombination f "
        "WHERE (f.kind, f.status, f.organisation_type, f.categories) = "
        f"(e.kind, e.status, e.organisation_type, {CATEGORIES})"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fulltext_gin_index")]

    operations = [
        migrations.CreateModel(
            name="FacetCombination",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=32)),
                ("status", models.CharField(blank=True, max_length=32)),
                ("organisation_type", models.CharField(blank=True, max_length=32)),
                ("categories", models.TextField(blank=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "status", "organisation_type", "categories"), name="unique_facet_combination"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="fulltextentry",
            name="facets",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="search.facetcombination",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="fulltextentry",
            name="facets",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="search.facetcombination",
            ),
        ),
        migrations.RemoveField(model_name="fulltextentry", name="categories"),
        migrations.RemoveField(model_name="fulltextentry", name="kind"),
        migrations.RemoveField(model_name="fulltextentry", name="organisation_type"),
        migrations.RemoveField(model_name="fulltextentry", name="status"),
    ]
