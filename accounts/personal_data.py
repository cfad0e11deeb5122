"""A person's own data: everything the portal holds about them, to take away, and deleting it.

Deleting an account removes the user, their email addresses, authenticators and organisation claims.
What they published stays, attributed to their organisation; an organisation they managed passes
to its longest-standing other verified member.

Other apps holding a person's data (submissions) register an exporter and an eraser here, so that
accounts needs to know none of them.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction

from accounts.models import User

SECTIONS = {}


def register(name, exporter, eraser):
    """`exporter(user)` returns JSON-ready data for the export; `eraser(user)` runs before the user is deleted."""
    SECTIONS[name] = (exporter, eraser)


def export(user):
    """A JSON-ready account of the user's data (no password hash, no authenticator secret)."""

    def when(value):
        return value.isoformat() if value else None

    data = {
        "account": {
            "email": user.email,
            "joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "organisation": {
            "key": user.organisation.key,
            "name": user.organisation.name,
            "role": user.organisation_role,
            "member_since": when(user.member_since),
        }
        if user.organisation_id
        else None,
        "organisation_claims": [
            {
                "organisation": claim.organisation_name(),
                "type": claim.type,
                "website": claim.website,
                "registration_number": claim.registration_number,
                "status": claim.status,
                "reason": claim.reason,
                "made": when(claim.created_at),
                "decided": when(claim.decided_at),
            }
            for claim in user.organisation_claims.order_by("created_at")
        ],
    }
    for name, (exporter, _eraser) in SECTIONS.items():
        data[name] = exporter(user)
    return data


@transaction.atomic
def delete_account(user):
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.organisation_id and user.organisation_role == User.Role.MANAGER:
        successor = (
            User.objects.filter(organisation=user.organisation_id, member_since__isnull=False)
            .exclude(pk=user.pk)
            .order_by("member_since", "pk")
            .first()
        )
        if successor:
            successor.organisation_role = User.Role.MANAGER
            successor.save(update_fields=["organisation_role"])
    for _exporter, eraser in SECTIONS.values():
        eraser(user)
    user.delete()
