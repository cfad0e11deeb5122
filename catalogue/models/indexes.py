"""Section index pages: they list their items with filters, counts and pagination."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .solutions import SolutionPage
from .taxonomy import TechnologyCategory
from .trials import TrialPage
from .wishes import WishPage


class CatalogueIndexPage(Page):
    """Lists the live items below it; `?category=KEY&status=S&page=N` filter and paginate."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    item_model = None
    category_path = "categories"  # how an item reaches its technology categories
    status_field = "status"  # None when the items have no status
    ordering = ("-published_on", "-pk")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]

    class Meta:
        abstract = True

    def items(self):
        return self.item_model.objects.child_of(self).live()

    def status_choices(self):
        return self.item_model.Status.choices if self.status_field else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category", "")
        status = request.GET.get("status", "")
        if status not in dict(self.status_choices()):
            status = ""
        base = self.items()
        by_category = base.filter(**{f"{self.category_path}__key": category}) if category else base
        by_status = base.filter(**{self.status_field: status}) if status else base
        results = by_category.filter(**{self.status_field: status}) if status else by_category

        paginator = Paginator(results.order_by(*self.ordering).distinct(), settings.PORTAL_PAGE_SIZE)
        context.update(
            items=paginator.get_page(request.GET.get("page")),
            total=base.count(),
            result_count=paginator.count,
            active_category=category,
            active_status=status,
            category_facets=self.category_facets(by_status),
            status_facets=self.status_facets(by_category),
        )
        return context

    def category_facets(self, queryset):
        # order_by() first: the pages' default ordering would otherwise split the GROUP BY.
        keys = queryset.order_by().values_list(f"{self.category_path}__key")
        counts = dict(keys.annotate(n=Count("pk", distinct=True)))
        categories = TechnologyCategory.objects.filter(locale=self.locale).order_by("name")
        return [(c, counts.get(c.key, 0)) for c in categories]

    def status_facets(self, queryset):
        if not self.status_field:
            return []
        counts = dict(queryset.order_by().values_list(self.status_field).annotate(n=Count("pk")))
        return [(value, label, counts.get(value, 0)) for value, label in self.status_choices()]


class WishIndexPage(CatalogueIndexPage):
    item_model = WishPage
    subpage_types = ["catalogue.WishPage"]
    template = "catalogue/wish_index_page.html"

    class Meta:
        verbose_name = _("wish index")


class SolutionIndexPage(CatalogueIndexPage):
    item_model = SolutionPage
    status_field = None
    subpage_types = ["catalogue.SolutionPage"]
    template = "catalogue/solution_index_page.html"

    class Meta:
        verbose_name = _("solution index")


class TrialIndexPage(CatalogueIndexPage):
    item_model = TrialPage
    category_path = "wish__categories"
    ordering = ("-start_date", "-pk")
    subpage_types = ["catalogue.TrialPage"]
    template = "catalogue/trial_index_page.html"

    class Meta:
        verbose_name = _("trial index")
