"""Accounts (django-allauth): who may sign up and log in, and how.

Providers and department users sign up with an email address, which they must verify before they can
log in. Log-in is by email and password, optionally with an authenticator app (TOTP), which admin
users must use where ADMIN_TWO_FACTOR is on (production's default). django-axes counts failed log-ins
here as in the admin; allauth adds its own rate limits on sign-up, log-in, password reset and email
confirmation, kept in the shared cache.
"""

import os

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link opened by a mail scanner must not confirm anything
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per account; a new one replaces it once verified
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "E&M InnoPortal: "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"  # its client address is the site's (ratelimit.py)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "E&M InnoPortal"
ADMIN_TWO_FACTOR = os.environ.get("ADMIN_TWO_FACTOR", "0") == "1"
AXES_USERNAME_CALLABLE = "accounts.models.login_name"
