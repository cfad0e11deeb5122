"""The API v2's images and documents are only those a live, public page uses (innoportal.api_media):
a draft's, a private section's, an unused one or one in a restricted collection is not listed, found
by id nor by search, on the database's search and on a search engine alike."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import StandardPage
from innoportal.page_tree import publish

IMAGES, DOCUMENTS = "/api/v2/images/", "/api/v2/documents/"


def image(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    made = get_image_model()(title=title, description=title)
    made.file = ImageFile(buffer, name="photo.png")
    made.save()
    return made


def document(title, collection=None):
    made = get_document_model()(title=title, file=ContentFile(b"%PDF-1.4 report", name="report.pdf"))
    if collection is not None:
        made.collection = collection
    made.save()
    return made


def page(parent, slug, images=(), documents=(), live=True):
    """A standard page under `parent` showing `images` and linking to `documents`; published if `live`."""
    body = [{"type": "image", "value": {"image": i.pk, "alt_text": i.title, "decorative": False}} for i in images]
    links = "".join(f'<a linktype="document" id="{d.pk}">{d.title}</a>' for d in documents)
    if links:
        body.append({"type": "paragraph", "value": f"<p>{links}</p>"})
    made = StandardPage(title=slug.title(), slug=slug, body=body, live=False)
    parent.add_child(instance=made)
    return publish(made) if live else made


def listed(client, endpoint, **query):
    if "search" in query:
        get_search_backend().refresh_indexes()  # a search engine's index: searchable at once, not in a second
    answer = client.get(endpoint, query)
    assert answer.status_code == 200
    return {item["title"] for item in answer.json()["items"]}


def shown(client, endpoint, medium):
    """Whether the API shows `medium`: listed, found by id, by `find` and by a search of its title."""
    seen = {
        "listing": medium.title in listed(client, endpoint),
        "search": medium.title in listed(client, endpoint, search=medium.title),
        "detail": client.get(f"{endpoint}{medium.pk}/").status_code == 200,
        "find": client.get(f"{endpoint}find/", {"id": medium.pk}).status_code == 302,
    }
    assert len(set(seen.values())) == 1, seen
    return seen["listing"]


def test_a_drafts_image_is_shown_only_while_its_page_is_live(client, site_tree):
    photo = image("Culvert robot prototype")
    draft = page(site_tree["en"], "robot-draft", images=[photo], live=False)
    assert not shown(client, IMAGES, photo)
    assert client.get(f"{IMAGES}{photo.pk}/").json() == client.get(f"{IMAGES}999999/").json()  # as unknown

    publish(draft)
    assert shown(client, IMAGES, photo)
    assert client.get(f"{IMAGES}{photo.pk}/").json()["meta"]["download_url"]

    StandardPage.objects.get(pk=draft.pk).unpublish()
    assert not shown(client, IMAGES, photo)


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_an_image_a_private_section_uses_is_not_shown(client, site_tree, restriction):
    section = page(site_tree["en"], "members")
    PageViewRestriction.objects.create(page=section, restriction_type=restriction, password="secret")
    photo = image("Members only chiller photo")
    page(section, "inside", images=[photo])
    assert not shown(client, IMAGES, photo)
    # A public page using it too makes it public.
    page(site_tree["en"], "outside", images=[photo])
    assert shown(client, IMAGES, photo)


def test_a_document_a_live_public_page_links_to_is_listed_and_one_nothing_uses_is_not(client, site_tree):
    used, unused = document("Chiller trial report"), document("Chiller tender draft")
    page(site_tree["en"], "reports", documents=[used])
    assert shown(client, DOCUMENTS, used)
    assert not shown(client, DOCUMENTS, unused)
    assert client.get(f"{DOCUMENTS}{used.pk}/").json()["meta"]["download_url"]


def test_a_document_in_a_restricted_collection_is_not_listed_even_when_a_public_page_uses_it(admin_client, site_tree):
    private = Collection.get_first_root_node().add_child(name="Under review")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN, password=""
    )
    nested = private.add_child(name="Under review, drafts")
    reviewed, draft = document("Reviewed lift report", private), document("Lift report draft", nested)
    page(site_tree["en"], "lift-reports", documents=[reviewed, draft])
    # Not even to someone logged in, whom Wagtail's own listing would show them.
    assert not shown(admin_client, DOCUMENTS, reviewed)
    assert not shown(admin_client, DOCUMENTS, draft)


def test_a_media_listing_or_search_reads_the_same_few_rows_however_many_items(client, site_tree):
    def queries(**query):
        get_search_backend().refresh_indexes()
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(IMAGES, {"fields": "*", **query})
        assert answer.status_code == 200
        return len(captured), len(answer.json()["items"])

    def tagged(title):
        made = image(title)
        made.tags.add("robotics", "drains")
        return made

    page(site_tree["en"], "gallery", images=[tagged(f"Gallery photo {n}") for n in range(2)])
    few, searched = queries(), queries(search="photo")
    assert (few[1], searched[1]) == (2, 2) and few[0] <= 6
    page(site_tree["en"], "more-gallery", images=[tagged(f"More photo {n}") for n in range(5)])
    assert queries() == (few[0], 7) and queries(search="photo") == (searched[0], 7)
    assert [item["meta"]["tags"] for item in client.get(IMAGES).json()["items"]] == [["drains", "robotics"]] * 7


def test_a_document_only_a_draft_uses_is_served_to_editors_only_until_its_page_is_live(client, admin_client, site_tree):
    # Wagtail's document addresses count up: each could be asked for in turn.
    drafts, loose = document("Tender evaluation draft"), document("Leaflet")
    draft = page(site_tree["en"], "evaluation", documents=[drafts], live=False)
    address, loose_address = drafts.url, loose.url
    assert client.get(address).status_code == 404
    assert admin_client.get(address).status_code == 200  # an editor previewing the draft
    assert client.get(loose_address).status_code == 200  # used by no page: served, as Wagtail does

    publish(draft)
    served = client.get(address)
    assert served.status_code == 200 and b"".join(served.streaming_content).startswith(b"%PDF")
    StandardPage.objects.get(pk=draft.pk).unpublish()
    assert client.get(address).status_code == 404
