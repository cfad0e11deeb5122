from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from .base import CatalogueItemPage, fact, name_organisations
from .items import Trial
from .page_forms import REPORT_FACTS, TRIAL_FACTS, TrialPageForm


class TrialPage(RoutablePageMixin, CatalogueItemPage):
    """One language's text of a field trial of a matched wish and solution, with its verified report."""

    kind = "trial"
    TrialType, Status = Trial.TrialType, Trial.Status

    item = models.ForeignKey(Trial, verbose_name=_("trial"), on_delete=models.PROTECT, related_name="pages")
    venue = models.CharField(_("site"), max_length=250, blank=True)
    scale = models.CharField(
        _("scale"), max_length=250, blank=True, help_text=_("e.g. three passenger lifts for six months")
    )
    interim_summary = models.TextField(_("interim report summary"), blank=True)
    interim_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("interim report document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_summary = models.TextField(_("final report summary"), blank=True)
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
    interim_report_on = fact("interim_report_on")
    final_report_on = fact("final_report_on")
    energy_saved_kwh = fact("energy_saved_kwh")
    money_saved_hkd = fact("money_saved_hkd")
    payback_years = fact("payback_years")
    serve_related = ["item__wish__organisation", "item__solution__organisation", "interim_document", "report_document"]

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
            [FieldPanel("interim_summary"), FieldPanel("interim_document")],
            heading=_("Interim verified report"),
        ),
        MultiFieldPanel(
            [FieldPanel("report_summary"), FieldPanel("report_document")],
            heading=_("Final verified report"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in REPORT_FACTS] + [InlinePanel("metrics", label=_("Key metrics"))],
            heading=_("Measured results and benefits, the same in every language"),
        ),
    ]
    search_fields = CatalogueItemPage.search_fields + [
        index.SearchField("report_summary"),
        index.SearchField("interim_summary"),
        index.SearchField("venue"),
    ]
    translatable_fields = CatalogueItemPage.translatable_fields_with(
        text=["venue", "scale", "interim_summary", "report_summary"],
        synchronised=["interim_document", "report_document", "metrics"],
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
        return self.wish_and_solution()[0]

    @property
    def solution(self):
        return self.wish_and_solution()[1]

    def wish_and_solution(self):
        """The trial's wish and solution as pages in this trial's language (else any), read once,
        their organisations named in their languages in one query."""
        items = (self.read_fact("wish"), self.read_fact("solution"))
        key = (*(item.pk if item else None for item in items), self.locale_id)
        if self.__dict__.get("_wish_and_solution", (None,))[0] != key:
            pages = [item.page_in(self.locale_id) if item else None for item in items]
            name_organisations([page for page in pages if page is not None])
            self._wish_and_solution = (key, pages)
        return self._wish_and_solution[1]

    @property
    def has_report(self):
        """A final verified report is published."""
        return self.status == Trial.Status.COMPLETED and bool(self.report_summary)

    @property
    def has_interim_report(self):
        return bool(self.interim_summary)

    @property
    def report_date(self):
        """When the latest report was published (the final report's date, else the trial's end)."""
        if self.has_report:
            return self.final_report_on or self.end_date
        return self.interim_report_on if self.has_interim_report else None

    @property
    def offers_report_pdf(self):
        from catalogue import report_fonts

        return self.has_report and report_fonts.available()

    @property
    def report_pdf_url(self):
        """Where the report's PDF is, in the active language; "" when there is none."""
        return f"{self.url}report/" if self.offers_report_pdf and self.url else ""

    def get_cached_paths(self):
        return ["/", "report/"]

    @path("report/")
    def report_pdf(self, request):
        """The verified performance report as a PDF, in the language of the address (繁, 简 or English)."""
        from catalogue.reports import report_pdf

        if not self.offers_report_pdf:
            raise Http404
        language = get_language()
        address = request.build_absolute_uri(request.path.removesuffix("report/"))
        response = HttpResponse(report_pdf(self, language, address), content_type="application/pdf")
        name = f"{self.item.reference}-verified-performance-report-{language}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response

    def metrics_of(self, report):
        if "_metrics" not in self.__dict__:  # read once for both reports and their baselines
            self._metrics = list(self.metrics.all())
        return [m for m in self._metrics if m.report == report]

    def interim_metrics(self):
        return self.metrics_of(TrialMetric.Report.INTERIM)

    def final_metrics(self):
        return self.metrics_of(TrialMetric.Report.FINAL)

    def interim_baselines(self):
        return any(m.baseline for m in self.interim_metrics())

    def final_baselines(self):
        return any(m.baseline for m in self.final_metrics())


class TrialMetric(Orderable):
    class Report(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    page = ParentalKey(TrialPage, on_delete=models.CASCADE, related_name="metrics")
    report = models.CharField(_("report"), max_length=8, choices=Report.choices, default=Report.FINAL)
    name = models.CharField(_("metric"), max_length=120)
    value = models.CharField(_("value"), max_length=60)
    baseline = models.CharField(_("baseline"), max_length=60, blank=True, help_text=_("The value before the trial."))
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    panels = [FieldPanel("report"), FieldPanel("name"), FieldPanel("value"), FieldPanel("baseline"), FieldPanel("unit")]
    api_fields = [APIField("report"), APIField("name"), APIField("value"), APIField("baseline"), APIField("unit")]
