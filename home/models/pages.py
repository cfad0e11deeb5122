from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.models import Organisation, SolutionPage, Trial, TrialPage, WishPage
from catalogue.models.base import name_organisations
from home.blocks import BodyBlock
from innoportal.visibility import public
from matching.models import Match


class HomePage(Page):
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_intro = models.TextField(_("hero introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures_intro = models.CharField(_("figures introduction"), max_length=250, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_intro"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        FieldPanel("figures_intro"),
        InlinePanel("featured_items", label=_("Featured wishes, solutions and trials")),
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def portal_figures(self):
        """Live counts in this page's language, so the figures never go stale (three queries)."""
        live = public(Page.objects.live()).filter(locale=self.locale)
        kinds = {WishPage: "wishes", SolutionPage: "solutions", TrialPage: "trials"}
        types = {ContentType.objects.get_for_model(model).pk: name for model, name in kinds.items()}
        counts = dict.fromkeys(kinds.values(), 0)
        for row in live.filter(content_type__in=types).order_by().values("content_type").annotate(n=Count("pk")):
            counts[types[row["content_type"]]] = row["n"]
        reported = Q(item__status=Trial.Status.COMPLETED) & ~Q(report_summary="")
        trials = public(TrialPage.objects.live()).filter(locale=self.locale)
        totals = trials.aggregate(value=Sum("item__value_hkd"), reports=Count("pk", filter=reported))
        return {
            **counts,
            "matched_value": totals["value"] or 0,
            "matches": Match.objects.filter(decision=Match.Decision.CONFIRMED).count(),
            "reports": totals["reports"],
        }

    def recently_matched(self, count=3):
        """The latest confirmed matches whose wish and solution are both live in this page's language
        (their pages read in one query per kind, not two per match)."""
        matches = list(Match.objects.filter(decision=Match.Decision.CONFIRMED).order_by("-decided_at")[: count * 3])
        pages = {}
        for model, field in ((WishPage, "wish_id"), (SolutionPage, "solution_id")):
            items = [getattr(match, field) for match in matches]
            live = public(model.objects.live()).filter(locale=self.locale_id, item__in=items)
            pages[field] = {page.item_id: page for page in live}
        recent = []
        for match in matches:
            wish, solution = pages["wish_id"].get(match.wish_id), pages["solution_id"].get(match.solution_id)
            if wish and solution:
                recent.append({"wish": wish, "solution": solution, "date": match.decided_at})
        return recent[:count]

    @cached_property
    def _chosen(self):
        """The editors' live picks, read once for all three rows, each as its specific page."""
        ids = [item.page_id for item in self.featured_items.all()]
        pages = {page.pk: page for page in Page.objects.live().filter(pk__in=ids).specific()}
        return [pages[pk] for pk in ids if pk in pages]

    def featured(self, model, count=3):
        """Editors' picks of one kind; the latest items fill the row when they chose none."""
        chosen = [page for page in self._chosen if type(page) is model]
        if chosen:
            return name_organisations(chosen[:count])
        order, related = (
            ("-item__start_date", "item") if model is TrialPage else ("-item__published_on", "item__organisation")
        )
        latest = public(model.objects.live()).filter(locale=self.locale).select_related(related)
        return name_organisations(list(latest.order_by(order)[:count]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            figures=self.portal_figures(),
            recently_matched=self.recently_matched(),
            featured_wishes=self.featured(WishPage),
            featured_solutions=self.featured(SolutionPage),
            featured_trials=self.featured(TrialPage),
        )
        return context


class HomeFeaturedItem(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", ["catalogue.WishPage", "catalogue.SolutionPage", "catalogue.TrialPage"])]


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro", boost=2), index.SearchField("body")]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class PartnersPage(Page):
    """The strategic partners who signed an MoU, grouped as the seed paper groups them."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "home/partners_page.html"

    class Meta:
        verbose_name = _("partners page")

    GROUPS = [
        ("universities", _("Universities"), [Organisation.Type.UNIVERSITY]),
        ("gba", _("Greater Bay Area"), [Organisation.Type.GBA_PARTNER]),
        ("research", _("Research bodies"), None),  # every other partner
    ]

    def partner_groups(self):
        partners = Organisation.objects.filter(locale=self.locale, mou_signed__isnull=False).order_by(
            "mou_signed", "name"
        )
        groups, placed = {}, set()
        for slug, label, types in self.GROUPS:
            members = [p for p in partners if p.pk not in placed and (types is None or p.type in types)]
            placed.update(p.pk for p in members)
            groups[slug] = {"slug": slug, "label": label, "partners": members}
        return [groups["universities"], groups["research"], groups["gba"]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.partner_groups()
        return context
