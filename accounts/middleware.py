"""Admin users must use two-factor authentication where the deployment requires it (ADMIN_TWO_FACTOR).

Their log-in then goes through the account log-in, which asks for the authenticator code; an admin user
without an authenticator is sent to set one up before the admin opens.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class AdminTwoFactor:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ADMIN_TWO_FACTOR and request.path.startswith(("/admin/", "/django-admin/")):
            if request.path in ("/admin/login/", "/django-admin/login/"):
                target = reverse("account_login")
                following = request.GET.get("next")
                return redirect(f"{target}?next={following}" if following else target)
            user = request.user
            if user.is_authenticated and not user.uses_two_factor():
                messages.warning(request, _("Set up two-factor authentication to use the admin."))
                return redirect("mfa_activate_totp")
        return self.get_response(request)
