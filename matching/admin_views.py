"""The matching workbench in the admin: the open wishes, and for each one the solutions proposed for
it and those the catalogue suggests, each with its reasons, to shortlist, reject or confirm."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from catalogue.models import Solution, Wish, WishPage
from matching import decisions, trials
from matching.explain import explain
from matching.models import Match
from matching.suggestions import compute
from search.backends import SearchUnavailable

SUGGESTIONS_UNAVAILABLE = _(
    "Search is temporarily unavailable, so suggestions by key terms could not be worked out; "
    "try again in a few minutes."
)


def can_match(user):
    return user.has_perm("matching.change_match")


class EditorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_match(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def edit_url(item):
    page = item.pages.order_by("pk").first()
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else ""


def title_of(item):
    page = item.page_in(Locale.get_active().pk)
    return page.title if page else item.key


class WishListView(EditorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "matching/admin/wishes.html"
    page_title = _("Matching")
    header_icon = "link"

    def get_context_data(self, **kwargs):
        live = WishPage.objects.live().values("item_id")
        wishes = Wish.objects.filter(pk__in=live).exclude(status=Wish.Status.CLOSED).order_by("-published_on")
        rows = [
            {
                "wish": wish,
                "title": title_of(wish),
                "proposed": wish.proposed_solutions.count(),
                "confirmed": wish.matches.filter(decision=Match.Decision.CONFIRMED).count(),
            }
            for wish in wishes.prefetch_related("pages")
        ]
        return super().get_context_data(rows=rows, **kwargs)


def live_solutions():
    """Solutions with a live page: one still under vetting (or rejected) is no one to match with."""
    return Solution.objects.filter(pages__live=True).distinct()


class DecisionForm(forms.Form):
    solution = forms.ModelChoiceField(queryset=live_solutions(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=Match.Decision.choices)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))


class WorkbenchView(EditorsOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "matching/admin/workbench.html"
    form_class = DecisionForm
    header_icon = "link"

    def dispatch(self, request, pk):
        self.wish = get_object_or_404(Wish, pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return f"{self.wish.reference} — {title_of(self.wish)}"

    def post(self, request, *args, **kwargs):
        if "recompute" in request.POST:
            try:
                compute(self.wish)
            except SearchUnavailable:
                messages.error(request, SUGGESTIONS_UNAVAILABLE)
            else:
                messages.success(request, _("Suggestions recomputed."))
            return redirect("matching_workbench", self.wish.pk)
        if "start_trial" in request.POST:
            return self.start_trial(request.POST["start_trial"])
        return super().post(request, *args, **kwargs)

    def start_trial(self, match_pk):
        match = Match.objects.filter(pk=match_pk if str(match_pk).isdigit() else None, wish=self.wish).first()
        if match is None:
            messages.error(self.request, _("That decision could not be recorded."))
            return redirect("matching_workbench", self.wish.pk)
        try:
            page = trials.start_trial(match, self.request.user)
        except trials.CannotStart as refusal:
            messages.error(self.request, refusal.message)
            return redirect("matching_workbench", self.wish.pk)
        messages.success(self.request, _("The trial is drafted from the match: add its site, dates and funding."))
        return redirect("wagtailadmin_pages:edit", page.pk)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            decisions.decide(self.wish, data["solution"], data["decision"], self.request.user, data["reason"])
        except decisions.DecisionRefused as refusal:
            messages.error(self.request, refusal.message)
        else:
            messages.success(self.request, _("Decision recorded."))
        return redirect("matching_workbench", self.wish.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("That decision could not be recorded."))
        return redirect("matching_workbench", self.wish.pk)

    def get_context_data(self, **kwargs):
        wish = self.wish
        suggestions = list(wish.suggestions.select_related("solution"))
        if not suggestions:
            try:
                suggestions = compute(wish)
            except SearchUnavailable:
                messages.error(self.request, SUGGESTIONS_UNAVAILABLE)
        decided = {m.solution_id: m for m in wish.matches.select_related("decided_by")}
        live = set(live_solutions().values_list("pk", flat=True))
        row = lambda solution, reasons=None: {  # noqa: E731
            "solution": solution,
            "title": title_of(solution),
            "edit_url": edit_url(solution),
            "why": explain(reasons) if reasons is not None else "",
            "match": decided.get(solution.pk),
        }
        context = {
            "wish": wish,
            "proposed": [row(s) for s in wish.proposed_solutions.filter(pk__in=live).order_by("key")],
            "suggested": [row(s.solution, s.reasons) for s in suggestions if s.solution_id in live],
            "decided": [row(m.solution) for m in decided.values()],
            "decisions": Match.Decision.choices,
        }
        return super().get_context_data(**context, **kwargs)
