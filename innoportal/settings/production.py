"""Production: HTTPS only, behind one proxy by default, a shared cache, and every address known.

Required: SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL (the public https:// address, used in
emails, calendar files and the API) and CACHE_URL (Redis), unless ALLOW_PROCESS_CACHE=1 says that a
single process serves the site. See the README's "Security" section.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name):
    value = env(name)  # noqa: F405
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production (see the README's Security section).")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS", "").split(",") if o]  # noqa: F405
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = required("WAGTAILADMIN_BASE_URL").rstrip("/")

# HTTPS: the proxy says which scheme the visitor used; plain HTTP is redirected; browsers are told to
# use HTTPS only for a year (HSTS), subdomains too unless HSTS_INCLUDE_SUBDOMAINS=0.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SSL_REDIRECT", "1") == "1"  # noqa: F405
# Load balancers and supervisors probe over plain HTTP (health/ answers before this redirect anyway).
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("HSTS_INCLUDE_SUBDOMAINS", "1") == "1"  # noqa: F405
SECURE_HSTS_PRELOAD = env("HSTS_PRELOAD", "1") == "1"  # noqa: F405  (allows submitting to the preload list)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env("COOKIES_SECURE", "1") == "1"  # noqa: F405
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))  # noqa: F405
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"  # links in account emails
ADMIN_TWO_FACTOR = env("ADMIN_TWO_FACTOR", "1") == "1"  # noqa: F405  (admin users log in with an authenticator)

# Rate limits and log-in counts must be shared by every worker: a per-process cache would let each
# gunicorn worker count on its own (and forget on restart).
if CACHES["default"]["BACKEND"].endswith("LocMemCache") and env("ALLOW_PROCESS_CACHE") != "1":  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs a shared cache: set CACHE_URL=redis://host:6379/0, or ALLOW_PROCESS_CACHE=1 if one "
        "single-process server serves the site."
    )

# Static files with their content's hash in their names, gzip and Brotli copies made by collectstatic,
# served by WhiteNoise with a year's immutable caching (names change when content does).
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
