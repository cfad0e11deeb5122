"""Background work of the catalogue."""

from django.apps import apps
from django.db import transaction
from django_tasks import task
from wagtail.models import ReferenceIndex


@task()
def update_reference_index(app_label, model_name, pks):
    """Wagtail's reference index ("Usage" in the admin) for many objects of one model, as Wagtail's own
    task does for one: an import of 100,000 items queues a hundred of these, not 100,000 tasks."""
    model = apps.get_model(app_label, model_name)
    for instance in model.objects.filter(pk__in=pks).order_by("pk").iterator(chunk_size=200):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)
