"""The Inno Office: admin users who decide organisation claims (and keep the organisations' list)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "view_organisationclaim"),
    ("accounts", "change_organisationclaim"),
    ("catalogue", "add_organisation"),
    ("catalogue", "change_organisation"),
]


def add_group(apps, schema_editor):
    for app in ("accounts", "catalogue"):  # made after migrating; the admin's own comes with its migration
        config = apps.get_app_config(app)
        config.models_module = True  # a migration's stand-in app config has none; create_permissions asks
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Inno Office")
    for app, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisation_membership"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("catalogue", "0005_organisation_email_domains"),
    ]

    operations = [migrations.RunPython(add_group, migrations.RunPython.noop)]
