"""Background work of matching: suggestions for newly published wishes, and the match emails."""

from django_tasks import task

from innoportal.tasks import enqueue_with_transaction


@task()
def compute_suggestions(wish_id):
    from catalogue.models import Wish
    from matching.suggestions import compute

    wish = Wish.objects.filter(pk=wish_id).first()
    if wish:
        compute(wish)


def wish_published(sender, instance, **kwargs):
    """A wish page went live (a new wish, or a new language of one): its suggestions are recomputed."""
    enqueue_with_transaction(compute_suggestions, instance.item_id)


@task()
def send_match_emails(match_id):
    from matching.emails import send_match_emails as send
    from matching.models import Match

    match = Match.objects.filter(pk=match_id, decision=Match.Decision.CONFIRMED).first()
    if match:
        send(match)
