"""InnoDays as iCalendar: one event for "Add to calendar" and email attachments, and a feed."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from innoportal.languages import content_language, convert_response


def vevent(page):
    event = Event()
    event.add("uid", f"innoday-{page.event_key}@innoportal")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.starts)
    event.add("dtend", page.ends)
    event.add("summary", page.title)
    event.add("location", ", ".join(part for part in (page.venue, page.venue_address) if part))
    url = settings.WAGTAILADMIN_BASE_URL + page.url
    event.add("description", f"{page.intro}\n\n{url}")
    event.add("url", url)
    return event


def calendar(pages, name):
    cal = Calendar()
    cal.add("prodid", "-//EMSD//E&M InnoPortal//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for page in pages:
        cal.add_component(vevent(page))
    return cal.to_ical()


def event_ics(page):
    return calendar([page], page.title)


def event_response(page):
    response = HttpResponse(event_ics(page), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="innoday-{page.starts:%Y-%m-%d}.ics"'
    return response


def feed_response(request):
    """`/innodays.ics?lang=zh-hant` (or zh-hans): upcoming InnoDays, in English unless asked otherwise."""
    from innodays.models import InnoDayPage

    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    pages = InnoDayPage.objects.live().public()
    pages = pages.filter(locale__language_code=content_language(language), ends__gte=timezone.now())
    name = "InnoDays" if language == "en" else "創科日"
    response = HttpResponse(calendar(pages.order_by("starts"), name), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return convert_response(response, language)  # ?lang=zh-hans: the Traditional calendar, converted
