"""The portal's users: editors and reviewers in the admin, and (with django-allauth) the providers and
department users who take part from the public site.

A custom user model from the start, so that what a person is to the portal (their organisation, their
role in it) can live on the user as it is added, without swapping the model once accounts exist.
"""

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def uses_two_factor(self):
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()


def login_name(request, credentials):
    """Who a log-in attempt is for, as django-axes counts it: the admin's username, or the email an
    account log-in gives (allauth passes it as `email`, its form calls it `login`)."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get("email")
    if not name and request is not None:
        name = request.POST.get("username") or request.POST.get("login")
    return (name or "").strip().lower() or None
