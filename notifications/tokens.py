"""Signed links for subscriptions: whoever holds one may do that one thing, and nothing else.

"confirm" expires (ALERTS_CONFIRM_DAYS); "manage" and "unsubscribe" do not, since they sit in emails that
people keep for years, and an unsubscribe link must still work then.
"""

from django.conf import settings
from django.core import signing

SALT = "innoportal.notifications.subscription"
PURPOSES = {"confirm", "manage", "unsubscribe"}


class Link:
    """What a token says: `valid` (signed by us, for this purpose, not expired) and the subscription, if any."""

    def __init__(self, valid=False, expired=False, subscription=None):
        self.valid, self.expired, self.subscription = valid, expired, subscription


def make_token(subscription, purpose):
    assert purpose in PURPOSES
    return signing.dumps({"s": str(subscription.uuid), "p": purpose}, salt=SALT, compress=True)


def read_token(token, purpose):
    from notifications.models import Subscription

    max_age = settings.ALERTS_CONFIRM_DAYS * 86400 if purpose == "confirm" else None
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        return Link(expired=True)
    except signing.BadSignature:
        return Link()
    if data.get("p") != purpose:
        return Link()
    # A valid link whose subscription is gone was used to unsubscribe already.
    return Link(valid=True, subscription=Subscription.objects.filter(uuid=data.get("s")).first())
