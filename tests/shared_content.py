"""Content many tests share is built once and committed, not rebuilt inside every test.

Building the bilingual page tree and importing the small catalogue takes 1.5-3 s, the InnoZone or an
InnoDay on top another 0.5 s, the demo content 5 s; most tests need some of these and change them
only inside their own transaction, which rolls back. So tests that need the same content run one
after another (`order`), the content is committed before the first of them (`SharedContent.ensure`)
and stays until a test needs other content:

- content that extends what is there (the catalogue on top of the page tree) is built on top;
- anything else starts again from the database as migrations left it: the tables are emptied and
  the rows the migrations had written are put back (as Django's serialized rollback does).

A transactional test (live server, worker processes) commits for real and its tables are emptied
afterwards, so what is there after one is unknown and the next test starts again.

A test says what it needs by the fixtures it uses, whose names are the layers below.
"""

import json
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection


def _site_tree():
    from home.site_tree import build_site_tree
    from tests.content import SITE

    build_site_tree(SITE)


def _catalogue():
    from tests.content import catalogue_records, load

    load(catalogue_records())


def _zone():
    from tests.innozone.builders import build_zone

    return build_zone()


def _innoday():
    from tests.events.builders import build_innoday

    return build_innoday()


def _demo():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


# Layers in the order they are built; each needs those its fixture depends on (zone: the catalogue).
LAYERS = {"demo": _demo, "site_tree": _site_tree, "catalogue": _catalogue, "zone": _zone, "innoday": _innoday}


def needs(item):
    """The layers of content the test `item` needs, in building order: () for none."""
    return tuple(layer for layer in LAYERS if layer in item.fixturenames)


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or {"transactional_db", "live_server"} & set(item.fixturenames)
    )


def order(items):
    """Tests that roll back, grouped by the content they need (sorted, so that content that extends
    other content comes right after it), then the transactional ones, then tests without a database,
    as pytest-django has them. Stable: tests keep their file order within a group."""
    position = {layer: n for n, layer in enumerate(LAYERS)}

    def key(item):
        if is_transactional(item):
            return (1, ())
        if item.get_closest_marker("django_db") or "db" in item.fixturenames:
            return (0, tuple(position[layer] for layer in needs(item)))
        return (2, ())

    items.sort(key=key)


def _serialized_database():
    """The database's rows as Django's serialized rollback keeps them, content types first: building
    some of Wagtail's models looks their content type up, and creates it if it is not there yet."""
    rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


class SharedContent:
    """What is committed in the test database now, and how to get to what the next test needs."""

    def __init__(self):
        self.layers = ()  # what is committed on top of the migrated database; None: unknown
        self.migrated = None  # the rows migrations wrote, serialized before anything else ran
        self.built = {}  # what each layer's builder returned: pages by language, the demo's output

    def ensure(self, layers, transactional):
        if self.migrated is None:
            self.migrated = _serialized_database()
        if self.layers is None or self.layers != layers[: len(self.layers)]:
            self._start_again()
        for n in range(len(self.layers), len(layers)):
            self.layers = None  # until the layer is complete: a builder that fails leaves it unknown
            self.built[layers[n]] = LAYERS[layers[n]]()
            self.layers = layers[: n + 1]
        cache.clear()
        if transactional:
            self.layers = None  # the test commits, and its tables are emptied afterwards

    def pages(self, layer):
        """The pages a layer built, {language: page}, read afresh: a test may change its copies."""
        return {code: type(page).objects.get(pk=page.pk) for code, page in self.built[layer].items()}

    def _start_again(self):
        # Sequences go on from where they were, as in Django's serialized rollback: restarted, they
        # would hand out the keys of the rows put back.
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
        connection.creation.deserialize_db_from_string(self.migrated)
        cache.clear()
        self.layers = ()
