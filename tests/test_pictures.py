"""Pictures: AVIF and WebP sources with widths for the layout, an <img> that keeps its place, and the
renditions made when a page is published rather than on its first visit."""

import io
import logging
from contextlib import contextmanager

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalogue.models import SolutionImage, SolutionPage
from home.models import StandardPage
from innodays.models import InnoDayPage
from innoportal import pictures
from innoportal.page_tree import publish
from tests.html import soup

SOLUTION = "/en/solutions/drain-inspection-robot/"


def upload(name, size=(1600, 1200), colour="teal", alt="A drain inspection robot in a culvert"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG" if name.endswith(".jpg") else "PNG")
    image = get_image_model()(title=name, description=alt)
    image.file = ImageFile(buffer, name=name)
    image.save()
    return image


def made_specs(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


def publish_after_commit(page, capture):
    """Publish as an editor does: the background task runs once the transaction commits."""
    with capture(execute=True):
        publish(page)


def widths(srcset):
    return sorted(int(candidate.split()[1].rstrip("w")) for candidate in srcset.split(", "))


@pytest.fixture
def solution(catalogue):
    return SolutionPage.objects.get(url_path__endswith="/drain-inspection-robot/", locale__language_code="en")


def test_publishing_a_page_makes_its_renditions_before_anyone_visits(solution, django_capture_on_commit_callbacks):
    hero, photo = upload("robot.jpg"), upload("culvert.png")
    solution.image = hero
    solution.gallery_images = [SolutionImage(image=photo, caption="In the culvert")]
    publish_after_commit(solution, django_capture_on_commit_callbacks)

    assert made_specs(hero) == set(pictures.stored_specs(hero, "hero"))
    assert "format-avif|fill-1200x400" in made_specs(hero)
    assert made_specs(photo) == set(pictures.stored_specs(photo, "gallery"))
    assert len(made_specs(photo)) == 9  # three widths in AVIF, WebP and PNG
    # The visit makes nothing more: the page asks for exactly what publishing made.
    assert Client().get(SOLUTION).status_code == 200
    assert made_specs(hero) == set(pictures.stored_specs(hero, "hero"))
    assert made_specs(photo) == set(pictures.stored_specs(photo, "gallery"))


def test_a_picture_offers_avif_and_webp_in_three_widths_and_an_img_in_the_original_format(
    solution, django_capture_on_commit_callbacks
):
    solution.image = upload("robot.jpg")
    solution.gallery_images = [SolutionImage(image=upload("culvert.png", alt="The culvert"))]
    publish_after_commit(solution, django_capture_on_commit_callbacks)
    page = soup(Client().get(SOLUTION))

    hero = page.select_one(".hero-figure picture")
    avif, webp = hero.select("source")
    assert (avif["type"], webp["type"]) == ("image/avif", "image/webp")
    for source in (avif, webp):
        assert widths(source["srcset"]) == [480, 720, 1200]
        assert source["sizes"] == "(min-width: 72rem) 69.5rem, calc(100vw - 2.5rem)"
    assert ".avif 480w" in avif["srcset"] and ".webp 1200w" in webp["srcset"]
    img = hero.select_one("img")
    assert (img["width"], img["height"]) == ("1200", "400")  # its place is kept while it loads
    assert img["alt"] == "A drain inspection robot in a culvert"
    assert img["src"].endswith(".jpg") and widths(img["srcset"]) == [480, 720, 1200]
    assert img["decoding"] == "async" and "loading" not in img.attrs  # at the top: loads at once
    assert img["fetchpriority"] == "high"

    photo = page.select_one(".gallery picture")
    assert [s["type"] for s in photo.select("source")] == ["image/avif", "image/webp"]
    assert widths(photo.select_one("source")["srcset"]) == [320, 480, 960]
    img = photo.select_one("img")
    assert img["src"].endswith(".png")  # a PNG stays PNG for browsers without AVIF or WebP
    assert (img["width"], img["height"], img["alt"]) == ("480", "320", "The culvert")
    assert img["loading"] == "lazy" and img["decoding"] == "async"


def test_a_gallery_reads_its_renditions_in_the_same_queries_however_many_photos(
    solution, django_capture_on_commit_callbacks
):
    def queries_with(count):
        solution.gallery_images = [SolutionImage(image=upload(f"photo{n}.png", size=(960, 640))) for n in range(count)]
        publish_after_commit(solution, django_capture_on_commit_callbacks)
        client = Client()
        client.get(SOLUTION)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SOLUTION).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(1)


def test_a_page_without_pictures_shows_none(solution):
    page = soup(Client().get(SOLUTION))
    assert page.select("picture, img") == []
    assert page.h1


def test_image_blocks_keep_their_own_alt_text_and_decorative_ones_have_none(
    catalogue, django_capture_on_commit_callbacks
):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    chiller, ornament = upload("chiller.jpg"), upload("ornament.png")
    about.body = [
        ("image", {"image": chiller, "alt_text": "The oil-free chiller at EMSD HQ", "decorative": False}),
        ("image", {"image": ornament, "alt_text": "", "decorative": True}),
    ]
    publish_after_commit(about, django_capture_on_commit_callbacks)
    assert made_specs(chiller) == set(pictures.stored_specs(chiller, "figure"))

    first, second = soup(Client().get("/en/about/")).select(".prose picture img")
    assert first["alt"] == "The oil-free chiller at EMSD HQ" and second["alt"] == ""
    assert first["loading"] == "lazy" and (first["width"], first["height"]) == ("960", "720")
    assert widths(first["srcset"]) == [480, 960, 1440]


def test_speakers_photos_are_made_on_publish_and_shown_small(innoday, django_capture_on_commit_callbacks):
    day = InnoDayPage.objects.get(pk=innoday["en"].pk)
    face = upload("speaker.jpg", size=(400, 400))
    day.agenda = [
        ("session", {"starts": "09:30", "title": "Welcome", "speakers": [{"name": "Dr Chan", "photo": face}]}),
    ]
    publish_after_commit(day, django_capture_on_commit_callbacks)
    assert made_specs(face) == set(pictures.stored_specs(face, "avatar"))

    img = soup(Client().get(day.url)).select_one(".speaker picture img")
    assert img["alt"] == "" and img["class"] == ["speaker__photo"] and img["sizes"] == "48px"
    assert widths(img["srcset"]) == [48, 96, 144]


@contextmanager
def logged(name):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def test_a_picture_that_cannot_be_made_is_logged_and_the_page_is_still_published(
    solution, django_capture_on_commit_callbacks
):
    broken = upload("gone.jpg")
    broken.file.storage.delete(broken.file.name)  # the original went missing from storage
    solution.image = broken
    solution.title = "Drain inspection robot, new"
    with logged("innoportal.renditions") as records:
        publish_after_commit(solution, django_capture_on_commit_callbacks)
    assert SolutionPage.objects.get(pk=solution.pk).title == "Drain inspection robot, new"
    assert [r.levelno for r in records] == [logging.ERROR]
    assert f"image {broken.pk} (hero)" in records[0].getMessage()
    assert not broken.renditions.exists()


def test_a_kind_must_be_known():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load pictures %}{% responsive_picture image "banner" %}')
    assert Template('{% load pictures %}{% responsive_picture image "hero" %}').render(Context({})) == ""
