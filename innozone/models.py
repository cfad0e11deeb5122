from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from innoportal.qr import qr_svg
from innoportal.visibility import public
from innozone.kiosk import feed_response, kiosk_feed, service_worker_response
from innozone.photos import with_photos


class ExhibitPage(Page):
    """A solution on show in the InnoZone."""

    solution = models.ForeignKey(
        "catalogue.SolutionPage", verbose_name=_("solution"), on_delete=models.PROTECT, related_name="exhibits"
    )
    summary = models.TextField(_("summary"), max_length=600)
    booth = models.CharField(_("booth"), max_length=40, help_text=_("Where the exhibit stands, e.g. A3."))
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional MP4 or WebM file."),
    )
    on_display_from = models.DateField(_("on display from"))
    on_display_until = models.DateField(_("on display until"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("solution"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("booth"), FieldPanel("on_display_from"), FieldPanel("on_display_until")],
            heading=_("In the zone"),
        ),
        InlinePanel("photos", label=_("Photos"), min_num=1),
        FieldPanel("video"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary", boost=2)]
    parent_page_types = ["innozone.InnoZonePage"]
    subpage_types = []
    template = "innozone/exhibit_page.html"

    class Meta:
        verbose_name = _("exhibit")

    def solution_version(self):
        """The solution in this exhibit's language, or the one it was chosen in."""
        return self.solution.get_translation_or_none(self.locale) or self.solution

    def solution_url(self, solution=None):
        """The full address of `solution` (the kiosk reads them in bulk), by default solution_version()."""
        return settings.WAGTAILADMIN_BASE_URL + (solution or self.solution_version()).url

    def qr_code(self, solution=None):
        return qr_svg(self.solution_url(solution))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["solution"] = self.solution_version()
        return context


class ExhibitPhoto(Orderable):
    page = ParentalKey(ExhibitPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class InnoZonePage(RoutablePageMixin, Page):
    """The showroom: what it is, when and how to visit, its floor plan; and the kiosk's settings."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    opening_hours = RichTextField(_("opening hours"), features=["bold", "italic", "ul"])
    how_to_visit = RichTextField(_("how to visit"), features=["bold", "italic", "ul", "ol", "link"])
    floor_plan = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("floor plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kiosk_idle_seconds = models.PositiveIntegerField(
        _("kiosk: back to the attract loop after (seconds)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(3600)],
    )
    kiosk_rotate_seconds = models.PositiveIntegerField(
        _("kiosk: seconds per exhibit in the attract loop"),
        default=8,
        validators=[MinValueValidator(2), MaxValueValidator(120)],
    )
    kiosk_refresh_seconds = models.PositiveIntegerField(
        _("kiosk: check for content changes every (seconds)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(3600)],
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("opening_hours"),
        FieldPanel("how_to_visit"),
        FieldPanel("floor_plan"),
    ]
    kiosk_panels = [
        MultiFieldPanel(
            [FieldPanel("kiosk_idle_seconds"), FieldPanel("kiosk_rotate_seconds"), FieldPanel("kiosk_refresh_seconds")],
            heading=_("Kiosk timing"),
        ),
        InlinePanel(
            "kiosk_exhibits",
            label=_("Exhibits on the kiosk, in order"),
            help_text=_("Leave empty to show every exhibit on display, by booth."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(kiosk_panels, heading=_("Kiosk")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["innozone.ExhibitPage"]
    template = "innozone/innozone_page.html"
    preview_modes = [("", _("InnoZone page")), ("kiosk", _("Kiosk"))]

    class Meta:
        verbose_name = _("InnoZone page")

    def exhibits(self):
        """Live exhibits on display today, in the editors' kiosk order (or by booth). The editors' choice
        is read in the same query as the exhibits (the page and the kiosk feed ask every time); a draft's
        choice, as a preview has it, is in memory."""
        today = timezone.localdate()
        showing = (
            public(ExhibitPage.objects.child_of(self).live())
            .filter(on_display_from__lte=today)
            .filter(Q(on_display_until__isnull=True) | Q(on_display_until__gte=today))
            .order_by("booth", "title")
        )
        if self.kiosk_exhibits.is_deferring:
            return in_chosen_order(list(showing), [item.exhibit_id for item in self.kiosk_exhibits.all()])
        choices = KioskExhibit.objects.filter(page=self)
        own = choices.filter(exhibit=OuterRef("pk")).order_by().values("exhibit")
        rows = list(
            showing.annotate(
                any_chosen=Exists(choices),
                position=Subquery(own.annotate(first=Min("sort_order")).values("first")),
                times=Subquery(own.annotate(n=Count("pk")).values("n")),
            )
        )
        if not rows or not rows[0].any_chosen:
            return rows
        chosen = [row for row in rows if row.times]
        if all(row.times == 1 and row.position is not None for row in chosen):
            return sorted(chosen, key=lambda row: row.position)
        # An exhibit chosen twice, or choices without an order: as the editors' list has them.
        return in_chosen_order(rows, [item.exhibit_id for item in self.kiosk_exhibits.all()])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibits"] = with_photos(self.exhibits())  # the cards' photos, not one query per card
        return context

    @path("kiosk/")
    def kiosk(self, request, preview=False):
        return TemplateResponse(
            request,
            "innozone/kiosk.html",
            {"page": self, "feed": kiosk_feed(self, request), "preview": preview},
        )

    @path("kiosk/feed/")
    def kiosk_feed_view(self, request):
        return feed_response(self, request)

    @path("kiosk/service-worker/")
    def kiosk_service_worker(self, request):
        return service_worker_response(self, request)

    def serve_preview(self, request, mode_name):
        if mode_name == "kiosk":
            return self.kiosk(request, preview=True)
        return super().serve_preview(request, mode_name)


def in_chosen_order(exhibits, chosen):
    """`exhibits` in the order of the chosen exhibits' keys, leaving out those not chosen; all of them
    when none are chosen."""
    if not chosen:
        return exhibits
    by_pk = {exhibit.pk: exhibit for exhibit in exhibits}
    return [by_pk[pk] for pk in chosen if pk in by_pk]


class KioskExhibit(Orderable):
    page = ParentalKey(InnoZonePage, on_delete=models.CASCADE, related_name="kiosk_exhibits")
    exhibit = models.ForeignKey(ExhibitPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("exhibit")]
