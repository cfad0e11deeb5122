"""Queueing background work so that it exists exactly when the data it is about does."""

from django.db import transaction
from django_tasks_db import DatabaseBackend


def enqueue_with_transaction(task, *args, **kwargs):
    """Queue `task` as part of the current transaction.

    With the database queue (production and `make run`) the task's row is written in the same
    transaction as the data, so both are stored or neither is: a registration saved just before the
    database went away never ends up without its email. A queue outside the database (the immediate
    one in tests) is given the task once the transaction has committed.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
