from django.conf import settings
from django.core.management.base import BaseCommand

from innodays.tasks import anonymise_registrations


class Command(BaseCommand):
    help = "Remove personal data from registrations of InnoDays that ended long enough ago (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.INNODAY_ANONYMISE_AFTER_DAYS,
            help="days after an InnoDay ends (default: INNODAY_ANONYMISE_AFTER_DAYS)",
        )

    def handle(self, *args, days, **options):
        count = anonymise_registrations.call(days=days)
        self.stdout.write(f"{count} registration(s) anonymised ({days} days after their InnoDay).")
