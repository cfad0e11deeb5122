from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from .base import CatalogueItemPage, fact
from .items import Trial
from .page_forms import TRIAL_FACTS, TrialPageForm


class TrialPage(CatalogueItemPage):
    """One language's text of a field trial of a matched wish and solution, with its verified report."""

    kind = "trial"
    TrialType, Status = Trial.TrialType, Trial.Status

    item = models.ForeignKey(Trial, verbose_name=_("trial"), on_delete=models.PROTECT, related_name="pages")
    venue = models.CharField(_("site"), max_length=250, blank=True)
    scale = models.CharField(
        _("scale"), max_length=250, blank=True, help_text=_("e.g. three passenger lifts for six months")
    )
    report_summary = models.TextField(_("performance report summary"), blank=True)
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    trial_type = fact("trial_type")
    status = fact("status")
    start_date = fact("start_date")
    end_date = fact("end_date")
    value_hkd = fact("value_hkd")
    funding_route = fact("funding_route")
    planned_start = fact("planned_start")
    planned_end = fact("planned_end")
    percent_complete = fact("percent_complete")

    base_form_class = TrialPageForm
    content_panels = CatalogueItemPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("venue"),
        FieldPanel("scale"),
        MultiFieldPanel(
            [FieldPanel(name) for name in TRIAL_FACTS],
            heading=_("Facts, the same in every language"),
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
    ]
    translatable_fields = CatalogueItemPage.translatable_fields_with(
        text=["venue", "scale", "report_summary"], synchronised=["report_document", "metrics"]
    )

    api_fields = CatalogueItemPage.api_fields + [
        APIField("wish", serializer=serializers.CharField(source="item.wish.key")),
        APIField("solution", serializer=serializers.CharField(source="item.solution.key")),
        APIField("trial_type", serializer=serializers.CharField(source="item.trial_type")),
        APIField("venue"),
        APIField("status", serializer=serializers.CharField(source="item.status")),
        APIField("start_date", serializer=serializers.DateField(source="item.start_date")),
        APIField("end_date", serializer=serializers.DateField(source="item.end_date")),
        APIField("value_hkd", serializer=serializers.DecimalField(14, 2, source="item.value_hkd")),
        APIField("funding_route", serializer=serializers.CharField(source="item.funding_route")),
        APIField("planned_end", serializer=serializers.DateField(source="item.planned_end")),
        APIField("percent_complete", serializer=serializers.IntegerField(source="item.percent_complete")),
        APIField("scale"),
        APIField("report_summary"),
        APIField("metrics"),
    ]

    parent_page_types = ["catalogue.TrialIndexPage"]
    subpage_types = []
    template = "catalogue/trial_page.html"

    class Meta:
        verbose_name = _("field trial")
        verbose_name_plural = _("field trials")

    def get_status_display(self):
        return self.fact_label("status")

    def get_trial_type_display(self):
        return self.fact_label("trial_type")

    def get_funding_route_display(self):
        return self.fact_label("funding_route")

    @property
    def wish(self):
        """The trial's wish, as a page in this trial's language (else any)."""
        wish = self.read_fact("wish")
        return wish.page_in(self.locale_id) if wish else None

    @property
    def solution(self):
        solution = self.read_fact("solution")
        return solution.page_in(self.locale_id) if solution else None

    @property
    def has_report(self):
        return self.status == Trial.Status.COMPLETED and bool(self.report_summary)


class TrialMetric(Orderable):
    page = ParentalKey(TrialPage, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(_("metric"), max_length=120)
    value = models.CharField(_("value"), max_length=60)
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("value"), FieldPanel("unit")]
    api_fields = [APIField("name"), APIField("value"), APIField("unit")]
