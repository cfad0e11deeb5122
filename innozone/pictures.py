"""The pictures the InnoZone pages show (innoportal.pictures): made when they are published.

An exhibit's first photo is also its card on the InnoZone page, so publishing an exhibit makes that too.
"""

from innoportal import pictures
from innozone.models import ExhibitPage, InnoZonePage


def exhibit_pictures(page):
    photos = [photo.image for photo in page.photos.select_related("image")]
    for image in photos:
        yield image, "photo"
    if photos:
        yield photos[0], "card"


def zone_pictures(page):
    yield page.floor_plan, "figure"
    for exhibit in page.exhibits():
        photo = exhibit.photos.select_related("image").first()
        if photo:
            yield photo.image, "card"


pictures.register(ExhibitPage, exhibit_pictures)
pictures.register(InnoZonePage, zone_pictures)
