"""The images and documents the public API v2 shows: those a live page everyone may see uses.

Every image and document is in the site's media library, whatever it is for: the photos and files of
a submission are made when it is prepared for publication (submissions/pages.py), before its page is
live; editors upload images for draft pages; a page may be unpublished later. So Wagtail's listings
(every medium not in a restricted collection) would show drafts' media. Here a medium is public when

- a live page refers to it (Wagtail's ReferenceIndex: a page's fields, its child objects such as a
  solution's photos, its StreamFields and rich text), and that page is not in a private section
  (`innoportal.visibility.public`), and
- it is not in a collection with a view restriction, nor under one, whoever asks (Wagtail lets those
  through for a request that passes the restriction; a public listing does not).

The index records a page's own row, which for a page never published holds its draft: hence the
referring page must be live. The page's `live` is read from the page itself, so unpublishing hides
its media at once; a page's references are re-indexed by a task after it is saved.

`withheld(document)` applies the same rule to a document's file (innoportal/wagtail_hooks.py), except
that a document no page refers to is served, as before.

`public_media(model)` is a subquery (no query of its own); the search engines read it once when they
filter a search by it (`pk__in`, on the `id` filter field of both models).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.api.v2.serializers import TagsField
from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex

from innoportal.visibility import public


def restricted_collections_q():
    """Q of the media in a collection with a view restriction or under one (one query)."""
    q = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True).distinct():
        q |= Q(collection__path__startswith=path)
    return q if q else Q(pk__in=[])  # no restricted collection: match no medium


def public_pages_ids():
    """The ids of the live pages everyone may see, as text (the ReferenceIndex's object ids)."""
    return public(Page.objects.live()).annotate(key=Cast("pk", CharField())).values("key")


def public_media(model):
    """The ids (a subquery) of the `model`'s images or documents that a live, public page uses and
    that no collection's view restriction covers."""
    used = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef("pk"), CharField()),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public_pages_ids(),
    )
    return model.objects.filter(Exists(used)).exclude(restricted_collections_q()).values("pk")


def withheld(document):
    """Whether `document`'s file is kept from visitors: pages refer to it, and none of them is live and
    public (a draft's, an unpublished page's, a private section's). One that no page refers to (yet:
    a page just published has its references indexed by a task) is served, as Wagtail serves it."""
    pages = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(type(document)),
        to_object_id=str(document.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    return pages.exists() and not pages.filter(object_id__in=public_pages_ids()).exists()


class PublicMedia:
    """For Wagtail's images and documents endpoints: listing, detail, `find` and search show only
    `public_media`, the same for everyone (Wagtail's own check of collections, which depends on who
    asks, is replaced by the stricter one here). Tags are read for a whole listing at once."""

    def get_queryset(self):
        # Built once per request: Wagtail asks for it again for the serializer's model.
        if not hasattr(self, "_public_queryset"):
            model = self.model
            queryset = model.objects.filter(pk__in=public_media(model)).prefetch_related("tags")
            self._public_queryset = queryset.order_by("id")
        return self._public_queryset


class ReadTags(TagsField):
    """Wagtail's `tags` field, from the tags read for the whole listing (Wagtail's reads each item's)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


def reading_tags_together(serializer_class):
    """Wagtail's image or document serializer, with `ReadTags` for its tags."""

    class Serializer(serializer_class):
        def build_property_field(self, field_name, model_class):
            field_class, kwargs = super().build_property_field(field_name, model_class)
            return (ReadTags if field_class is TagsField else field_class), kwargs

    Serializer.__name__ = Serializer.__qualname__ = serializer_class.__name__
    return Serializer
