"""/<lang>/procurement/solutions/: published solutions and completed field trials for a tender's
subject, through the one search service (search.service.search), in the language shown."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from catalogue.models import TechnologyCategory, TrialPage
from search.service import SearchRequest, search

PER_KIND = 10


class FinderForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject of the tender"),
        max_length=200,
        help_text=_("A few words, such as 'chiller energy' or '渠道 機械人'."),
        error_messages={"required": _("Enter the subject of the tender.")},
    )
    category = forms.MultipleChoiceField(
        label=_("Technology categories"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = TechnologyCategory.objects.filter(locale=Locale.get_active()).order_by("name")
        self.fields["category"].choices = [(c.key, c.name) for c in categories]


def find(subject, categories, lang):
    """{"solution": results, "trial": results}: published solutions, and trials that are completed;
    each result's hits are paired with the verified report of their trial (None for solutions)."""
    filters = {"category": tuple(categories)} if categories else {}
    wanted = {"solution": {}, "trial": {"status": ("completed",)}}
    found = {
        kind: search(
            SearchRequest(
                text=subject, lang=lang, filters=filters | {"kind": (kind,)} | more, per_page=PER_KIND, facets=False
            )
        )
        for kind, more in wanted.items()
    }
    reports = trial_reports(found["trial"].hits)
    for results in found.values():
        results.entries = [(hit, reports.get(hit.page_id)) for hit in results.hits]
    return found


def trial_reports(hits):
    """{page id: {"date", "summary", "url", "pdf"}} of the trials among `hits` that have a final
    verified report (one query): the report's section on the trial's page, and its PDF when offered."""
    pages = TrialPage.objects.filter(id__in=[hit.page_id for hit in hits if hit.kind == "trial"])
    pages = {page.id: page for page in pages.select_related("item")}
    reports = {}
    for hit in hits:
        page = pages.get(hit.page_id)
        if page is None or not page.has_report or not hit.url:
            continue
        reports[hit.page_id] = {
            "date": page.report_date,
            "summary": page.report_summary,
            "url": f"{hit.url}#report",
            "pdf": f"{hit.url}report/" if page.offers_report_pdf else "",
        }
    return reports


@require_GET
def solutions(request):
    form, context, status = FinderForm(request.GET or None), {}, 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            context["results"] = find(data["subject"], data["category"], request.LANGUAGE_CODE)
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, "procurement/solutions.html", context, status=status)
