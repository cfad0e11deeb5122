from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from .base import DescribedItemPage


class WishPage(DescribedItemPage):
    """An I&T wish: a need posted by a government department or public body."""

    key_prefix = "W"
    kind = "wish"

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        IN_TRIAL = "in-trial", _("In trial")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        related_name="wishes",
    )
    categories = ParentalManyToManyField("catalogue.TechnologyCategory", related_name="wishes", blank=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    deadline = models.DateField(_("deadline for proposals"), null=True, blank=True)

    content_panels = DescribedItemPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("organisation"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("status"),
                FieldPanel("published_on"),
                FieldPanel("deadline"),
            ],
            heading=_("Catalogue"),
        ),
    ]
    search_fields = DescribedItemPage.search_fields + [index.FilterField("status")]
    api_fields = DescribedItemPage.api_fields + [APIField("status"), APIField("deadline")]

    parent_page_types = ["catalogue.WishIndexPage"]
    subpage_types = []
    template = "catalogue/wish_page.html"

    class Meta:
        verbose_name = _("I&T wish")
        verbose_name_plural = _("I&T wishes")

    def live_trials(self):
        return self.trials.live().public().filter(locale=self.locale).order_by("-start_date")

    def live_solutions(self):
        return self.proposed_solutions.live().public().filter(locale=self.locale).order_by("-published_on")
