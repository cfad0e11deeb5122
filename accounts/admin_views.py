"""The Inno Office's side of memberships: claims listed in the admin, each decided on its own page."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic.edit import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from accounts import membership
from accounts.models import OrganisationClaim
from catalogue.models import Organisation
from innoportal.admin_viewsets import PublicRecordViewSet


def can_decide(user):
    return user.has_perm("accounts.change_organisationclaim")


class ClaimFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=OrganisationClaim.Status.choices, empty_label=_("All"))

    class Meta:
        model = OrganisationClaim
        fields = ["status"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: they belong to it")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason, shown to the applicant"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why, so that the applicant can send a better claim."))
        return data


class DecideView(WagtailAdminTemplateMixin, FormView):
    template_name = "accounts/admin/decide.html"
    form_class = DecisionForm
    header_icon = "group"
    page_title = _("Organisation claim")

    def dispatch(self, request, pk):
        if not can_decide(request.user):
            raise PermissionDenied
        self.claim = get_object_or_404(OrganisationClaim.objects.select_related("user", "organisation"), pk=pk)
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        same_name = Organisation.objects.none()
        if not self.claim.organisation_id and self.claim.name_en:
            same_name = Organisation.objects.filter(name__iexact=self.claim.name_en)
        return super().get_context_data(claim=self.claim, same_name=same_name, **kwargs)

    def form_valid(self, form):
        if self.claim.status != OrganisationClaim.Status.PENDING:
            messages.error(self.request, _("This claim was already decided."))
        elif form.cleaned_data["decision"] == "approve":
            membership.approve(self.claim, by=self.request.user)
            messages.success(self.request, _("Approved; the applicant is told by email."))
        else:
            membership.reject(self.claim, by=self.request.user, reason=form.cleaned_data["reason"].strip())
            messages.success(self.request, _("Rejected; the applicant is told by email, with your reason."))
        return redirect("organisation_claims:index")


class ClaimViewSet(PublicRecordViewSet):
    model = OrganisationClaim
    icon = "group"
    menu_label = _("Organisation claims")
    menu_order = 210
    add_to_admin_menu = True
    name = "organisation_claims"
    url_prefix = "organisation-claims"
    list_display = ["user", "organisation_name", "type", "registration_number", "status", "created_at"]
    filterset_class = ClaimFilterSet
    search_fields = ["user__email", "name_en", "name_zh", "registration_number"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "user",
        "organisation",
        "name_en",
        "name_zh",
        "type",
        "website",
        "registration_number",
        "status",
        "reason",
        "created_at",
        "decided_at",
        "decided_by",
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("decide/<int:pk>/", DecideView.as_view(), name="decide")]

    @property
    def inspect_view_class(self):
        view = super().inspect_view_class

        class WithDecision(view):
            def get_header_buttons(self):
                url = reverse("organisation_claims:decide", args=[self.object.pk])
                return [HeaderButton(_("Decide"), url, icon_name="tick")]

        return WithDecision


claim_viewset = ClaimViewSet()
