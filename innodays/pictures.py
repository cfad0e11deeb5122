"""The pictures an InnoDay page shows (innoportal.pictures): made when it is published."""

from innodays.models import InnoDayPage
from innoportal import pictures


def innoday_pictures(page):
    yield page.hero_image, "hero"
    for session in page.agenda:
        for speaker in session.value["speakers"]:
            yield speaker["photo"], "avatar"


pictures.register(InnoDayPage, innoday_pictures)
