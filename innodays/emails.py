"""The emails a registrant gets, in the language they registered in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from innodays.calendar import event_ics
from innodays.tokens import make_token
from innoportal.mail import send_templated_mail
from innoportal.qr import qr_png

WITH_TICKET = {"confirmation", "promoted", "reminder"}


def event_in(registration):
    return registration.event.in_language(registration.language)


def check_in_url(registration):
    return settings.WAGTAILADMIN_BASE_URL + reverse("innoday_check_in", args=[make_token(registration, "check-in")])


def cancel_url(registration):
    with translation.override(registration.language):
        return settings.WAGTAILADMIN_BASE_URL + reverse("innoday_cancel", args=[make_token(registration, "cancel")])


def send_registration_email(registration, kind):
    event = event_in(registration)
    context = {
        "registration": registration,
        "event": event,
        "cancel_url": cancel_url(registration),
        "event_url": settings.WAGTAILADMIN_BASE_URL + event.url,
        "kind": kind,
    }
    attachments, images = [], []
    if kind in WITH_TICKET:
        attachments.append((f"innoday-{event.starts:%Y-%m-%d}.ics", event_ics(event), "text/calendar"))
        images.append(("ticket", qr_png(check_in_url(registration))))
    return send_templated_mail(
        f"events/email/{kind}",
        context,
        registration.email,
        registration.language,
        attachments=attachments,
        inline_images=images,
    )
