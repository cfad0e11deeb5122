"""Belonging to an organisation: claims, and the Inno Office's decisions on them.

A provider claims an organisation already on the portal, or describes a new one; the Inno Office
approves or rejects the claim in the admin, and the user is emailed either way, in the language they
used. A department's or public body's staff join it at once with a confirmed address on one of the
email domains the editors listed for it, and never otherwise: government organisations are not created
from the public site. The first verified member of an organisation manages it, and invites colleagues:
whoever confirms the invited address and opens the link joins at once (for a department, only an
address on its domains).
"""

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.models import Invitation, OrganisationClaim, User
from catalogue.models import Organisation
from innoportal.mail import send_templated_mail

INVITATION_DAYS = 14
INVITATION_SALT = "accounts.invitation"

Status = OrganisationClaim.Status


class ClaimRefused(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


def confirmed_email(user):
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


@transaction.atomic
def make_claim(user, *, organisation=None, language="en", **new):
    """A pending claim, or an approved one for a government address on its own domain."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_verified_member:
        raise ClaimRefused(_("You are already a member of %(name)s.") % {"name": user.organisation})
    if organisation is None and new.get("type") in Organisation.GOVERNMENT:
        raise ClaimRefused(
            _("Government departments and public bodies are added by the Inno Office. Choose yours from the list.")
        )
    government = organisation is not None and organisation.type in Organisation.GOVERNMENT
    if government and not (organisation.takes_email(user.email) and confirmed_email(user)):
        raise ClaimRefused(
            _("To join %(name)s, sign up with your email address at it (%(domains)s).")
            % {"name": organisation, "domains": organisation.email_domains or "—"}
        )
    OrganisationClaim.objects.filter(user=user, status=Status.PENDING).delete()  # a new claim replaces it
    claim = OrganisationClaim.objects.create(user=user, organisation=organisation, language=language, **new)
    if government:
        approve(claim, by=None)
    return claim


@transaction.atomic
def approve(claim, by):
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != Status.PENDING:
        return claim
    organisation = claim.organisation or create_organisation(claim)
    user = User.objects.select_for_update().get(pk=claim.user_id)
    first = not User.objects.filter(organisation=organisation, member_since__isnull=False).exists()
    user.organisation, user.member_since = organisation, timezone.now()
    user.organisation_role = User.Role.MANAGER if first else User.Role.MEMBER
    user.save(update_fields=["organisation", "member_since", "organisation_role"])
    claim.organisation = organisation
    decide(claim, Status.APPROVED, by)
    return claim


@transaction.atomic
def reject(claim, by, reason):
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status == Status.PENDING:
        claim.reason = reason
        decide(claim, Status.REJECTED, by)
    return claim


def decide(claim, status, by):
    claim.status, claim.decided_at, claim.decided_by = status, timezone.now(), by
    claim.save()
    transaction.on_commit(lambda: tell(claim))


def tell(claim):
    send_templated_mail(f"accounts/email/claim_{claim.status}", {"claim": claim}, claim.user.email, claim.language)


def create_organisation(claim):
    """A new organisation as the claim describes it, in English and Chinese (each name falls back to
    the other), pointed at by its English version."""
    key = base = slugify(claim.name_en or claim.registration_number)[:50] or f"organisation-{claim.pk}"
    n = 1
    while Organisation.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    facts = {"key": key, "type": claim.type, "website": claim.website}
    english = Organisation.objects.create(
        locale=Locale.objects.get(language_code="en"), name=claim.name_en or claim.name_zh, **facts
    )
    chinese = Locale.objects.filter(language_code="zh-hant").first()
    if chinese:
        Organisation.objects.create(
            locale=chinese, translation_key=english.translation_key, name=claim.name_zh or claim.name_en, **facts
        )
    return english


@transaction.atomic
def invite(manager, email, language="en"):
    """An invitation from an organisation's manager, emailed to `email` when it commits."""
    organisation = manager.organisation
    if not (manager.is_verified_member and manager.organisation_role == User.Role.MANAGER):
        raise ClaimRefused(_("Only your organisation's manager can invite colleagues."))
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email, organisation=organisation, member_since__isnull=False).exists():
        raise ClaimRefused(_("%(email)s is already a member.") % {"email": email})
    if organisation.type in Organisation.GOVERNMENT and not organisation.takes_email(email):
        raise ClaimRefused(
            _("Colleagues join %(name)s with an address on its email domains (%(domains)s).")
            % {"name": organisation, "domains": organisation.email_domains or "—"}
        )
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, invited_by=manager, language=language
    )
    transaction.on_commit(lambda: send_invitation(invitation))
    return invitation


def invitation_token(invitation):
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def send_invitation(invitation):
    context = {"invitation": invitation, "token": invitation_token(invitation)}
    context["organisation_name"] = invitation.organisation.in_locale_code(invitation.language).name
    send_templated_mail("accounts/email/invitation", context, invitation.email, invitation.language)


def invitation_from(token):
    """The open invitation a link holds, or None: tampered, older than two weeks, or used."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 24 * 3600)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return Invitation.objects.filter(pk=pk, accepted_at__isnull=True).select_related("organisation").first()


@transaction.atomic
def accept(invitation, user):
    """`user` joins the invitation's organisation, if it was sent to their confirmed address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    user = User.objects.select_for_update().get(pk=user.pk)
    if invitation.accepted_at:
        raise ClaimRefused(_("This invitation has been used already."))
    if user.is_verified_member:
        raise ClaimRefused(_("You are already a member of %(name)s.") % {"name": user.organisation})
    if user.email.lower() != invitation.email or not confirmed_email(user):
        raise ClaimRefused(
            _("This invitation is for %(email)s. Log in with that address, confirmed, to accept it.")
            % {"email": invitation.email}
        )
    OrganisationClaim.objects.filter(user=user, status=Status.PENDING).delete()
    claim = OrganisationClaim.objects.create(
        user=user,
        organisation=invitation.organisation,
        language=invitation.language,
        status=Status.APPROVED,
        decided_at=timezone.now(),
        decided_by=invitation.invited_by,
    )
    user.organisation, user.member_since, user.organisation_role = (
        invitation.organisation,
        timezone.now(),
        User.Role.MEMBER,
    )
    user.save(update_fields=["organisation", "member_since", "organisation_role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return claim
