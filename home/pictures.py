"""The pictures the home page and standard pages show (innoportal.pictures): made when published."""

from home.models import HomePage, StandardPage
from innoportal import pictures


def home_pictures(page):
    yield page.hero_image, "feature"


def standard_pictures(page):
    for block in page.body:
        if block.block_type == "image":
            yield block.value, "figure"


pictures.register(HomePage, home_pictures)
pictures.register(StandardPage, standard_pictures)
