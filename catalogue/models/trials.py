from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from .base import CatalogueItemPage


class TrialPage(CatalogueItemPage):
    """A field trial of a matched wish and solution, and for completed trials its verified report."""

    key_prefix = "T"
    kind = "trial"

    class TrialType(models.TextChoices):
        PROTOTYPE_TEST = "prototype-test", _("Prototype test")
        PILOT_PROJECT = "pilot-project", _("Pilot project")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in-progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    wish = models.ForeignKey(
        "catalogue.WishPage", verbose_name=_("wish"), on_delete=models.PROTECT, related_name="trials"
    )
    solution = models.ForeignKey(
        "catalogue.SolutionPage", verbose_name=_("solution"), on_delete=models.PROTECT, related_name="trials"
    )
    trial_type = models.CharField(_("trial type"), max_length=20, choices=TrialType.choices)
    venue = models.CharField(_("venue"), max_length=250)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    value_hkd = models.DecimalField(_("value (HK$)"), max_digits=14, decimal_places=2, null=True, blank=True)
    report_summary = models.TextField(_("performance report summary"), blank=True)
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = CatalogueItemPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("wish"),
                FieldPanel("solution"),
                FieldPanel("trial_type"),
                FieldPanel("venue"),
                FieldPanel("status"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("value_hkd"),
            ],
            heading=_("Trial"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("report_summary"),
                FieldPanel("report_document"),
                InlinePanel("metrics", label=_("Key metrics")),
            ],
            heading=_("Verified performance report"),
        ),
    ]
    search_fields = CatalogueItemPage.search_fields + [
        index.SearchField("report_summary"),
        index.SearchField("venue"),
        index.FilterField("status"),
        index.FilterField("trial_type"),
    ]

    api_fields = CatalogueItemPage.api_fields + [
        APIField("wish", serializer=serializers.CharField(source="wish.key")),
        APIField("solution", serializer=serializers.CharField(source="solution.key")),
        APIField("trial_type"),
        APIField("venue"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("value_hkd"),
        APIField("report_summary"),
        APIField("metrics"),
    ]

    parent_page_types = ["catalogue.TrialIndexPage"]
    subpage_types = []
    template = "catalogue/trial_page.html"

    class Meta:
        verbose_name = _("field trial")
        verbose_name_plural = _("field trials")

    @property
    def has_report(self):
        return self.status == self.Status.COMPLETED and bool(self.report_summary)


class TrialMetric(Orderable):
    page = ParentalKey(TrialPage, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(_("metric"), max_length=120)
    value = models.CharField(_("value"), max_length=60)
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("value"), FieldPanel("unit")]
    api_fields = [APIField("name"), APIField("value"), APIField("unit")]
