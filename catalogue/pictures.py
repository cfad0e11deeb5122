"""The pictures a solution page shows (innoportal.pictures): made when it is published."""

from catalogue.models import SolutionPage
from innoportal import pictures


def solution_pictures(page):
    yield page.image, "hero"
    for item in page.gallery_images.select_related("image"):
        yield item.image, "gallery"


pictures.register(SolutionPage, solution_pictures)
