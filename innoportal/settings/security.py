"""Security settings shared by every environment: what the browser may load, what it may use, who may
try to log in how often, and from which address a request comes.

Production adds HTTPS-only settings (HSTS, redirect, secure cookies) in production.py.
"""

import os

from csp.constants import NONE, SELF

# Proxies in front of the site that append to X-Forwarded-For (a load balancer, a caching proxy):
# the client address is taken from the entry the outermost of them wrote. 0 = no proxy: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)

# Content-Security-Policy of the public site: scripts, styles, images and fonts only from the site
# itself; nothing inline, nothing framed, no plug-ins. A template that truly needs an inline script
# gives it nonce="{{ request.csp_nonce }}" (django-csp adds the nonce to the header when used).
_MEDIA_ORIGIN = os.environ.get("MEDIA_URL_ORIGIN", "")  # e.g. https://media.example.gov.hk, if media is elsewhere
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [_MEDIA_ORIGIN])],
        "media-src": [SELF, *filter(None, [_MEDIA_ORIGIN])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],  # the kiosk's offline service worker
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Wagtail's and Django's admin rely on inline scripts and styles and frame their own previews: a looser
# policy for them alone (innoportal.middleware.ContentSecurityPolicy), still no third-party origin.
ADMIN_PATHS = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *filter(None, [_MEDIA_ORIGIN])],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff avatars are not fetched from a third party
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin does not call releases.wagtail.org

# Browser features no page of the portal uses are switched off (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]  # the InnoZone kiosk

SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Log-in attempts (django-axes), on the admin now and on public accounts when they come: after
# AXES_FAILURE_LIMIT failures from one address, or against one account, further attempts are refused
# for AXES_COOLOFF_TIME hours. Counted in the database, so every worker and server shares the count.
# `manage.py axes_reset_username NAME` lets a locked-out editor back in at once.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT") or 10)
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS") or 0.25)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "innoportal.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are in Wagtail's own log
