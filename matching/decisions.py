"""Editors' decisions on a wish and a solution: shortlist, reject with a reason, confirm.

A confirmed match records who and when (and why, if said), marks the wish matched, and tells the
solution's provider and the wish's department by email, each person in the language they use on
the portal. Deciding again about the same pair replaces the earlier decision.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Wish
from innoportal.tasks import enqueue_with_transaction
from matching.models import Match

Decision = Match.Decision


class DecisionRefused(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


@transaction.atomic
def decide(wish, solution, decision, by, reason=""):
    reason = reason.strip()
    if decision == Decision.REJECTED and not reason:
        raise DecisionRefused(_("Say why this solution does not fit the wish."))
    existing = Match.objects.select_for_update().filter(wish=wish, solution=solution).first()
    if existing and existing.decision == Decision.CONFIRMED and decision != Decision.CONFIRMED:
        raise DecisionRefused(_("This match is confirmed already."))
    match, _created = Match.objects.update_or_create(
        wish=wish,
        solution=solution,
        defaults={"decision": decision, "reason": reason, "decided_by": by, "decided_at": timezone.now()},
    )
    if decision == Decision.REJECTED:
        wish.suggestions.filter(solution=solution).delete()
    if decision == Decision.CONFIRMED and not (existing and existing.decision == Decision.CONFIRMED):
        confirm(match)
    return match


def confirm(match):
    wish = Wish.objects.select_for_update().get(pk=match.wish_id)
    if wish.status == Wish.Status.OPEN:
        wish.status = Wish.Status.MATCHED
        wish.save(update_fields=["status", "updated_at"])
    from matching.tasks import send_match_emails

    enqueue_with_transaction(send_match_emails, match.pk)
