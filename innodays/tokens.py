"""Signed links for registrations: whoever holds one may do that one thing, and nothing else."""

from django.core import signing

SALT = "innoportal.events.registration"


def make_token(registration, purpose):
    return signing.dumps({"r": str(registration.uuid), "p": purpose}, salt=SALT, compress=True)


def read_token(token, purpose):
    """The registration a token names for `purpose`, or None when it is tampered with or for another use."""
    from innodays.models import Registration

    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if data.get("p") != purpose:
        return None
    return Registration.objects.filter(uuid=data.get("r"), anonymised_at__isnull=True).first()
