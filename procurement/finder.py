"""/<lang>/procurement/solutions/: published solutions and completed field trials for a tender's
subject, through the one search service (search.service.search), in the language shown."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from catalogue.models import TechnologyCategory
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
    """{"solution": results, "trial": results}: published solutions, and trials that are completed."""
    filters = {"category": tuple(categories)} if categories else {}
    wanted = {"solution": {}, "trial": {"status": ("completed",)}}
    return {
        kind: search(
            SearchRequest(
                text=subject, lang=lang, filters=filters | {"kind": (kind,)} | more, per_page=PER_KIND, facets=False
            )
        )
        for kind, more in wanted.items()
    }


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
