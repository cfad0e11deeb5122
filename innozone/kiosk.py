"""The kiosk's data: one JSON feed with both languages, so the touch screen can switch language,
follow editors' changes and keep going offline without asking the server for anything else.

Every kiosk asks for the feed every minute or so, and it seldom changes. So its ETag is a version
token known before anything is built: the page cache's content token (replaced by every publish,
unpublish, move or deletion of a page and every edit of an organisation: pagecache.purging), the day
(exhibits come and go by their display dates), the language and what a new release may change
(labels, asset addresses). A kiosk that has the current feed gets a 304 for the cost of finding the
page. When the feed is built, it reads the exhibits and everything they show in a fixed number of
queries, however many exhibits there are. Its "version" is a digest of its content, so that a kiosk
given a new token for the same content does not redraw (kiosk.js compares it).
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.http import parse_etags
from django.utils.translation import gettext as _

from catalogue.models import Organisation, SolutionPage
from innoportal.languages import bcp47, content_language, converted
from innozone.photos import with_photos
from pagecache import store

# Sized for a 1080p screen; WebP keeps the first load small.
SLIDE = "max-1920x1080|format-webp|webpquality-78"
THUMB = "fill-320x180|format-webp|webpquality-70"
SERVICE_WORKER = Path(__file__).parent / "static" / "innozone" / "kiosk-sw.js"
ASSETS = ("innozone/kiosk.css", "innozone/kiosk.js", "img/favicon.svg")


def labels():
    """The kiosk's interface text in every language."""
    result = {}
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = {
                "language_name": name,
                "tag": bcp47(code),
                "touch_hint": _("Touch the screen to explore this exhibit"),
                "provider": _("Provider"),
                "booth": _("Booth"),
                "back": _("Back to all exhibits"),
                "scan": _("Scan to open this solution on your phone"),
                "switch_language": _("Switch language"),
                "exhibit_of": _("Exhibit %(n)s of %(total)s"),
                "photos": _("Photos"),
                "no_exhibits": _("The exhibits are being updated. Please come back soon."),
            }
    return result


def assets():
    return [static(name) for name in ASSETS]


def rendition(image, r):
    return {"src": r.url, "width": r.width, "height": r.height, "alt": image.default_alt_text}


# What the exhibits show, read for all of them at once.


def live_translations(exhibits):
    """{translation key: {language code: live page}} of the exhibits' pages in every language: one query."""
    pages = type(exhibits[0]).objects.live().filter(translation_key__in={e.translation_key for e in exhibits})
    result = {}
    for page in pages.select_related("locale"):
        result.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return result


def solution_versions(pages):
    """{page pk: the solution it shows} as ExhibitPage.solution_version() has it (the solution in the
    page's language, else the one chosen), with their facts and providers: one query."""
    chosen = SolutionPage.objects.filter(pk__in={page.solution_id for page in pages}).values("translation_key")
    found = list(SolutionPage.objects.filter(translation_key__in=chosen).select_related("item__organisation"))
    by_pk = {solution.pk: solution for solution in found}
    by_language = {(solution.translation_key, solution.locale_id): solution for solution in found}
    result = {}
    for page in pages:
        solution = by_pk[page.solution_id]
        result[page.pk] = by_language.get((solution.translation_key, page.locale_id), solution)
    return result


def provider_names(solutions):
    """{solution pk: its provider's name in the solution's language} as `solution.organisation.name`
    has it (Organisation.in_locale: that language's version, else the one the facts name): one query."""
    providers = {solution.item.organisation for solution in solutions}
    versions = Organisation.objects.filter(
        translation_key__in={provider.translation_key for provider in providers},
        locale_id__in={solution.locale_id for solution in solutions},
    )
    by_language = {(version.translation_key, version.locale_id): version for version in versions}
    names = {}
    for solution in solutions:
        provider = solution.item.organisation
        names[solution.pk] = by_language.get((provider.translation_key, solution.locale_id), provider).name
    return names


def exhibit_entries(exhibits):
    if not exhibits:
        return []
    with_photos(exhibits, SLIDE, THUMB)
    translations = live_translations(exhibits)
    shown = exhibits + [page for pages in translations.values() for page in pages.values()]
    solutions = solution_versions(shown)
    providers = provider_names(list({solution.pk: solution for solution in solutions.values()}.values()))

    def text(exhibit):
        solution = solutions[exhibit.pk]
        return {
            "title": exhibit.title,
            "summary": exhibit.summary,
            "provider": providers[solution.pk],
            "booth": exhibit.booth,
            "qr": exhibit.qr_code(solution),
        }

    def text_in(code, versions, exhibit):
        """An exhibit's text in language `code`: Simplified Chinese is the Traditional converted."""
        values = text(versions.get(content_language(code), exhibit))
        return {name: value if name == "qr" else converted(value, code) for name, value in values.items()}

    entries = []
    for exhibit in exhibits:
        versions = translations.get(exhibit.translation_key, {})
        renditions = [(photo.image, photo.image.get_renditions(SLIDE, THUMB)) for photo in exhibit.photos.all()]
        entries.append(
            {
                "id": str(exhibit.translation_key),
                "text": {code: text_in(code, versions, exhibit) for code, _name in settings.LANGUAGES},
                "slides": [rendition(image, found[SLIDE]) for image, found in renditions],
                "thumbs": [rendition(image, found[THUMB]) for image, found in renditions],
            }
        )
    return entries


def kiosk_feed(zone, request=None):
    feed = {
        "default_language": zone.locale.language_code,
        "settings": {
            "idle_seconds": zone.kiosk_idle_seconds,
            "rotate_seconds": zone.kiosk_rotate_seconds,
            "refresh_seconds": zone.kiosk_refresh_seconds,
        },
        "labels": labels(),
        "assets": assets(),
        "exhibits": exhibit_entries(zone.exhibits()),
    }
    feed["version"] = hashlib.sha256(json.dumps(feed, sort_keys=True).encode()).hexdigest()[:16]
    return feed


def feed_etag(zone):
    """The feed's ETag, from what changes it, without building it (see the module's docstring)."""
    parts = [
        store.content_version(),
        timezone.localdate().isoformat(),
        translation.get_language() or "",
        str(zone.pk),
        str(zone.last_published_at),
        settings.WAGTAILADMIN_BASE_URL,
        json.dumps([labels(), assets()], sort_keys=True),
    ]
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:16] + '"'


def feed_response(zone, request):
    # The token is read before the feed is built: content published meanwhile is in the feed or
    # changes the token again (purges follow commits), so a kiosk can never keep stale content.
    etag = feed_etag(zone)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return HttpResponseNotModified(headers={"ETag": etag, "Cache-Control": "no-cache"})
    response = JsonResponse(kiosk_feed(zone, request), json_dumps_params={"ensure_ascii": False})
    response.every_language = True  # not converted under /zh-hans/: Simplified is in it already
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


def service_worker_response(zone, request):
    # Served below the kiosk's address and allowed to control the kiosk page itself.
    response = HttpResponse(SERVICE_WORKER.read_text(encoding="utf-8"), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = zone.url + "kiosk/"
    return response
