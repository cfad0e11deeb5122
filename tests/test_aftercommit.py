"""Work gathered during a transaction is done once, after it commits, and never for a rollback."""

import pytest
from django.db import transaction

from innoportal.aftercommit import AfterCommit

pytestmark = pytest.mark.django_db(transaction=True)


class Abandoned(Exception):
    pass


def abandon():
    raise Abandoned


class Recorder:
    def __init__(self, fail=False):
        self.calls, self.fail = [], fail

    def __call__(self, items):
        self.calls.append(set(items))
        if self.fail:
            raise RuntimeError("the cache is down")


def test_everything_added_in_a_transaction_is_acted_on_once_after_commit():
    done = Recorder()
    work = AfterCommit("test-once", act=done)
    with transaction.atomic():
        for n in range(500):
            work.add([n % 7])
        work.add()
        assert done.calls == []
    assert done.calls == [set(range(7))]
    with transaction.atomic():
        work.add(["next"])
    assert done.calls == [set(range(7)), {"next"}]


def test_a_rolled_back_transaction_does_nothing():
    done = Recorder()
    work = AfterCommit("test-rollback", act=done)
    with pytest.raises(Abandoned), transaction.atomic():
        work.add(["lost"])
        abandon()
    assert done.calls == []
    with transaction.atomic():
        work.add(["kept"])
    assert done.calls == [{"kept"}]


def test_a_savepoint_rolled_back_drops_its_batch_and_the_next_addition_starts_another():
    done, other = Recorder(), Recorder()
    work, unrelated = AfterCommit("test-savepoint", act=done), AfterCommit("test-other", act=other)
    with transaction.atomic():
        unrelated.add(["before"])
        with pytest.raises(Abandoned), transaction.atomic():
            unrelated.add(["inner"])  # the same batch as "before": not dropped
            for _ in range(3):
                transaction.on_commit(lambda: None)
            work.add(["in the savepoint"])
            abandon()
        work.add(["after"])
        work.add(["again"])
    assert done.calls == [{"after", "again"}]
    assert other.calls == [{"before", "inner"}]


def test_outside_a_transaction_or_when_asked_it_is_done_at_once():
    done = Recorder()
    AfterCommit("test-now", act=done).add(["now"])
    assert done.calls == [{"now"}]
    with transaction.atomic():
        AfterCommit("test-asked", act=done, at_once=lambda: True).add(["asked"])
        assert done.calls == [{"now"}, {"asked"}]


def test_a_robust_failure_never_reaches_the_change_that_caused_it():
    failing = Recorder(fail=True)
    work = AfterCommit("test-robust", act=failing, robust=True)
    work.add(["now"])
    with transaction.atomic():
        work.add(["later"])
    assert failing.calls == [{"now"}, {"later"}]
    with pytest.raises(RuntimeError):
        AfterCommit("test-fragile", act=Recorder(fail=True)).add(["now"])


def test_callbacks_captured_and_run_by_a_test_case_are_not_added_to_again(django_capture_on_commit_callbacks):
    done = Recorder()
    work = AfterCommit("test-captured", act=done)
    with pytest.raises(Abandoned), transaction.atomic():  # as in a test case: never committed
        with django_capture_on_commit_callbacks(execute=True):
            work.add(["first"])
        with django_capture_on_commit_callbacks(execute=True):
            work.add(["second"])
        abandon()
    assert done.calls == [{"first"}, {"second"}]
