"""My InnoPortal: my account (my data, deleting it) and the organisation I belong to, or my claim to one."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import membership, personal_data
from accounts.forms import ClaimForm, DeleteForm
from accounts.models import OrganisationClaim
from innoportal.ratelimit import allow

CLAIM_RATE = "10/3600"


@login_required
@require_http_methods(["GET", "POST"])
def my_organisation(request):
    user = request.user
    form = None if user.is_verified_member else ClaimForm(request.POST if request.method == "POST" else None)
    if form is not None and request.method == "POST":
        if not allow(request, "organisation-claim", CLAIM_RATE):
            form.add_error(None, _("Too many attempts from your network. Please try again in a few minutes."))
        elif form.is_valid():
            try:
                claim = membership.make_claim(user, language=get_language(), **form.claim())
            except membership.ClaimRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                if claim.status == OrganisationClaim.Status.APPROVED:
                    messages.success(request, _("Welcome: you are now a member of your organisation."))
                else:
                    messages.success(request, _("Thank you. The Inno Office will check your claim and email you."))
                return redirect("my_organisation")
    claim = user.organisation_claims.first()
    organisation = user.organisation.in_locale_code(get_language()) if user.organisation_id else None
    context = {"form": form, "claim": claim, "organisation": organisation}
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, "accounts/my_organisation.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def my_account(request):
    user = request.user
    form = None if user.is_staff else DeleteForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form is not None and form.is_valid():
        personal_data.delete_account(user)
        logout(request)
        messages.success(request, _("Your account and your personal data are deleted."))
        return redirect("/")
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, "accounts/my_account.html", {"form": form}, status=status)


@login_required
@require_GET
def export_my_data(request):
    data = json.dumps(personal_data.export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="innoportal-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
