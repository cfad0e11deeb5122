from django.apps import AppConfig


class EventsConfig(AppConfig):
    # The package is `innodays`; the label stays `events`, so tables, migrations and content types
    # made before the rename are the same. (A top-level package named `events` shadowed PyPI's
    # `events`, which opensearch-py imports.)
    name = "innodays"
    label = "events"
    verbose_name = "InnoDays: events and registration"

    def ready(self):
        from wagtail.signals import page_published

        from innodays.models import InnoDayPage
        from innodays.registration import seat_the_waitlist

        def seats_may_have_grown(sender, instance, **kwargs):
            # Editors raised the capacity: the waitlist moves up, in order, as it does when someone cancels.
            seat_the_waitlist(instance.event_key)

        page_published.connect(seats_may_have_grown, sender=InnoDayPage, weak=False, dispatch_uid="innoday-capacity")
