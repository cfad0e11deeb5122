"""Publishing a page makes the renditions of the pictures it shows, in the background.

Encoding AVIF takes a second or so per size: done on the first visit, the first visitor (and the
page cache's first fill) would wait for it. All the pages published in one transaction go to the
task worker as one task, queued once the transaction has committed, so publishing stays as fast as
it was and a rolled-back publish queues nothing. Nothing here may stop a page being published:
every failure is logged and the picture is made on its first visit instead, as before.
"""

import logging

from django_tasks import task
from wagtail.models import Page

from innoportal import pictures
from innoportal.aftercommit import AfterCommit

logger = logging.getLogger(__name__)


def _queue(page_ids):
    make_renditions.enqueue(sorted(page_ids))


_renditions = AfterCommit("renditions", act=_queue, robust=True)


def page_published(sender, instance, **kwargs):
    try:
        if pictures.registered(instance):
            _renditions.add([instance.pk])
    except Exception:
        logger.exception("Renditions of page %s not queued", getattr(instance, "pk", None))


def make(page):
    """Make the renditions of every picture a live page shows; returns how many are ready and how many
    pictures failed."""
    made = failed = 0
    try:
        shown = pictures.shown(page)
    except Exception:
        logger.exception("Pictures of page %s not found", page.pk)
        return made, 1
    for image, kind in shown:
        try:
            made += len(image.get_renditions(*pictures.specs(image, kind)))
        except Exception:
            failed += 1
            logger.exception("Renditions of image %s (%s) on page %s not made", image.pk, kind, page.pk)
    return made, failed


@task()
def make_renditions(page_ids):
    made = failed = 0
    for page in Page.objects.filter(pk__in=page_ids).live().specific():
        page_made, page_failed = make(page)
        made, failed = made + page_made, failed + page_failed
    return f"{made} renditions ready for {len(page_ids)} pages, {failed} pictures failed"


def connect():
    from wagtail.signals import page_published as published

    published.connect(page_published, weak=False, dispatch_uid="renditions-published")
