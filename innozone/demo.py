"""Demo InnoZone: the zone page in both languages, a drawn floor plan, and eight exhibits made from
demo solutions. Called by `manage.py load_demo_content`."""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from catalogue.models import SolutionPage
from innoportal.page_tree import ensure_page, homes, languages
from innozone.models import ExhibitPage, ExhibitPhoto, InnoZonePage

BOOTHS = ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"]
OPENED = datetime.date(2018, 9, 14)
ZONE = {
    "en": {
        "title": "E&M InnoZone",
        "intro": "<p>A showroom at EMSD Headquarters where I&amp;T solutions from the portal can be seen, "
        "touched and discussed. It opened in September 2018 as the portal's offline companion.</p>",
        "opening_hours": "<ul><li>Monday to Friday, 9:30 am to 5:30 pm</li><li>Closed on public holidays</li></ul>",
        "how_to_visit": "<p>The InnoZone is on the ground floor of EMSD Headquarters, 3 Kai Shing Street, "
        "Kowloon Bay. Walk-in visitors are welcome; groups of more than ten please book a guided tour "
        "through the portal.</p><p>A touch-screen kiosk at the entrance introduces every exhibit in "
        "English and Chinese.</p>",
    },
    "zh-hant": {
        "title": "機電創科專區",
        "intro": "<p>位於機電工程署總部的展覽空間，讓公眾親身了解平台上的創科方案。專區於2018年9月啟用，"
        "是平台在網上以外的實體延伸。</p>",
        "opening_hours": "<ul><li>星期一至五，上午9時30分至下午5時30分</li><li>公眾假期休息</li></ul>",
        "how_to_visit": "<p>專區位於九龍灣啟成街3號機電工程署總部地下。歡迎直接到訪；十人以上團體請透過平台"
        "預約導賞。</p><p>入口的觸控屏幕資訊站以中英文介紹每件展品。</p>",
    },
}
FLOOR_PLAN_ALT = {
    "en": "Floor plan: booths A1 to A4 and B1 to B4 around the entrance kiosk",
    "zh-hant": "平面圖：展位A1至A4及B1至B4環繞入口資訊站",
}


def draw_floor_plan():
    image = PILImage.new("RGB", (1600, 900), "white")
    pen = ImageDraw.Draw(image)
    pen.rectangle([40, 40, 1560, 860], outline=(0, 87, 107), width=8)
    for n, booth in enumerate(BOOTHS):
        x = 120 + (n % 4) * 360
        y = 100 if n < 4 else 560
        pen.rectangle([x, y, x + 280, y + 220], fill=(225, 236, 239), outline=(0, 87, 107), width=4)
        pen.text((x + 110, y + 95), booth, fill=(16, 22, 27), font_size=48)
    pen.rectangle([700, 380, 900, 500], fill=(0, 87, 107))
    pen.text((735, 420), "Kiosk", fill="white", font_size=40)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer


def load_demo(stdout):
    Image = get_image_model()
    plans = {}
    for code in languages():
        plan = Image(title=FLOOR_PLAN_ALT[code], description=FLOOR_PLAN_ALT[code])
        plan.file = ImageFile(draw_floor_plan(), name="innozone-floor-plan.png")
        plan.save()
        plans[code] = plan
    fields = {code: {**ZONE[code], "floor_plan": plans[code]} for code in languages()}
    zones = ensure_page(homes(), InnoZonePage, "innozone", fields)

    default = languages()[0]
    solutions = SolutionPage.objects.live().filter(locale__language_code=default, image__isnull=False)
    for booth, solution in zip(BOOTHS, solutions.order_by("-item__trl", "item__key"), strict=False):
        versions = {code: solution.get_translation_or_none(zones[code].locale) or solution for code in languages()}
        exhibit_fields = {
            code: {
                "title": version.title,
                "summary": version.summary,
                "solution": version,
                "booth": booth,
                # On display since it was published (the demo catalogue is dated from today).
                "on_display_from": max(OPENED, solution.published_on),
                "photos": [ExhibitPhoto(image=version.specific.image, caption="")],
            }
            for code, version in versions.items()
        }
        ensure_page(zones, ExhibitPage, f"{booth.lower()}-{solution.slug}"[:80], exhibit_fields, show_in_menus=False)
    stdout.write(f"InnoZone: {ExhibitPage.objects.filter(locale__language_code=default).count()} exhibits")
