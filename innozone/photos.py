"""Exhibits' photos, read for a whole list of exhibits at once: a card or a kiosk slide asking for its
own photo, image and rendition makes up to three queries per exhibit; this makes one or two for all."""

from django.apps import apps
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model


def with_photos(exhibits, *specs):
    """`exhibits` (a list), each with its photos and their images read: one query. With `specs`, the
    images' renditions of those specs too (the kiosk's sizes): one more. Without, a template's
    pictures find their renditions in Wagtail's rendition cache, as any picture does."""
    photos = apps.get_model("innozone", "ExhibitPhoto").objects.select_related("image")
    prefetch_related_objects(exhibits, Prefetch("photos", queryset=photos))
    if specs:
        images = [photo.image for exhibit in exhibits for photo in exhibit.photos.all()]
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        # Wagtail's get_renditions() look in `prefetched_renditions` first, and only there when it is set.
        prefetch_related_objects(images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))
    return exhibits
