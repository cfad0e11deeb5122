from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "InnoDays: events and registration"

    def ready(self):
        from django.db import transaction
        from wagtail.signals import page_published

        from events.models import InnoDayPage
        from events.registration import fill_free_seats

        def seats_may_have_grown(sender, instance, **kwargs):
            # Editors raised the capacity: the waitlist moves up, in order, as it does when someone cancels.
            with transaction.atomic():
                fill_free_seats(instance.event_key)

        page_published.connect(seats_may_have_grown, sender=InnoDayPage, weak=False, dispatch_uid="innoday-capacity")
