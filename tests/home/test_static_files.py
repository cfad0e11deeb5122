"""Static files as production serves them: hashed names, compressed, cached for a year."""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.DEBUG = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", "--noinput", verbosity=0)  # Django resets the storage when settings change


def test_stylesheet_is_served_compressed_with_a_hashed_name_and_a_years_caching(production_static):
    url = staticfiles_storage.url("css/portal.css")
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
    client = Client()  # a new client: WhiteNoise reads STATIC_ROOT when the middleware is made
    brotli = client.get(url, headers={"accept-encoding": "br, gzip"})
    assert brotli.status_code == 200 and brotli["Content-Encoding"] == "br"
    assert "immutable" in brotli["Cache-Control"] and "max-age=315360000" in brotli["Cache-Control"]
    gzip = client.get(url, headers={"accept-encoding": "gzip"})
    assert gzip["Content-Encoding"] == "gzip"
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    size = len(b"".join(plain.streaming_content))
    assert len(b"".join(brotli.streaming_content)) < size / 3
