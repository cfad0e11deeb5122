"""The "Vetting" workflow a submission's page goes through: "Technical vetting" by the Vetting panel,
then "Publication" by the Inno Office (who number and publish), each an admin group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS = [("wagtailadmin", "access_admin"), ("submissions", "view_submission")]
TASKS = [("Technical vetting", "Vetting panel"), ("Publication", "Inno Office")]


def add_workflow(apps, schema_editor):
    config = apps.get_app_config("submissions")
    config.models_module = True  # a migration's stand-in app config has none; create_permissions asks
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow, WorkflowTask = apps.get_model("wagtailcore", "Workflow"), apps.get_model("wagtailcore", "WorkflowTask")
    VettingTask = apps.get_model("submissions", "VettingTask")
    task_type, _created = ContentType.objects.get_or_create(app_label="submissions", model="vettingtask")
    workflow, _created = Workflow.objects.get_or_create(name="Vetting", defaults={"active": True})
    for order, (task_name, group_name) in enumerate(TASKS):
        group, _created = Group.objects.get_or_create(name=group_name)
        for app, codename in REVIEWERS:
            group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
        task = VettingTask.objects.create(name=task_name, active=True, content_type=task_type)
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("accounts", "0003_inno_office_group"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(add_workflow, migrations.RunPython.noop)]
