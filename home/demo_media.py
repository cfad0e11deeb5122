"""Illustrations for the demo: one drawn image per technology category and language, so that a
solution page shows its image with alt text in the page's own language. Demo only."""

import hashlib
import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from catalogue.models import SolutionPage, TechnologyCategory

PALETTES = [
    ((0, 87, 107), (122, 193, 204)),
    ((47, 107, 47), (170, 214, 140)),
    ((122, 44, 9), (245, 178, 120)),
    ((60, 52, 120), (170, 160, 230)),
    ((20, 70, 110), (250, 210, 90)),
]


def draw(seed_text, size=(1200, 675)):
    """An abstract illustration: a gradient with circles and lines placed by a hash of the text."""
    seed = hashlib.sha256(seed_text.encode()).digest()
    dark, light = PALETTES[seed[0] % len(PALETTES)]
    width, height = size
    image = PILImage.new("RGB", size)
    pixels = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        pixels.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(dark, light, strict=True)))
    for n in range(8):
        x, y = seed[n + 1] / 255 * width, seed[n + 9] / 255 * height
        r = 30 + seed[n + 17] / 255 * 140
        pixels.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=4)
    for n in range(6):
        angle = seed[n + 25] / 255 * math.pi
        x, y = width / 2, height / 2
        pixels.line([(x, y), (x + math.cos(angle) * width, y + math.sin(angle) * height)], fill=light, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer


def illustrate_solutions():
    """Give every solution without an image the illustration of its first category."""
    Image = get_image_model()
    made = {}
    for category in TechnologyCategory.objects.select_related("locale"):
        picture = Image(title=category.name, description=category.name)
        picture.file = ImageFile(draw(category.key), name=f"category-{category.key}.png")
        picture.save()
        made[category.pk] = picture
    for solution in SolutionPage.objects.live().filter(image__isnull=True).select_related("item"):
        first = solution.item.categories.order_by("name").first()
        first = first and first.in_locale(solution.locale_id)
        if first and first.pk in made:
            solution.image = made[first.pk]
            solution.save_revision().publish()
    return len(made)
