from django.db import migrations


def load_shipped(apps, schema_editor):
    from search.synonyms import load, shipped_sets

    load(apps.get_model("search", "SynonymSet"), shipped_sets())


class Migration(migrations.Migration):
    dependencies = [("search", "0007_synonyms_and_vocabulary")]

    operations = [migrations.RunPython(load_shipped, migrations.RunPython.noop)]
