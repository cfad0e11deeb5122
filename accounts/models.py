"""The portal's users: editors and reviewers in the admin, and (with django-allauth) the providers and
department users who take part from the public site, each a member of one organisation.

A custom user model from the start, so that what a person is to the portal (their organisation, their
role in it) lives on the user.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import Organisation


class User(AbstractUser):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MANAGER = "manager", _("Organisation manager")

    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    organisation_role = models.CharField(_("role in the organisation"), max_length=16, choices=Role.choices, blank=True)
    member_since = models.DateTimeField(_("verified member since"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def uses_two_factor(self):
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()

    @property
    def is_verified_member(self):
        """A verified member of an organisation may submit; anyone else may only draft."""
        return self.organisation_id is not None and self.member_since is not None

    @property
    def is_department_user(self):
        return self.is_verified_member and self.organisation.type in Organisation.GOVERNMENT


class OrganisationClaim(models.Model):
    """A user's request to belong to an organisation: an existing one, or a new one described here.
    The Inno Office decides in the admin; a department's own email domain decides at once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the Inno Office")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_claims")
    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text=_("An organisation already on the portal; empty when a new one is described below."),
    )
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_zh = models.CharField(_("name in Chinese"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    registration_number = models.CharField(_("business registration number"), max_length=40, blank=True)
    language = models.CharField(max_length=12, default="en", editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason, shown to the applicant"), blank=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("organisation claim")
        verbose_name_plural = _("organisation claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="one_pending_claim_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user.email}: {self.organisation_name()}"

    def organisation_name(self):
        """The organisation's name in the language the claim was made in."""
        if self.organisation_id:
            return self.organisation.in_locale_code(self.language).name
        return " / ".join(filter(None, [self.name_en, self.name_zh]))


class Invitation(models.Model):
    """An organisation manager's invitation to a colleague: whoever confirms this email address on the
    portal and opens the link joins the organisation, without waiting for the Inno Office."""

    organisation = models.ForeignKey(
        "catalogue.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=12, default="en", editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


def login_name(request, credentials):
    """Who a log-in attempt is for, as django-axes counts it: the admin's username, or the email an
    account log-in gives (allauth passes it as `email`, its form calls it `login`)."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get("email")
    if not name and request is not None:
        name = request.POST.get("username") or request.POST.get("login")
    return (name or "").strip().lower() or None
