"""Work gathered during a transaction and done once, after it commits.

Publishing a page purges cached pages, updates search documents, makes renditions and replaces the
open-data exports. An import publishes thousands of pages in one transaction: each of those is done
once for all of them, when the transaction commits, and not at all if it rolls back. Outside a
transaction (or when `at_once()` says so: tests, whose transactions never commit) it is done now.

    purge = AfterCommit("page-cache", act=purge_urls)
    purge.add(urls)      # in a signal receiver, as often as it is sent

`act` gets the set of everything added in the transaction. A savepoint rolled back after the first
addition drops the waiting callback with it (Django's on_commit) and the next addition starts a new
set; what was added inside a savepoint rolled back later stays in the set, so `act` must not mind
doing a little more than needed (purging a page twice, updating a document that did not change).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


class _Batch:
    """One transaction's set, registered with on_commit; calling it hands the set to `act`."""

    def __init__(self, after_commit):
        self.after_commit = after_commit
        self.items = set()
        self.at = None  # where it was put in connection.run_on_commit
        self.done = False  # TestCase.captureOnCommitCallbacks runs callbacks and leaves them in the list

    def __call__(self):
        self.done = True
        self.after_commit.run(self.items)


class AfterCommit:
    def __init__(self, name, act, *, robust=False, at_once=lambda: False):
        """`robust`: a failure of `act` is logged and never reaches the code that made the change."""
        self.name = name
        self.act = act
        self.robust = robust
        self.at_once = at_once

    def add(self, items=()):
        connection = transaction.get_connection()
        if not connection.in_atomic_block or self.at_once():
            self.run(set(items))
            return
        batch = self._waiting(connection)
        if batch is None:
            batch = _Batch(self)
            transaction.on_commit(batch)
            batch.at = len(connection.run_on_commit) - 1
            connection.__dict__.setdefault("after_commit_batches", {})[self.name] = batch
        batch.items.update(items)

    def run(self, items):
        if not self.robust:
            self.act(items)
            return
        try:
            self.act(items)
        except Exception:
            logger.exception("%s failed after a change", self.name)

    def _waiting(self, connection):
        """This transaction's batch, if its callback still waits. Looked up where it was put (an import
        sends thousands of signals: no search of the whole list each time); a savepoint rolled back
        since may have moved it up the list, or removed it; a commit or rollback empties the list."""
        batch = connection.__dict__.get("after_commit_batches", {}).get(self.name)
        if batch is None or batch.done:
            return None
        callbacks = connection.run_on_commit
        for n in range(min(batch.at, len(callbacks) - 1), -1, -1):
            if callbacks[n][1] is batch:
                batch.at = n
                return batch
        return None
