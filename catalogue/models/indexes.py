"""Section index pages: they list their items with filters, counts and pagination."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from innoportal.visibility import public

from .base import name_organisations
from .solutions import SolutionPage
from .taxonomy import Organisation, TechnologyCategory
from .trials import TrialPage
from .wishes import WishPage


def filter_url(request, **changes):
    """This page's query string with `changes` applied (None removes a parameter); the page resets."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return f"?{query.urlencode()}" if query else request.path


def filter_group(request, labels, param, active, options):
    """A filter group for components/filters.html: "any" first, then each (value, label, count) with
    its link; `labels` is (the group's label, the "any" choice's label)."""
    label, any_label = labels
    choices = [{"label": any_label, "count": None, "url": filter_url(request, **{param: None}), "current": not active}]
    choices += [
        {"label": name, "count": count, "url": filter_url(request, **{param: value}), "current": value == active}
        for value, name, count in options
    ]
    return {"label": label, "param": param, "choices": choices}


class CatalogueIndexPage(Page):
    """Lists the live items below it, filtered by technology category and one more facet
    (`?category=KEY&status=S&page=N` for wishes), with counts and pagination."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    item_model = None
    category_path = "item__categories"  # how an item reaches its technology categories
    facet_param, facet_field = "status", "item__status"
    facet_label, facet_any = _("Status"), _("Any status")
    ordering = ("-item__published_on", "-pk")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]

    class Meta:
        abstract = True

    def items(self):
        return public(self.item_model.objects.child_of(self).live())

    def facet_choices(self):
        return self.item_model.Status.choices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category", "")
        value = request.GET.get(self.facet_param, "")
        if value not in dict(self.facet_choices()):
            value = ""
        base = self.items()
        by_category = base.filter(**{f"{self.category_path}__key": category}) if category else base
        by_facet = base.filter(**{self.facet_field: value}) if value else base
        results = by_category.filter(**{self.facet_field: value}) if value else by_category

        paginator = Paginator(results.order_by(*self.ordering).distinct(), settings.PORTAL_PAGE_SIZE)
        items = paginator.get_page(request.GET.get("page"))
        items.object_list = name_organisations(list(items.object_list))
        context.update(
            items=items,
            total=paginator.count if results is base else base.count(),
            result_count=paginator.count,
            filters=[
                filter_group(
                    request, (self.facet_label, self.facet_any), self.facet_param, value, self.facet_counts(by_category)
                ),
                filter_group(
                    request,
                    (_("Technology category"), _("All categories")),
                    "category",
                    category,
                    self.category_counts(by_facet),
                ),
            ],
        )
        return context

    def category_counts(self, queryset):
        # order_by() first: the pages' default ordering would otherwise split the GROUP BY.
        keys = queryset.order_by().values_list(f"{self.category_path}__key")
        counts = dict(keys.annotate(n=Count("pk", distinct=True)))
        categories = TechnologyCategory.objects.filter(locale=self.locale).order_by("name")
        return [(c.key, c.name, counts.get(c.key, 0)) for c in categories]

    def facet_counts(self, queryset):
        counts = dict(queryset.order_by().values_list(self.facet_field).annotate(n=Count("pk", distinct=True)))
        return [(value, label, counts.get(value, 0)) for value, label in self.facet_choices()]


class WishIndexPage(CatalogueIndexPage):
    item_model = WishPage

    def items(self):
        return super().items().select_related("item__organisation")

    subpage_types = ["catalogue.WishPage"]
    template = "catalogue/wish_index_page.html"

    class Meta:
        verbose_name = _("wish index")


class SolutionIndexPage(CatalogueIndexPage):
    item_model = SolutionPage
    facet_param, facet_field = "provider", "item__organisation__type"
    facet_label, facet_any = _("Provider type"), _("Any provider type")

    def items(self):
        return super().items().select_related("item__organisation")

    def facet_choices(self):
        return Organisation.Type.choices

    subpage_types = ["catalogue.SolutionPage"]
    template = "catalogue/solution_index_page.html"

    class Meta:
        verbose_name = _("solution index")


class TrialIndexPage(CatalogueIndexPage):
    item_model = TrialPage
    category_path = "item__wish__categories"
    ordering = ("-item__start_date", "-pk")

    def items(self):
        return super().items().select_related("item")

    subpage_types = ["catalogue.TrialPage"]
    template = "catalogue/trial_index_page.html"

    class Meta:
        verbose_name = _("trial index")
