from django.core.management.base import BaseCommand

from notifications.models import Subscription
from notifications.tasks import catch_up, send_digests


class Command(BaseCommand):
    help = (
        "Send the daily or weekly alert digests (--digest daily|weekly, from cron), and in any case catch up "
        "on what a stopped worker left: unsettled claims, unmatched items, pending immediate alerts."
    )

    def add_arguments(self, parser):
        choices = [Subscription.Frequency.DAILY, Subscription.Frequency.WEEKLY]
        parser.add_argument("--digest", choices=choices, help="send this digest to every subscriber due one")

    def handle(self, *args, digest=None, **options):
        caught_up = catch_up.call()
        self.stdout.write(
            "Caught up: {sent} immediate alert(s) sent, {released} released and {unknown} marked unknown from "
            "stopped workers, {matched_late} item(s) matched late, {purged} unconfirmed request(s) deleted.".format(
                **caught_up
            )
        )
        if digest:
            result = send_digests.call(digest)
            self.stdout.write(f"{digest.capitalize()} digest: {result['emails']} email(s), {result['items']} item(s).")
