"""Media on object storage (MEDIA_STORAGE=s3, django-storages) against a real S3-compatible server.

Skipped unless S3_TEST_URL names one that answers: `make s3-node` starts the Versity S3 Gateway on
http://127.0.0.1:7070 (bin/s3-node), then
    S3_TEST_URL=http://127.0.0.1:7070 .venv/bin/python -m pytest tests/test_object_storage.py
S3_TEST_ACCESS_KEY and S3_TEST_SECRET_KEY default to bin/s3-node's keys. Each test process uses its own
bucket and empties it afterwards.
"""

import io
import os
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from PIL import Image as PillowImage

from innoportal.settings.storage import s3_storage

URL = os.environ.get("S3_TEST_URL", "")
ACCESS_KEY = os.environ.get("S3_TEST_ACCESS_KEY", "innoportal")
SECRET_KEY = os.environ.get("S3_TEST_SECRET_KEY", "innoportal-local-s3")
BUCKET = "innoportal-test-" + (os.environ.get("PYTEST_XDIST_WORKER") or "main")


def reachable():
    if not URL:
        return False
    try:
        urllib.request.urlopen(URL, timeout=2)
    except urllib.error.HTTPError:  # it answers (an anonymous request is refused)
        return True
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(not reachable(), reason="no S3-compatible server at S3_TEST_URL (make s3-node)"),
    pytest.mark.django_db,
]


@pytest.fixture
def bucket(monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    s3 = boto3.client("s3", endpoint_url=URL, region_name="us-east-1")
    if BUCKET not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=BUCKET)
    environment = {"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": URL}
    storage = s3_storage(lambda name, default=None: environment.get(name, default))
    with override_settings(STORAGES={**_storages(), "default": storage}):
        yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])


def _storages():
    from django.conf import settings

    return settings.STORAGES


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_a_document_is_stored_in_the_bucket_and_served_from_it(bucket, client):
    from wagtail.documents.models import Document

    body = b"%PDF-1.4\n% InnoPortal verified performance report\n"
    document = Document.objects.create(title="Report", file=ContentFile(body, name="report.pdf"))

    stored = bucket.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    assert stored == body
    with document.file.open("rb") as file:
        assert file.read() == body
    # Wagtail's document address redirects to the object's signed URL, which the server answers.
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{URL}/{BUCKET}/") and "X-Amz-Signature=" in response["Location"]
    assert fetch(response["Location"]) == (200, body)


def test_an_image_and_its_rendition_are_made_from_and_kept_in_the_bucket(bucket):
    from wagtail.images.models import Image

    data = io.BytesIO()
    PillowImage.new("RGB", (640, 480), (0, 120, 200)).save(data, "PNG")
    image = Image.objects.create(title="Chiller", file=ImageFile(io.BytesIO(data.getvalue()), name="chiller.png"))
    assert (image.width, image.height) == (640, 480)

    rendition = image.get_rendition("fill-160x120|format-webp")  # reads the original back from the bucket
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {image.file.name, rendition.file.name} <= keys
    status, body = fetch(rendition.url)
    assert status == 200
    made = PillowImage.open(io.BytesIO(body))
    assert (made.format, made.size) == ("WEBP", (160, 120))
