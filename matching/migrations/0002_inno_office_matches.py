"""The Inno Office matches wishes with solutions (superusers may too)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def allow_inno_office(apps, schema_editor):
    config = apps.get_app_config("matching")
    config.models_module = True  # a migration's stand-in app config has none; create_permissions asks
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Inno Office")
    for codename in ("view_match", "add_match", "change_match"):
        group.permissions.add(Permission.objects.get(content_type__app_label="matching", codename=codename))


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("accounts", "0003_inno_office_group")]

    operations = [migrations.RunPython(allow_inno_office, migrations.RunPython.noop)]
