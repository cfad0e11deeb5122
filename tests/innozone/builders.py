"""A small InnoZone over the test catalogue: two exhibits in both languages, with photos."""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalogue.models import SolutionPage
from innoportal.page_tree import ensure_page, homes, languages
from innozone.models import ExhibitPage, ExhibitPhoto, InnoZonePage


def photo(colour, alt):
    buffer = io.BytesIO()
    PILImage.new("RGB", (2400, 1600), colour).save(buffer, format="PNG")
    image = get_image_model()(title=alt, description=alt)
    image.file = ImageFile(buffer, name=f"{alt}.png")
    image.save()
    return image


def build_zone(rotate=1, idle=2, refresh=1):
    text = {
        "en": {
            "title": "E&M InnoZone",
            "intro": "<p>A showroom.</p>",
            "opening_hours": "<p>Weekdays 9:30 to 17:30</p>",
            "how_to_visit": "<p>Ground floor, EMSD Headquarters.</p>",
        },
        "zh-hant": {
            "title": "機電創科專區",
            "intro": "<p>展覽空間。</p>",
            "opening_hours": "<p>星期一至五</p>",
            "how_to_visit": "<p>機電工程署總部地下。</p>",
        },
    }
    for code in languages():
        text[code]["floor_plan"] = photo("white", f"floor plan {code}")
    zones = ensure_page(homes(), InnoZonePage, "innozone", text)
    # Faster than editors may set them (their minimum is seconds), so that browser tests run quickly.
    timings = {"kiosk_rotate_seconds": rotate, "kiosk_idle_seconds": idle, "kiosk_refresh_seconds": refresh}
    InnoZonePage.objects.filter(pk__in=[z.pk for z in zones.values()]).update(**timings)
    for zone in zones.values():
        zone.refresh_from_db()
    for booth, key, colour in [("A1", "S-0001", "teal"), ("B2", "S-0002", "orange")]:
        fields = {}
        for code in languages():
            solution = SolutionPage.objects.get(item__key=key, locale__language_code=code)
            fields[code] = {
                "title": solution.title,
                "summary": solution.summary,
                "solution": solution,
                "booth": booth,
                "on_display_from": datetime.date(2018, 9, 14),
                "photos": [ExhibitPhoto(image=photo(colour, f"{key} {code}")), ExhibitPhoto(image=photo("navy", "x"))],
            }
        ensure_page(zones, ExhibitPage, key.lower(), fields, show_in_menus=False)
    return zones
