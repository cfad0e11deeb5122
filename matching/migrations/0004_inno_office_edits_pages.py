"""The Inno Office edits and publishes pages (trials it starts from matches, their reports), as
Wagtail's own "Editors" and "Moderators" groups do: permissions on the root page, for every page."""

from django.db import migrations

CODENAMES = ["add_page", "change_page", "publish_page"]


def allow(apps, schema_editor):
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).order_by("path").first()
    group, _created = Group.objects.get_or_create(name="Inno Office")
    for codename in CODENAMES:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [("matching", "0003_trials"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(allow, migrations.RunPython.noop)]
