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
from accounts.forms import ClaimForm, DeleteForm, InviteForm
from accounts.models import OrganisationClaim, User
from innoportal.languages import content_language
from innoportal.ratelimit import allow

CLAIM_RATE = "10/3600"


@login_required
@require_http_methods(["GET", "POST"])
def my_organisation(request):
    user = request.user
    if user.is_verified_member:
        return membership_page(request)
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
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
    context = {"form": form, "claim": user.organisation_claims.first()}
    status = 400 if form.errors else 200
    return TemplateResponse(request, "accounts/my_organisation.html", context, status=status)


def membership_page(request):
    """A member's organisation; its manager invites colleagues here."""
    user = request.user
    is_manager = user.organisation_role == User.Role.MANAGER
    form = InviteForm(request.POST if request.method == "POST" and is_manager else None) if is_manager else None
    if form is not None and form.is_bound:
        if not allow(request, "organisation-invite", CLAIM_RATE):
            form.add_error(None, _("Too many attempts from your network. Please try again in a few minutes."))
        elif form.is_valid():
            try:
                membership.invite(user, form.cleaned_data["email"], language=get_language())
            except membership.ClaimRefused as refusal:
                form.add_error("email", refusal.message)
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
                return redirect("my_organisation")
    context = {
        "organisation": user.organisation.in_locale_code(content_language()),
        "invite_form": form,
        "invite_form_list": [form] if form is not None else [],
        "invitations": user.organisation.invitations.filter(accepted_at__isnull=True)[:20] if is_manager else [],
        "colleagues": User.objects.filter(organisation=user.organisation_id, member_since__isnull=False).order_by(
            "member_since"
        ),
    }
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, "accounts/my_organisation.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def join(request, token):
    """An invitation's link: it asks before joining (mail scanners open links; they do not press buttons)."""
    invitation = membership.invitation_from(token)
    if invitation is None:
        return TemplateResponse(request, "accounts/join.html", {"invitation": None}, status=404)
    error = None
    if request.method == "POST":
        try:
            membership.accept(invitation, request.user)
        except membership.ClaimRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Welcome: you are now a member of your organisation."))
            return redirect("my_organisation")
    name = invitation.organisation.in_locale_code(content_language()).name
    context = {"invitation": invitation, "organisation_name": name, "error": error}
    return TemplateResponse(request, "accounts/join.html", context, status=400 if error else 200)


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
