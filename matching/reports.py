"""The library of verified performance reports at /<lang>/reports/: every live trial with an interim
or final report, filtered by technology category, department and benefit, searchable through the
one search service."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from catalogue.models import Organisation, TechnologyCategory, Trial, TrialPage
from catalogue.models.indexes import filter_group
from search.backends import SearchUnavailable
from search.service import SearchRequest, search

BENEFITS = {
    "energy": (_("Saves energy"), Q(item__energy_saved_kwh__gt=0)),
    "money": (_("Saves money"), Q(item__money_saved_hkd__gt=0)),
    "payback": (_("Pays back within 3 years"), Q(item__payback_years__lte=3)),
}
MAX_SEARCHED = 500


def reported(locale):
    final = Q(item__status=Trial.Status.COMPLETED) & ~Q(report_summary="")
    trials = TrialPage.objects.live().public().filter(locale=locale).filter(final | ~Q(interim_summary=""))
    return trials.select_related("item__wish__organisation")


@require_GET
def reports(request):
    locale = Locale.get_active()
    chosen = {name: request.GET.get(name, "") for name in ("category", "department", "benefit")}
    query = request.GET.get("q", "").strip()[:200]
    base = reported(locale)
    unavailable = False
    if query:
        try:
            found = search(
                SearchRequest(
                    text=query, lang=locale.language_code, filters={"kind": ("trial",)}, per_page=MAX_SEARCHED
                )
            )
        except SearchUnavailable:  # every report is listed, and the page says why
            unavailable = True
        else:
            base = base.filter(item__key__in=[hit.key for hit in found.hits])
    narrowed = {
        "category": Q(item__wish__categories__key=chosen["category"]) if chosen["category"] else Q(),
        "department": Q(item__wish__organisation__key=chosen["department"]) if chosen["department"] else Q(),
        "benefit": BENEFITS[chosen["benefit"]][1] if chosen["benefit"] in BENEFITS else Q(),
    }

    def without(facet):
        return base.filter(*[q for name, q in narrowed.items() if name != facet]).distinct()

    newest = (F("item__final_report_on").desc(nulls_last=True), F("item__end_date").desc(nulls_last=True), "-pk")
    results = base.filter(*narrowed.values()).distinct().order_by(*newest)
    paginator = Paginator(results, settings.PORTAL_PAGE_SIZE)
    items = paginator.get_page(request.GET.get("page"))
    context = {
        "items": items,
        "result_count": paginator.count,
        "query": query,
        "search_unavailable": unavailable,
        "filters": [
            filter_group(
                request,
                (_("Technology category"), _("All categories")),
                "category",
                chosen["category"],
                category_counts(without("category"), locale),
            ),
            filter_group(
                request,
                (_("Department"), _("All departments")),
                "department",
                chosen["department"],
                department_counts(without("department"), locale),
            ),
            filter_group(
                request,
                (_("Benefit"), _("Any benefit")),
                "benefit",
                chosen["benefit"],
                benefit_counts(without("benefit")),
            ),
        ],
    }
    return TemplateResponse(request, "matching/reports.html", context)


def category_counts(trials, locale):
    counts = dict(trials.order_by().values_list("item__wish__categories__key").annotate(n=Count("pk", distinct=True)))
    categories = TechnologyCategory.objects.filter(locale=locale, key__in=[k for k in counts if k]).order_by("name")
    return [(c.key, c.name, counts[c.key]) for c in categories]


def department_counts(trials, locale):
    counts = dict(trials.order_by().values_list("item__wish__organisation__key").annotate(n=Count("pk", distinct=True)))
    organisations = Organisation.objects.filter(locale=locale, key__in=[k for k in counts if k]).order_by("name")
    return [(o.key, o.name, counts[o.key]) for o in organisations]


def benefit_counts(trials):
    return [(value, label, trials.filter(q).count()) for value, (label, q) in BENEFITS.items()]
