from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import Count, F, Q, Sum, Window
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
from pagecache import store


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

    serve_related = ["hero_image"]  # read with the page when it is served (innoportal.routing)
    RECENT_MATCHES = 3

    def portal_figures(self):
        """Live counts in this page's language, so the figures never go stale: one query for the
        pages, and the confirmed matches counted with the latest of them (`recently_matched`)."""
        kinds = {"wishes": WishPage, "solutions": SolutionPage, "trials": TrialPage}
        types = {name: ContentType.objects.get_for_model(model).pk for name, model in kinds.items()}
        reported = Q(trialpage__item__status=Trial.Status.COMPLETED) & ~Q(trialpage__report_summary="")
        live = public(Page.objects.live()).filter(locale=self.locale_id)
        totals = live.aggregate(
            **{name: Count("pk", filter=Q(content_type=pk)) for name, pk in types.items()},
            value=Sum("trialpage__item__value_hkd", filter=Q(content_type=types["trials"])),
            reports=Count("pk", filter=Q(content_type=types["trials"]) & reported),
        )
        return {
            **{name: totals[name] for name in kinds},
            "matched_value": totals["value"] or 0,
            "matches": self.confirmed_matches(self.RECENT_MATCHES * 3)[0],
            "reports": totals["reports"],
        }

    def confirmed_matches(self, latest):
        """(how many matches are confirmed, the latest `latest` (at least one) of them): one query,
        read once."""
        memo = self.__dict__.setdefault("_confirmed_matches", {})
        if latest not in memo:
            confirmed = Match.objects.filter(decision=Match.Decision.CONFIRMED).order_by("-decided_at")
            rows = list(confirmed.annotate(total=Window(Count("pk")))[:latest])
            memo[latest] = (rows[0].total if rows else 0, rows)  # none among the latest: none at all
        return memo[latest]

    def recently_matched(self, count=RECENT_MATCHES):
        """The latest confirmed matches whose wish and solution are both live in this page's language
        (their pages read in one query for both kinds, not two per match)."""
        matches = self.confirmed_matches(count * 3)[1]
        wishes, solutions = [match.wish_id for match in matches], [match.solution_id for match in matches]
        live = public(Page.objects.live()).filter(locale=self.locale_id)
        live = live.filter(Q(wishpage__item__in=wishes) | Q(solutionpage__item__in=solutions))
        pages = {"wish_id": {}, "solution_id": {}}
        for page in live.annotate(wish=F("wishpage__item"), solution=F("solutionpage__item")) if matches else []:
            if page.wish is not None:
                pages["wish_id"][page.wish] = page
            if page.solution is not None:
                pages["solution_id"][page.solution] = page
        recent = []
        for match in matches:
            wish, solution = pages["wish_id"].get(match.wish_id), pages["solution_id"].get(match.solution_id)
            if wish and solution:
                recent.append({"wish": wish, "solution": solution, "date": match.decided_at})
        return recent[:count]

    @cached_property
    def _chosen(self):
        """The editors' live picks, in their order (each as a page of its type when `featured` reads
        it): one query for the picks of all three rows."""
        return [item.page for item in self.featured_items.select_related("page") if item.page.live]

    def featured(self, model, count=3):
        """Editors' picks of one kind; the latest items fill the row when they chose none. Each with
        its facts (organisations named by `featured_rows`): one query per row."""
        related = "item" if model is TrialPage else "item__organisation"
        chosen = [page.pk for page in self._chosen if page.specific_class is model]
        if chosen:
            pages = model.objects.filter(pk__in=chosen).select_related(related).in_bulk()
            return [pages[pk] for pk in chosen][:count]
        order = "-item__start_date" if model is TrialPage else "-item__published_on"
        latest = public(model.objects.live()).filter(locale=self.locale_id).select_related(related)
        return list(latest.order_by(order)[:count])

    def featured_rows(self):
        """The three rows of cards, their organisations named in one query."""
        rows = {model: self.featured(model) for model in (WishPage, SolutionPage, TrialPage)}
        name_organisations([page for pages in rows.values() for page in pages])
        return rows

    def hero_links(self):
        """The hero's buttons: the first two sections in the menu, kept in the cache as the header's
        menu is, until anything is published (pagecache's content token)."""

        def read():
            return [{"title": page.title, "url": page.url} for page in self.get_children().live().in_menu()[:2]]

        if self.pk is None:
            return read()
        return cache.get_or_set(f"home-hero-links:{self.pk}:{store.content_version()}", read)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = self.featured_rows()
        context.update(
            hero_links=self.hero_links(),
            figures=self.portal_figures(),
            recently_matched=self.recently_matched(),
            featured_wishes=rows[WishPage],
            featured_solutions=rows[SolutionPage],
            featured_trials=rows[TrialPage],
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
