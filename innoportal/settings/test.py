import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once in tests, so what the worker would do is visible to the test straight away.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: browser tests read from the live server's thread while the test
    # writes, which an in-memory database would refuse with table locks.
    # One file per test process, so that two test runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405  (a fresh clone has none before `make run`)

# Tests in parallel (pytest -n): each process is "gw0", "gw1", ... pytest-django gives each its own
# database; with Redis, each gets its own Redis database too, since cache.clear() empties a whole one.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER and CACHE_URL:  # noqa: F405
    _url = urlsplit(CACHE_URL)  # noqa: F405
    _db = int(_url.path.strip("/") or 0) + int(WORKER.removeprefix("gw"))
    CACHES["default"]["LOCATION"] = _url._replace(path=f"/{_db}").geturl()  # noqa: F405
    CACHES["pages"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
if not CACHE_URL:  # noqa: F405
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}  # noqa: F405
# Most tests change content straight in the database and look at the page: the page cache is on
# only in the tests of it (tests/pagecache), which also see that publishing purges it.
PAGE_CACHE = False
# A test's changes are rolled back, never committed: purge as they happen (tests/pagecache commits,
# and purges after the commit, as production does).
PAGE_CACHE_PURGE_AT_ONCE = True

# With a search engine (OPENSEARCH_URL / ELASTICSEARCH_URL), each test process has its own indexes.
_ENGINE = WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]  # noqa: F405
if "elasticsearch" in _ENGINE or "opensearch" in _ENGINE:
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"innoportal_test_{WORKER or 'main'}_"  # noqa: F405
    if not os.environ.get("SEARCH_TIMEOUT"):
        # The whole suite on two cores beside the node can keep it busy for seconds while it makes an
        # index (a 5 s read timeout was once hit setting an alias): tests wait longer than production.
        # The outage tests configure their own unreachable engine and are not slowed by this.
        WAGTAILSEARCH_BACKENDS["default"]["TIMEOUT"] = 30  # noqa: F405
