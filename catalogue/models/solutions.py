from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from .base import DescribedItemPage


class SolutionPage(DescribedItemPage):
    """An I&T solution offered by a university, research body, start-up or company."""

    key_prefix = "S"
    kind = "solution"

    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="solutions",
    )
    categories = ParentalManyToManyField("catalogue.TechnologyCategory", related_name="solutions")
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 (basic principles observed) to 9 (proven in operational environment)."),
    )
    applicable_to = ParentalManyToManyField(
        "catalogue.WishPage",
        verbose_name=_("proposed for wishes"),
        related_name="proposed_solutions",
        blank=True,
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = DescribedItemPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("organisation"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("trl"),
                FieldPanel("published_on"),
                FieldPanel("applicable_to"),
            ],
            heading=_("Catalogue"),
        ),
        InlinePanel("gallery_images", label=_("Photos")),
        InlinePanel("documents", label=_("Documents")),
    ]
    search_fields = DescribedItemPage.search_fields + [index.FilterField("trl")]
    api_fields = DescribedItemPage.api_fields + [
        APIField("trl"),
        APIField("applicable_to", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="key")),
    ]

    parent_page_types = ["catalogue.SolutionIndexPage"]
    subpage_types = []
    template = "catalogue/solution_page.html"

    class Meta:
        verbose_name = _("I&T solution")
        verbose_name_plural = _("I&T solutions")

    def live_wishes(self):
        return self.applicable_to.live().public().filter(locale=self.locale).order_by("-published_on")

    def live_trials(self):
        return self.trials.live().public().filter(locale=self.locale).order_by("-start_date")


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
