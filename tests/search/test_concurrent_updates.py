"""Two task workers updating the same item's search documents at once (it was published twice in a
row): the second waits for the first and replaces its documents, instead of failing on the unique
document per page and language. PostgreSQL only: SQLite runs one writer at a time anyway."""

import threading
import time

import pytest
from django.db import connection, transaction

from catalogue.models import WishPage
from search import documents
from search.backends import engine
from search.models import SearchDocument

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
def test_a_second_update_of_the_same_item_waits_and_then_replaces_the_documents(catalogue):
    key = str(WishPage.objects.get(item__key="W-0001", locale__language_code="en").translation_key)
    expected = SearchDocument.objects.filter(translation_key=key).count()
    first_done, second_started, failures = threading.Event(), threading.Event(), []

    def first():
        try:
            with transaction.atomic():
                documents._update([key], engine())
                second_started.wait(10)
                time.sleep(0.5)  # the second is now waiting on this transaction
        finally:
            first_done.set()
            connection.close()

    def second():
        try:
            second_started.set()
            documents.update([key])
        except Exception as error:  # what a worker would log as the task's failure
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    time.sleep(0.3)  # the first holds its transaction open
    threads[1].start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert expected > 0 and SearchDocument.objects.filter(translation_key=key).count() == expected
