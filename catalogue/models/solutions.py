from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from innoportal.visibility import public

from .base import DescribedItemPage, fact, name_organisations
from .items import Solution
from .page_forms import SolutionPageForm


class SolutionPage(DescribedItemPage):
    """One language's text of an I&T solution offered by a university, research body, start-up or company."""

    kind = "solution"

    item = models.ForeignKey(Solution, verbose_name=_("solution"), on_delete=models.PROTECT, related_name="pages")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    trl = fact("trl")
    serve_related = ["item__organisation", "image"]

    base_form_class = SolutionPageForm
    content_panels = DescribedItemPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("organisation"),
                FieldPanel("categories"),
                FieldPanel("trl"),
                FieldPanel("published_on"),
                FieldPanel("applicable_to"),
            ],
            heading=_("Facts, the same in every language"),
        ),
        InlinePanel("gallery_images", label=_("Photos")),
        InlinePanel("documents", label=_("Documents")),
    ]
    translatable_fields = DescribedItemPage.translatable_fields_with(
        text=["body"], synchronised=["image", "gallery_images", "documents"]
    )
    api_fields = DescribedItemPage.api_fields + [
        APIField("trl", serializer=serializers.IntegerField(source="item.trl")),
        APIField(
            "applicable_to",
            serializer=serializers.SlugRelatedField(
                source="item.applicable_to", many=True, read_only=True, slug_field="key"
            ),
        ),
    ]

    parent_page_types = ["catalogue.SolutionIndexPage"]
    subpage_types = []
    template = "catalogue/solution_page.html"

    class Meta:
        verbose_name = _("I&T solution")
        verbose_name_plural = _("I&T solutions")

    def live_wishes(self):
        """Every wish this solution was proposed for or trialled for ("also applicable to")."""
        from .wishes import WishPage

        served = Q(item__proposed_solutions=self.item_id) | Q(item__trials__solution=self.item_id)
        wishes = public(WishPage.objects.live()).filter(served, locale=self.locale_id).distinct()
        return wishes.select_related("item__organisation").order_by("-item__published_on")

    def wishes_served(self):
        """`live_wishes`, read once, their departments named in this page's language with the
        solution's own provider (one query, not one per wish)."""
        if "_wishes_served" not in self.__dict__:
            self._wishes_served = name_organisations([self, *self.live_wishes()])[1:]
        return self._wishes_served

    cards = wishes_served

    def live_trials(self):
        """The solution's live trials in this language, newest first, with their facts."""
        from .trials import TrialPage

        trials = public(TrialPage.objects.live()).filter(locale=self.locale_id, item__solution=self.item_id)
        return list(trials.select_related("item").order_by("-item__start_date"))


class SolutionImage(Orderable):
    page = ParentalKey(SolutionPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class SolutionDocument(Orderable):
    page = ParentalKey(SolutionPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title
