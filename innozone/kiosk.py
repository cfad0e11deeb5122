"""The kiosk's data: one JSON feed with both languages, so the touch screen can switch language,
follow editors' changes and keep going offline without asking the server for anything else."""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

from innoportal.languages import bcp47, content_language, converted

# Sized for a 1080p screen; WebP keeps the first load small.
SLIDE = "max-1920x1080|format-webp|webpquality-78"
THUMB = "fill-320x180|format-webp|webpquality-70"
SERVICE_WORKER = Path(__file__).parent / "static" / "innozone" / "kiosk-sw.js"


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


def rendition(image, spec):
    r = image.get_rendition(spec)
    return {"src": r.url, "width": r.width, "height": r.height, "alt": image.default_alt_text}


def exhibit_text(exhibit):
    solution = exhibit.solution_version()
    return {
        "title": exhibit.title,
        "summary": exhibit.summary,
        "provider": solution.organisation.name,
        "booth": exhibit.booth,
        "qr": exhibit.qr_code(),
    }


def _text_in(code, versions, exhibit):
    """An exhibit's text in language `code`: Simplified Chinese is the Traditional converted."""
    text = exhibit_text(versions.get(content_language(code), exhibit))
    return {name: value if name == "qr" else converted(value, code) for name, value in text.items()}


def exhibit_entry(exhibit):
    versions = {p.locale.language_code: p.specific for p in exhibit.get_translations(inclusive=True).live()}
    photos = [photo.image for photo in exhibit.photos.select_related("image")]
    return {
        "id": str(exhibit.translation_key),
        "text": {code: _text_in(code, versions, exhibit) for code, _name in settings.LANGUAGES},
        "slides": [rendition(image, SLIDE) for image in photos],
        "thumbs": [rendition(image, THUMB) for image in photos],
    }


def kiosk_feed(zone, request=None):
    feed = {
        "default_language": zone.locale.language_code,
        "settings": {
            "idle_seconds": zone.kiosk_idle_seconds,
            "rotate_seconds": zone.kiosk_rotate_seconds,
            "refresh_seconds": zone.kiosk_refresh_seconds,
        },
        "labels": labels(),
        "assets": [static(name) for name in ("innozone/kiosk.css", "innozone/kiosk.js", "img/favicon.svg")],
        "exhibits": [exhibit_entry(e) for e in zone.exhibits()],
    }
    feed["version"] = hashlib.sha256(json.dumps(feed, sort_keys=True).encode()).hexdigest()[:16]
    return feed


def feed_response(zone, request):
    feed = kiosk_feed(zone, request)
    etag = f'"{feed["version"]}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
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
