import functools

import pytest
from django.core.management import call_command

from innoportal.page_tree import homes
from tests import shared_content
from tests.content import jsonl

shared = shared_content.SharedContent()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    call_command("compile_translations", verbosity=0)


def pytest_collection_modifyitems(items):
    # After pytest-django's own ordering (it runs first): tests needing the same content run together.
    shared_content.order(items)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    # Just before pytest-django opens the test's transaction (or hands a transactional test the
    # database), commit the content the test needs, if it is not there already.
    if fixturedef.argname == "_django_db_helper":
        with request.getfixturevalue("django_db_blocker").unblock():
            shared.ensure(shared_content.needs(request.node), shared_content.is_transactional(request.node))
    return (yield)


@pytest.fixture
def site_tree(db):
    """The bilingual page tree (tests/content.py's SITE): {"en": HomePage, "zh-hant": HomePage}."""
    return homes()


@pytest.fixture
def catalogue(site_tree):
    """The small bilingual catalogue of tests/content.py, imported through the importer."""
    return site_tree


@pytest.fixture
def demo(db):
    """The demo content of `make run`; returns what `load_demo_content` printed."""
    return shared.built["demo"]


@pytest.fixture
def import_file(tmp_path):
    """Run `manage.py import_catalogue` on records (or raw text); returns its output."""

    def run(records_or_text):
        path = tmp_path / "catalogue.jsonl"
        text = records_or_text if isinstance(records_or_text, str) else jsonl(records_or_text)
        path.write_text(text, encoding="utf-8")
        from io import StringIO

        out, err = StringIO(), StringIO()
        call_command("import_catalogue", str(path), stdout=out, stderr=err)
        return out.getvalue()

    return run


@pytest.fixture
def zone(catalogue):
    """The InnoZone in both languages with two exhibits and fast kiosk timings: {"en": page, ...}."""
    return shared.pages("zone")


@pytest.fixture
def innoday(site_tree):
    """An InnoDay with 2 seats, registration open, in both languages: {"en": page, "zh-hant": page}."""
    return shared.pages("innoday")


# Objects of Wagtail's own search indexes (pages for the admin and API v2 search) saved or deleted
# by a test: with an engine, the next test puts them back in their indexes as the rolled-back
# database has them.
touched_indexed_objects = {}


def _note_indexed_object(sender, instance, **kwargs):
    from modelsearch.index import class_is_indexed

    if class_is_indexed(sender) and getattr(sender, "search_auto_update", True):
        touched_indexed_objects[(sender, instance.pk)] = instance


def _restore_indexed_objects():
    from modelsearch.index import insert_or_update_object, remove_object

    for (model, pk), touched in list(touched_indexed_objects.items()):
        instance = model.objects.filter(pk=pk).first()
        if instance is not None:
            insert_or_update_object(instance)
        else:  # made by the test, and rolled back
            remove_object(touched)
    touched_indexed_objects.clear()


@functools.cache
def _every_index_exists():
    """Every index of the site's indexed models exists, as after `update_index`, even with nothing of
    its kind indexed yet (a test without the catalogue has no pages; the demo has no documents). Once
    per process: the tests replace an index's contents, not the index."""
    from modelsearch.backends import get_search_backend
    from modelsearch.index import get_indexed_models

    backend = get_search_backend()
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if not index.exists():
            index.put()
        try:
            index.add_model(model)  # the fields' mappings, as update_index puts them
        except Exception:  # an index an older run made without them, whose guessed mapping conflicts
            index.reset()
            index.add_model(model)


@pytest.fixture(autouse=True)
def search_engine_index_as_the_database(request):
    """With OPENSEARCH_URL (or ELASTICSEARCH_URL) set, searches go to the engine. The database rolls
    back after each test and an engine's index does not, so each test that uses the database starts
    from an index holding exactly the database's search documents, and with Wagtail's own indexes
    as they were before the last test changed them. Without an engine: nothing."""
    from search.backends import engine, uses_elasticsearch

    if (
        uses_elasticsearch()
        and request.node.get_closest_marker("django_db")
        or (uses_elasticsearch() and {"db", "transactional_db"} & set(request.fixturenames))
    ):
        from django.db.models.signals import post_delete, post_save

        from search.models import SearchDocument

        request.getfixturevalue("db")
        _every_index_exists()
        _restore_indexed_objects()
        search = engine()
        search.clear()
        search.write(list(SearchDocument.objects.values_list("id", flat=True)))
        post_save.connect(_note_indexed_object, dispatch_uid="tests-indexed-saved")
        post_delete.connect(_note_indexed_object, dispatch_uid="tests-indexed-deleted")
    yield
